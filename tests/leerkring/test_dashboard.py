"""The home of each role (/overzicht/): what is there for me now, and nothing of another
municipality or another circle."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.models import Aanmelding
from dilemmas import services as dilemma_services
from dilemmas.models import Rol, Waarde
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    DeelnameFactory,
    DilemmaFactory,
    DownloadFactory,
    GemeenteFactory,
    LeerkringFactory,
    LidmaatschapFactory,
    PublicatieFactory,
    PublicatieVersieFactory,
    ReactieFactory,
    RenderJobFactory,
    UserFactory,
    VerslagFactory,
    WerkgroepFactory,
)

SVG = "{http://www.w3.org/2000/svg}"
URL = "/overzicht/"


def _meeting(leerkring, title, days, **fields):
    start = timezone.now() + datetime.timedelta(days=days)
    return BijeenkomstFactory(
        leerkring=leerkring,
        title=title,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        registration_closes_at=start - datetime.timedelta(hours=1),
        **fields,
    )


def _seat(meeting, user, gemeente, status="aangemeld", **fields):
    return AanmeldingFactory(
        bijeenkomst=meeting, deelnemer=user, gemeente=gemeente, status=status, **fields
    )


def _casus(circle, dilemma, author, rollen=("faciliteren",), **fields):
    return dilemma_services.casus_create(
        author=author,
        leerkring=circle.leerkring,
        dilemma=dilemma,
        rollen=Rol.objects.filter(slug__in=rollen),
        waarden=Waarde.objects.filter(slug="deliberatie"),
        publish=True,
        title=fields.pop("title", "Een buurthuis"),
        situation="Twee groepen willen het buurthuis.",
        question="Wat doe je?",
        **fields,
    )


def _publicatie(leerkring, slug, kind="slotpublicatie"):
    publicatie = PublicatieFactory(
        leerkring=leerkring,
        slug=slug,
        kind=kind,
        title=f"Publicatie {slug}",
        abstract="Samenvatting.",
        release_at=timezone.now() - datetime.timedelta(days=1),
        visibility="openbaar",
    )
    versie = PublicatieVersieFactory(publicatie=publicatie, number=1, body="Tekst.")
    return publicatie, versie


def _download(publicatie, versie, user, gemeente):
    return DownloadFactory(publicatie=publicatie, versie=versie, user=user, gemeente=gemeente)


def _section(html: str, heading_id: str) -> str:
    """The HTML of one <section> of the home, by the id of its heading, up to its own end tag:
    a role's section holds cards, which are sections themselves."""
    match = re.search(rf'<section aria-labelledby="{heading_id}"[^>]*>', html)
    assert match, f"no section {heading_id}"
    depth = 1
    for tag in re.finditer(r"<(/?)section\b", html[match.end() :]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[match.end() : match.end() + tag.start()]
    raise AssertionError(f"section {heading_id} is not closed")


def _tables(html: str) -> list[dict]:
    """Each table's caption, column headers and rows (header cell + data cells)."""
    tables = []
    for table in re.findall(r"<table.*?</table>", html, re.S):
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S)
        columns = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r'<th[^>]*scope="col"[^>]*>(.*?)</th>', table, re.S)
        ]
        rows = []
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
            head = re.search(r'<th[^>]*scope="row"[^>]*>(.*?)</th>', row, re.S)
            if head:
                cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
                rows.append(
                    (
                        re.sub(r"<[^>]+>", "", head.group(1)).strip(),
                        [re.sub(r"<[^>]+>", "", c).strip() for c in cells],
                    )
                )
        tables.append(
            {
                "caption": caption.group(1).strip() if caption else "",
                "columns": columns,
                "rows": rows,
            }
        )
    return tables


