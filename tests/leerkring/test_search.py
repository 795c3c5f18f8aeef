"""The search box in the header (issue 18, point 5): one search over meetings, reports,
publications, dilemmas and cases, grouped by kind, with highlighted snippets, within the
visibility rules of issue 10. These tests run on PostgreSQL and, through
tests/security/test_sqlite.py, again on SQLite (the demo's plain matching with accents folded):
what a person notices is the same on both."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bijeenkomsten.models import Verslag
from bijeenkomsten.services import verslagen
from dilemmas import services as casus_services
from dilemmas.models import Rol, Waarde
from tests.factories import (
    BijeenkomstFactory,
    DilemmaFactory,
    LeerkringFactory,
    PublicatieFactory,
)

URL = "/zoeken/"


@pytest.fixture
def world(circle):
    now = timezone.now()
    dilemma = DilemmaFactory(
        leerkring=circle.leerkring,
        title="Bemiddelen",
        slug="bemiddelen",
        summary="Tussen bewoners en gemeente.",
        description="Wat doe je als een coöperatie en de raad iets anders willen?",
    )

    def casus(author, title, situation, **fields):
        return casus_services.casus_create(
            author=author,
            leerkring=circle.leerkring,
            dilemma=dilemma,
            rollen=Rol.objects.filter(slug="faciliteren"),
            waarden=Waarde.objects.filter(slug="deliberatie"),
            publish=True,
            title=title,
            situation=situation,
            question="Wat doe je?",
            **fields,
        )

    w = {
        "public": BijeenkomstFactory(
            leerkring=circle.leerkring,
            title="Kick-off over de coöperatie",
            description="We bespreken het wijkbudget en de ledenvergadering.",
            is_public=True,
        ),
        "members": BijeenkomstFactory(
            leerkring=circle.leerkring, title="Werkgroep coöperatie", is_public=False
        ),
        "elsewhere": BijeenkomstFactory(
            leerkring=LeerkringFactory(), title="Coöperatie elders", is_public=False
        ),
        "reported": BijeenkomstFactory(
            leerkring=circle.leerkring,
            title="Reflectie",
            is_public=True,
            starts_at=now - datetime.timedelta(days=3),
        ),
        "drafted": BijeenkomstFactory(
            leerkring=circle.leerkring,
            title="Slotbijeenkomst",
            is_public=True,
            starts_at=now - datetime.timedelta(days=2),
        ),
    }
    verslagen.verslag_save(
        bijeenkomst=w["reported"],
        user=circle.researcher,
        title="Verslag van de reflectie",
        authors="Onderzoeker",
        body="## Verloop\n\nHet **initiatief** van de bewoners kreeg veel steun.",
    )
    verslagen.verslag_publish(verslag=Verslag.objects.get(bijeenkomst=w["reported"]), notify=False)
    verslagen.verslag_save(
        bijeenkomst=w["drafted"],
        user=circle.researcher,
        title="Concept",
        authors="Onderzoeker",
        body="Een conceptzin over het kerkplein.",
    )
    day = datetime.timedelta(days=1)
    for slug, visibility, release_at, title, abstract in (
        ("essay", "openbaar", now - day, "Essay over de coöperatie", "Een burgerinitiatief."),
        ("leden", "deelnemers", now - day, "Ledenessay", "Over de coöperatie, voor leden."),
        ("coord", "coordinatoren", now - day, "Coördinatorenessay", "Coöperatie en regie."),
        ("embargo", "openbaar", now + 10 * day, "Embargo-essay", "Coöperatie straks."),
    ):
        w[f"pub_{slug}"] = PublicatieFactory(
            leerkring=circle.leerkring,
            slug=slug,
            title=title,
            abstract=abstract,
            visibility=visibility,
            release_at=release_at,
        )
    w["case_circle"] = casus(circle.member, "Een coöperatie in de wijk", "Bewoners richten op.")
    w["case_breda"] = casus(
        circle.member, "Alleen Breda", "Een coöperatie voor Breda.", visibility="gemeente"
    )
    w["case_anon"] = casus(
        circle.member,
        "Jansen en de coöperatie",
        "Meneer Jansen van de Dorpsstraat.",
        visibility="leerkring",
        anonymise=True,
        anon_title="Een bewoner en de coöperatie",
        anon_situation="Een bewoner klaagde.",
        anon_question="Wat doe je?",
    )
    casus_services.casus_anon_approve(casus=w["case_anon"], actor=circle.researcher)
    return w


def search(client, q, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def groups(html: str) -> list[str]:
    return re.findall(r'<h2 class="utrecht-heading-2" id="groep-([a-z]+)"', html)


def test_the_header_of_every_page_has_the_search_box(client, circle):
    html = client.get("/").content.decode()
    form = re.search(r'<form class="leerkring-search"[^>]*>.*?</form>', html, re.S).group(0)
    assert 'method="get"' in form and 'action="/zoeken/"' in form and 'role="search"' in form
    assert '<label class="leerkring-visually-hidden" for="zoeken-kop">' in form
    assert 'id="zoeken-kop" name="q"' in form


def test_cooperatie_finds_coöperatie_in_every_kind_grouped(client, circle, world):
    html = search(client, "cooperatie", circle.researcher)
    assert groups(html) == ["bijeenkomsten", "publicaties", "dilemmas", "casussen"]
    for title in (
        "Kick-off over de coöperatie",
        "Werkgroep coöperatie",
        "Essay over de coöperatie",
        "Ledenessay",
        "Bemiddelen",
        "Een coöperatie in de wijk",
    ):
        assert title in html
    assert "<mark>coöperatie</mark>" in html or "<mark>Coöperatie</mark>" in html
    assert "Coöperatie elders" not in html  # a circle the researcher has nothing to do with


def test_initiatieven_finds_initiatief_and_marks_it(client, circle, world):
    html = search(client, "initiatieven", circle.member)
    assert "Verslag van de reflectie" in html
    assert groups(html)[0] == "verslagen"
    assert "<mark>initiatief</mark>" in html
    assert "**" not in html and "## Verloop" not in html  # Markdown is not quoted as such


def test_a_word_being_typed_already_finds(client, circle, world):
    html = search(client, "initia", circle.member)
    assert "Verslag van de reflectie" in html
    assert re.search(r"<mark>initia(tief)?</mark>", html)
    assert "Coöpera" not in search(client, "xyzcoop", circle.member)
    assert "Essay over de coöperatie" in search(client, "essay cooper", circle.member)


def test_every_word_must_match(client, circle, world):
    html = search(client, "coöperatie kerkplein", circle.researcher)
    assert "Niets gevonden" in html


def test_snippets_escape_everything_and_mark_only_the_hit(client, circle, world):
    PublicatieFactory(
        leerkring=circle.leerkring,
        slug="gevaarlijk",
        title="Onschuldig",
        abstract='De coöperatie: 3 < 4 & "a" > b. <script>alert(1)</script> <mark>nep</mark> '
        '\ue000x\ue001 <b onclick="x">vet</b>',
    )
    html = search(client, "cooperatie", circle.member)
    main = html[html.index('id="inhoud"') :]
    assert "<script>alert" not in main and "<b onclick" not in main and "<mark>nep" not in main
    assert "<mark>x</mark>" not in main and "\ue000" not in main
    assert "3 < 4" not in main
    assert set(re.findall(r"<mark>([^<]*)</mark>", main)) <= {"coöperatie", "Coöperatie"}


@pytest.mark.parametrize(
    ("who", "sees", "not_sees"),
    [
        (
            "public",
            ["Kick-off over de coöperatie", "Essay over de coöperatie", "Bemiddelen"],
            [
                "Werkgroep coöperatie",
                "Ledenessay",
                "Coördinatorenessay",
                "Embargo-essay",
                "Een coöperatie in de wijk",
                "groep-casussen",
            ],
        ),
        (
            "member",
            [
                "Werkgroep coöperatie",
                "Ledenessay",
                "Een coöperatie in de wijk",
                "Alleen Breda",
                "Jansen en de coöperatie",
            ],
            ["Coördinatorenessay", "Embargo-essay", "Een bewoner en de coöperatie"],
        ),
        (
            "other_member",
            ["Werkgroep coöperatie", "Ledenessay", "Een bewoner en de coöperatie"],
            ["Alleen Breda", "Jansen", "Coördinatorenessay", "Embargo-essay"],
        ),
        (
            "coordinator",
            ["Coördinatorenessay", "Embargo-essay", "Alleen Breda"],
            ["Een bewoner en de coöperatie"],
        ),
        (
            "researcher",
            ["Coördinatorenessay", "Embargo-essay", "Alleen Breda", "Jansen en de coöperatie"],
            ["Coöperatie elders"],
        ),
        ("outsider", ["Kick-off over de coöperatie"], ["Werkgroep coöperatie", "Ledenessay"]),
    ],
)
def test_each_person_finds_only_what_they_may_read(client, circle, world, who, sees, not_sees):
    user = None if who == "public" else getattr(circle, who)
    html = search(client, "cooperatie", user)
    main = html[html.index('id="inhoud"') :]
    for text in sees:
        assert text in main, text
    for text in not_sees:
        assert text not in main, text


def test_outsiders_find_an_anonymised_case_by_its_anonymised_words_only(client, circle, world):
    assert "Een bewoner" not in search(client, "Jansen", circle.other_member)
    assert "Een bewoner en de coöperatie" in search(client, "klaagde", circle.other_member)
    assert "Jansen en de coöperatie" in search(client, "Jansen", circle.member)


def test_a_meeting_description_is_searched_for_members_only(client, circle, world):
    # A public meeting's description is for the circle's members (issue 10's table).
    assert "Kick-off over de coöperatie" not in search(client, "wijkbudget")
    html = search(client, "wijkbudget", circle.other_member)
    assert "Kick-off over de coöperatie" in html and "<mark>wijkbudget</mark>" in html


def test_draft_reports_and_other_circles_are_not_found(client, circle, world):
    assert "Niets gevonden" in search(client, "kerkplein", circle.researcher)
    assert "Verslag van de reflectie" not in search(client, "initiatief")


def test_changes_are_found_at_once(client, circle, world):
    meeting = world["members"]
    meeting.title = "Werkgroep energie"
    meeting.save()
    assert "Werkgroep energie" in search(client, "energie", circle.member)
    assert "Werkgroep" not in search(client, "cooperatie werkgroep", circle.member)


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "&|!",
        "'; DROP TABLE",
        '"onaf',
        "-",
        "coöperatie OR",
        "a:*",
        "in:* & !x",
        "\\",
        "%_%",
        "x" * 200,
        "😀 emoji",
        "\u0000nul",
        "ﬁets",
        "<script>",
    ],
)
def test_odd_input_never_fails(client, circle, world, q):
    client.force_login(circle.member)
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split('id="inhoud"')[1]


def test_an_empty_query_shows_the_form_and_a_too_long_one_says_why(client, circle, world):
    html = search(client, "")
    assert 'name="q"' in html and "resultaten voor" not in html
    html = search(client, "coöperatie " * 30)
    assert "Je zoekopdracht is te lang" in html
    assert client.get(URL, {"q": ["a", "b"]}).status_code == 200


def test_english_page_works(client, circle, world):
    client.force_login(circle.member)
    assert client.get("/en" + URL, {"q": "cooperatie"}).status_code == 200


def test_queries_do_not_grow_with_the_data(client, circle, world):
    client.force_login(circle.member)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"q": "cooperatie"}).status_code == 200
        return len(queries)

    before = count()
    for n in range(15):
        BijeenkomstFactory(leerkring=circle.leerkring, title=f"Coöperatie {n}", is_public=True)
        PublicatieFactory(leerkring=circle.leerkring, title=f"Coöperatie {n}", slug=f"c-{n}")
    after = count()
    assert after == before
    assert before <= 16
    html = client.get(URL, {"q": "cooperatie"}).content.decode()
    assert "meer dan 10" in html