@pytest.fixture
def busy(circle):
    """A circle with a bit of everything, plus a second circle that nobody here is part of."""
    dilemma = DilemmaFactory(leerkring=circle.leerkring, title="Bemiddelen", slug="bemiddelen")
    sturen = DilemmaFactory(
        leerkring=circle.leerkring, title="Loslaten of sturen", slug="loslaten", position=0
    )
    dilemma.position = 1
    dilemma.save()
    held = _meeting(circle.leerkring, "Kick-off", -30, capacity=40, status="gehouden")
    _seat(held, circle.member, circle.breda, status="aanwezig")
    _seat(held, circle.coordinator, circle.breda, status="aanwezig")
    _seat(held, circle.other_member, circle.tilburg, status="aanwezig")
    _seat(held, circle.hidden, circle.breda, status="aangemeld")  # registered, did not come
    second = _meeting(circle.leerkring, "Reflectie", -10, capacity=40)  # nothing marked
    _seat(second, circle.member, circle.breda)
    _seat(second, circle.other_member, circle.tilburg)
    werkgroep_meeting = _meeting(circle.leerkring, "Werkgroep bemiddelen", 10, capacity=20)
    groep = WerkgroepFactory(
        bijeenkomst=werkgroep_meeting, title="Tafel 1", dilemma=dilemma, capacity=5
    )
    _seat(werkgroep_meeting, circle.member, circle.breda, werkgroep=groep)
    full = _meeting(circle.leerkring, "Volle slotconferentie", 20, capacity=1)
    now = timezone.now()
    _seat(full, circle.other_member, circle.tilburg)
    _seat(full, circle.hidden, circle.breda, status="wachtlijst", waitlisted_at=now)
    _seat(
        full,
        circle.member,
        circle.breda,
        status="wachtlijst",
        waitlisted_at=now + datetime.timedelta(minutes=1),
    )
    open_meeting = _meeting(circle.leerkring, "Open leeratelier", 25, capacity=30)
    VerslagFactory(bijeenkomst=held, status="gepubliceerd", published_at=now)

    other_circle = LeerkringFactory(title="Andere leerkring")
    elsewhere = GemeenteFactory(name="Elders")
    DeelnameFactory(leerkring=other_circle, gemeente=elsewhere)
    stranger = LidmaatschapFactory(gemeente=elsewhere, user=UserFactory(name="Vreemde")).user
    foreign = _meeting(other_circle, "Vreemde bijeenkomst", 5)
    _seat(foreign, stranger, elsewhere)
    foreign_held = _meeting(other_circle, "Vreemde kick-off", -5, status="gehouden")
    VerslagFactory(bijeenkomst=foreign_held, status="gepubliceerd", published_at=now)

    mine = _casus(circle, dilemma, circle.member, rollen=("faciliteren", "verbinder"))
    _casus(circle, dilemma, circle.other_member, rollen=("verbinder",), title="Tilburgse casus")
    _casus(circle, sturen, circle.coordinator, rollen=("sturen",), title="Sturen in Breda")
    ReactieFactory(casus=mine, author=circle.other_member, body="Herkenbaar in Tilburg.")
    ReactieFactory(casus=mine, author=circle.member, body="Mijn eigen aanvulling.")
    ReactieFactory(
        casus=mine,
        author=circle.other_member,
        body="Weggehaald bericht.",
        is_hidden=True,
        hidden_reason="Persoonsgegevens",
    )

    slot, versie = _publicatie(circle.leerkring, "slot")
    _download(slot, versie, circle.coordinator, circle.breda)
    _download(slot, versie, circle.coordinator, circle.breda)
    _download(slot, versie, circle.member, circle.breda)
    _download(slot, versie, circle.other_member, circle.tilburg)
    _download(slot, versie, None, None)
    foreign_slot, foreign_versie = _publicatie(other_circle, "ander-slot")
    _download(foreign_slot, foreign_versie, stranger, elsewhere)

    foreign_job = RenderJobFactory(
        kind="verslag", object_id=999_999, status="failed", last_error="elders"
    )
    return {
        "held": held,
        "second": second,
        "werkgroep_meeting": werkgroep_meeting,
        "full": full,
        "open": open_meeting,
        "foreign": foreign,
        "foreign_job": foreign_job,
        "dilemma": dilemma,
        "sturen": sturen,
        "slot": slot,
    }


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_logging_in_lands_on_the_home_of_ones_role(client, circle):
    response = client.post(
        reverse("account_login"), {"login": "lid@breda.nl", "password": "een-sterk-wachtwoord-42"}
    )
    assert response.status_code == 302, response.content
    assert response["Location"] == URL


def test_a_civil_servant_sees_meetings_groups_waiting_place_reports_and_replies(
    client, circle, busy
):
    client.force_login(circle.member)
    html = client.get(URL).text
    member = _section(html, "home-member")
    # My next meetings, in order, with my work group and my place on the waiting list.
    assert member.index("Werkgroep bemiddelen") < member.index("Volle slotconferentie")
    assert "Je werkgroep: Tafel 1 (Bemiddelen)." in member
    assert "Je staat op de wachtlijst: plaats 2." in member
    assert "Open leeratelier" in member  # open to me, not registered yet
    # Meetings that are over are not "next".
    assert "Kick-off</a>\n    <p" not in member
    assert "Verslag van Kick-off" in member
    assert "Herkenbaar in Tilburg." in member
    assert "Mijn eigen aanvulling." not in member  # my own comment is no reply
    assert "Weggehaald bericht." not in member  # hidden by a researcher
    # Nothing of the other circle, and no sections of roles I do not have.
    for foreign in ("Vreemde bijeenkomst", "Vreemde kick-off", "Andere leerkring", "Elders"):
        assert foreign not in html
    assert 'id="home-coordinator' not in html
    assert 'id="home-researcher"' not in html


def test_the_waiting_place_follows_people_leaving_the_list(client, circle, busy):
    Aanmelding.objects.filter(bijeenkomst=busy["full"], deelnemer=circle.hidden).update(
        status="geannuleerd"
    )
    client.force_login(circle.member)
    assert "Je staat op de wachtlijst: plaats 1." in client.get(URL).text


def test_a_coordinator_sees_their_municipality_and_nothing_of_another(client, circle, busy):
    client.force_login(circle.coordinator)
    html = client.get(URL).text
    section = _section(html, f"home-coordinator-{circle.deelname_breda.pk}")
    people, downloads = (t for t in _tables(section) if not t["caption"].startswith("Aanwezig"))
    assert {name for name, _cells in people["rows"]} == {
        "Coördinator Breda",
        "Lid Breda",
        "Verborgen Breda",  # hidden from colleagues, not from the coordinator
    }
    attended = {name: cells[-1] for name, cells in people["rows"]}
    assert attended == {"Coördinator Breda": "1", "Lid Breda": "1", "Verborgen Breda": "0"}
    assert "Wacht Breda" in section  # the pending request for Breda
    # Downloads of the closing publication by people of Breda only: 3 by 2 people.
    assert downloads["rows"] == [("Publicatie slot", ["3", "2"])]
    # The attendance chart has one series: Breda.
    svg = re.search(r"<svg.*?</svg>", section, re.S).group(0)
    series = {el.get("data-series") for el in ET.fromstring(svg).iter() if el.get("data-series")}
    assert series == {"Breda"}
    # Not a trace of Tilburg's people or figures anywhere on the page.
    assert "Lid Tilburg" not in html
    assert "Tilburg" not in section
    assert "Vreemde" not in html and "Elders" not in html


def test_a_researcher_sees_seats_reports_to_write_failed_pdfs_and_requests(client, circle, busy):
    RenderJobFactory(
        kind="presentielijst",
        object_id=busy["held"].pk,
        title="Presentielijst Kick-off",
        status="failed",
        attempts=3,
        last_error="Het lettertype ontbreekt.",
    )
    applied = DeelnameFactory(
        leerkring=circle.leerkring, gemeente=GemeenteFactory(name="Zwolle"), status="aangemeld"
    )
    client.force_login(circle.researcher)
    html = client.get(URL).text
    section = _section(html, "home-researcher")
    upcoming = next(t for t in _tables(section) if "komende" in t["caption"])
    assert upcoming["rows"][:2] == [
        ("Werkgroep bemiddelen", [upcoming["rows"][0][1][0], "1 van 20", "0"]),
        ("Volle slotconferentie", [upcoming["rows"][1][1][0], "1 van 1", "2"]),
    ]
    reports_due = re.search(r"nog geschreven moeten worden</h3>(.*?)</ul>", section, re.S)
    assert "Reflectie" in reports_due.group(1)  # held, no report
    assert "Kick-off" not in reports_due.group(1)  # its report is published
    assert "Presentielijst Kick-off" in section and "Het lettertype ontbreekt." in section
    assert f'href="/bijeenkomsten/{busy["held"].pk}/presentielijst/"' in section
    assert "elders" not in section  # a failed job of another circle
    assert f"Gemeente Zwolle wil meedoen aan {circle.leerkring.title}" in section
    assert "Wacht Breda wil meedoen namens Breda" in section
    assert applied.gemeente.name in section
    assert 'id="home-member"' not in html


def test_the_researchers_charts_are_valid_svg_whose_numbers_match_their_tables(
    client, circle, busy
):
    client.force_login(circle.researcher)
    html = client.get(URL).text
    figures = re.findall(r"<figure.*?</figure>\s*<details.*?</details>", html, re.S)
    assert len(figures) == 3
    charts = {}
    for figure in figures:
        svg = ET.fromstring(re.search(r"<svg.*?</svg>", figure, re.S).group(0))
        title = svg.find(f"{SVG}title").text
        drawn = [
            (el.get("data-row"), el.get("data-series"), int(el.get("data-value")))
            for el in svg.iter()
            if el.get("data-value") is not None
        ]
        (table,) = _tables(figure)
        charts[title] = (drawn, table)
    attendance, table = charts["Aanwezig per bijeenkomst, per gemeente"]
    series = table["columns"][1:-1]  # label, one column per municipality, total
    assert series == ["Breda", "Tilburg"]
    shown = {label: [int(n) for n in cells[:-1]] for label, cells in table["rows"]}
    # Marked present at the kick-off: 2 of Breda (not the one who stayed away), 1 of Tilburg;
    # nothing marked at the reflection meeting, so the seats count.
    held = next(label for label in shown if label.startswith("Kick-off"))
    second = next(label for label in shown if label.startswith("Reflectie"))
    assert shown[held] == [2, 1] and shown[second] == [1, 1]
    for row, serie, value in attendance:
        if value:
            assert shown[row][series.index(serie)] == value
    cases, table = charts["Casussen per dilemma en rol"]
    rows = {label: cells for label, cells in table["rows"]}
    roles = table["columns"][1:-1]
    assert list(rows) == ["Loslaten of sturen", "Bemiddelen"]
    assert rows["Bemiddelen"][roles.index("verbinder")] == "2"
    assert rows["Bemiddelen"][roles.index("faciliteren")] == "1"
    assert rows["Loslaten of sturen"][roles.index("sturen")] == "1"
    for row, serie, value in cases:
        assert rows[row][roles.index(serie)] == str(value)
    downloads, table = charts["Downloads van de slotpublicatie per gemeente"]
    assert dict(table["rows"]) == {"Breda": ["3"], "Tilburg": ["1"], "zonder gemeente": ["1"]}
    assert sorted(value for _row, _serie, value in downloads) == [1, 1, 3]


def test_people_waiting_for_admission_see_where_they_stand(client, circle):
    client.force_login(circle.pending_user)
    html = client.get(URL).text
    assert "wacht op de coördinator van je gemeente" in html
    client.force_login(circle.outsider)
    assert "Je doet nog niet mee namens een gemeente" in client.get(URL).text


def _grow(circle, busy, n):
    """n more meetings, registrations, replies, cases, people and downloads."""
    dilemma = busy["dilemma"]
    versie = busy["slot"].versies.get()
    mine = circle.member.casussen.first()
    for i in range(n):
        person = LidmaatschapFactory(gemeente=circle.breda).user
        past = _meeting(circle.leerkring, f"Oud {i}", -40 - i, capacity=50)
        coming = _meeting(circle.leerkring, f"Nieuw {i}", 30 + i, capacity=50)
        _seat(past, person, circle.breda, status="aanwezig")
        _seat(coming, circle.member, circle.breda)
        _seat(coming, person, circle.breda, status="wachtlijst", waitlisted_at=timezone.now())
        ReactieFactory(casus=mine, author=person, body=f"Reactie {i}")
        _casus(circle, dilemma, person, rollen=("analist",), title=f"Casus {i}")
        _download(busy["slot"], versie, person, circle.breda)
        LidmaatschapFactory(user=UserFactory(), gemeente=circle.breda, status="aangevraagd")
        RenderJobFactory(kind="presentielijst", object_id=past.pk, status="failed", last_error="x")


@pytest.mark.parametrize("role", ["member", "coordinator", "researcher"])
def test_each_home_takes_the_same_number_of_queries_with_more_rows(
    client, circle, busy, role, django_assert_max_num_queries
):
    # Issue 20 added one query for everyone (the programmes the person manages) and one for a
    # member (their cases, grouped by circle when they have several).
    budget = {"member": 16, "coordinator": 21, "researcher": 27}[role]
    client.force_login(getattr(circle, role))
    with django_assert_max_num_queries(budget):
        small = client.get(URL)
    assert small.status_code == 200
    _grow(circle, busy, 25)
    with django_assert_max_num_queries(budget):
        large = client.get(URL)
    assert large.status_code == 200
    assert len(large.content) > len(small.content)
