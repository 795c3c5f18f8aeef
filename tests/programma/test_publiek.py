"""The programme's public face: its page with circles by phase and figures, the publications of
every circle (page and Atom feed), each circle's own page and feed, the application form with a
circle chosen, and the home page with more than one circle."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from leerkring.core import slugs
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    CasusFactory,
    DeelnameFactory,
    GemeenteFactory,
    LeerkringFactory,
    PartnerFactory,
    ProgrammaFactory,
    PublicatieFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CLOSED_AT = datetime.datetime(2019, 9, 1, tzinfo=datetime.UTC)


@pytest.fixture
def programme():
    """A programme with an ended pilot, a running circle, one open for applications, one open
    whose period is over, and one in preparation; a municipality and a person in two circles."""
    today = timezone.localdate()
    programma = ProgrammaFactory(
        title="Leerkringen lokale democratie", slug="lokale-democratie", summary="Samen leren."
    )
    pilot = LeerkringFactory(
        programma=programma,
        title="Pilot ambtelijk vakmanschap",
        slug="pilot",
        phase="afgesloten",
        closed_at=CLOSED_AT,
    )
    running = LeerkringFactory(
        programma=programma,
        title="Vervolgkring 2020",
        slug="vervolg",
        phase="lopend",
        starts_on=datetime.date(2020, 1, 1),
        ends_on=today + datetime.timedelta(days=300),
    )
    open_ = LeerkringFactory(
        programma=programma,
        title="Nieuwe kring 2027",
        slug="nieuw-2027",
        phase="open",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=700),
    )
    late = LeerkringFactory(
        programma=programma, title="Te laat geopend", slug="te-laat", phase="open"
    )
    preparing = LeerkringFactory(
        programma=programma, title="Geheime kring", slug="geheim", phase="voorbereiding"
    )
    PartnerFactory(name="A+O fonds Gemeenten", kind="financier").leerkringen.add(pilot)
    PartnerFactory(name="Geheime financier", kind="financier").leerkringen.add(preparing)
    both = GemeenteFactory(name="Berkelland")
    DeelnameFactory(leerkring=pilot, gemeente=both)
    DeelnameFactory(leerkring=running, gemeente=both)
    DeelnameFactory(leerkring=running)
    DeelnameFactory(leerkring=preparing)
    past = timezone.now() - datetime.timedelta(days=30)
    person = UserFactory()
    for circle in (pilot, running):
        meeting = BijeenkomstFactory(
            leerkring=circle,
            starts_at=past,
            ends_at=past + datetime.timedelta(hours=2),
            registration_closes_at=past - datetime.timedelta(days=1),
        )
        AanmeldingFactory(bijeenkomst=meeting, deelnemer=person, status="aanwezig")
    AanmeldingFactory(bijeenkomst=meeting, status="aangemeld")
    CasusFactory(leerkring=pilot, status="gepubliceerd", published_at=timezone.now())
    CasusFactory(leerkring=running, status="concept")
    PublicatieFactory(leerkring=pilot, title="Slotpublicatie van de pilot", kind="slot")
    PublicatieFactory(leerkring=pilot, title="Alleen voor leden", visibility="leden")
    PublicatieFactory(
        leerkring=pilot,
        title="Nog onder embargo",
        release_at=timezone.now() + datetime.timedelta(days=3),
    )
    PublicatieFactory(leerkring=preparing, title="Publicatie van de geheime kring")
    PublicatieFactory(leerkring=running, title="Essay uit de vervolgkring")
    programma.circles = {
        "pilot": pilot,
        "running": running,
        "open": open_,
        "late": late,
        "preparing": preparing,
    }
    return programma


def detail_url(programma):
    return reverse("programma:programma-detail", args=[programma.slug])


def figures(html: str) -> dict[str, str]:
    """The figures of a page's first figures grid, label to number."""
    grid = html.split('class="leerkring-numbers-grid"', 1)[1].split("</dl>", 1)[0]
    return dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", grid))


def test_the_programme_page_shows_its_circles_by_phase(client, programme):
    response = client.get(detail_url(programme))
    assert response.status_code == 200
    html = response.text
    assert "Leerkringen lokale democratie" in html and "Samen leren." in html
    open_part = html.split('id="open"', 1)[1].split('id="lopend"', 1)[0]
    running_part = html.split('id="lopend"', 1)[1].split('id="afgelopen"', 1)[0]
    ended_part = html.split('id="afgelopen"', 1)[1]
    assert "Nieuwe kring 2027" in open_part and "Te laat geopend" in open_part
    assert "Vervolgkring 2020" in running_part
    assert "Pilot ambtelijk vakmanschap" in ended_part
    # Ended circles with their public publications only.
    assert "Slotpublicatie van de pilot" in ended_part
    assert "A+O fonds Gemeenten" in html
    # The feed, linked and announced.
    feed = reverse("programma:programma-feed", args=[programme.slug])
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Publicaties van Leerkringen '
        f'lokale democratie" href="{feed}">'
    ) in html
    assert reverse("programma:programma-publicaties", args=[programme.slug]) in html


def test_the_public_page_never_shows_a_preparing_circle_nor_hidden_publications(client, programme):
    html = client.get(detail_url(programme)).text
    for hidden in (
        "Geheime kring",
        "Geheime financier",
        "Publicatie van de geheime kring",
        "Alleen voor leden",
        "Nog onder embargo",
    ):
        assert hidden not in html


def test_only_a_circle_open_for_applications_gets_the_application_button(client, programme):
    html = client.get(detail_url(programme)).text
    apply = reverse("gemeenten:deelname-apply")
    assert f'href="{apply}?leerkring=nieuw-2027"' in html
    assert "?leerkring=te-laat" not in html
    assert "Aanmelden kan niet meer" in html


def test_the_programme_counts_municipalities_and_people_once(client, programme):
    numbers = figures(client.get(detail_url(programme)).text)
    # Berkelland in two circles and one other municipality; the preparing circle's does not
    # count. One person at meetings of two circles, one more at the running circle's.
    assert numbers == {
        "Gemeenten": "2",
        "Leerkringen": "4",
        "Bijeenkomsten gehouden": "2",
        "Deelnemers": "2",
        "Casussen": "1",
    }


def test_an_unknown_programme_is_not_found(client):
    assert client.get("/programma/bestaat-niet/").status_code == 404
    assert client.get("/programma/bestaat-niet/publicaties/").status_code == 404
    assert client.get("/programma/bestaat-niet/feed/").status_code == 404


def test_the_application_form_chooses_the_circle_of_the_button(client, programme):
    open_ = programme.circles["open"]
    html = client.get(reverse("gemeenten:deelname-apply") + "?leerkring=nieuw-2027").text
    assert f'<option value="{open_.pk}" selected>' in html
    # A circle the form does not offer chooses nothing, and shows nothing.
    for slug in ("geheim", "te-laat", "pilot", "%00", "x" * 500):
        response = client.get(reverse("gemeenten:deelname-apply"), {"leerkring": slug})
        assert response.status_code == 200
        assert (
            "selected>" not in response.text.split('name="leerkring"', 1)[1].split("</select>")[0]
        )
        assert "Geheime kring" not in response.text


def test_the_publications_page_lists_every_circle_s_public_publications(client, programme):
    response = client.get(reverse("programma:programma-publicaties", args=[programme.slug]))
    html = response.text
    assert "Slotpublicatie van de pilot" in html and "Essay uit de vervolgkring" in html
    assert "Pilot ambtelijk vakmanschap" in html and "Vervolgkring 2020" in html
    for hidden in ("Alleen voor leden", "Nog onder embargo", "Publicatie van de geheime kring"):
        assert hidden not in html


def test_the_publications_page_is_paged(client, programme):
    PublicatieFactory.create_batch(25, leerkring=programme.circles["running"])
    url = reverse("programma:programma-publicaties", args=[programme.slug])
    first = client.get(url).text
    assert first.count('class="leerkring-result"') == 20
    assert "pagina=2" in first
    second = client.get(url, {"pagina": "2"}).text
    assert second.count('class="leerkring-result"') == 7
    assert client.get(url, {"pagina": "x"}).status_code == 200


def test_the_programme_feed_holds_public_publications_naming_their_circle(client, programme):
    response = client.get(reverse("programma:programma-feed", args=[programme.slug]))
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert sorted(titles) == ["Essay uit de vervolgkring", "Slotpublicatie van de pilot"]
    categories = {c.get("term") for c in feed.iter(f"{ATOM}category")}
    assert {"Pilot ambtelijk vakmanschap", "Vervolgkring 2020"} <= categories


def test_the_feeds_survive_hostile_titles(client, programme):
    circle = programme.circles["running"]
    circle.title = "Kring\x0bmet\x07tekens\r\nen regels"
    circle.save()
    programme.title = "Programma\x1b\r\nnaam"
    programme.save()
    PublicatieFactory(
        leerkring=circle,
        title="Titel\x0bmet\x07tab\r\nInjected: header",
        abstract="Regel\x0c een\r\nRegel twee\x1f",
        author_names="Iemand\x08, Ander\r\n",
    )
    for url in (
        reverse("programma:programma-feed", args=[programme.slug]),
        reverse("publicaties:leerkring-feed", args=[circle.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        feed = ElementTree.fromstring(response.content)  # well-formed XML
        titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
        assert any(t.startswith("Titel") and "\x0b" not in t and "\r" not in t for t in titles)


def test_each_circle_keeps_its_own_page_and_feed(client, programme):
    pilot = programme.circles["pilot"]
    page = client.get(reverse("publicaties:leerkring-publicaties", args=[pilot.slug]))
    assert page.status_code == 200
    assert "Slotpublicatie van de pilot" in page.text
    assert "Essay uit de vervolgkring" not in page.text
    assert "Alleen voor leden" not in page.text
    assert reverse("publicaties:leerkring-feed", args=[pilot.slug]) in page.text
    feed = ElementTree.fromstring(
        client.get(reverse("publicaties:leerkring-feed", args=[pilot.slug])).content
    )
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Slotpublicatie van de pilot"]


def test_a_preparing_circle_has_no_public_page_nor_feed(client, programme):
    assert client.get("/publicaties/kring/geheim/").status_code == 404
    assert client.get("/publicaties/kring/geheim/feed/").status_code == 404
    assert client.get("/publicaties/kring/bestaat-niet/").status_code == 404


def test_kring_became_a_reserved_publication_slug():
    assert slugs.is_reserved("kring", namespace=slugs.PUBLICATIE)


def test_the_home_page_shows_the_programme_with_more_than_one_circle(client, programme):
    html = client.get("/").text
    assert "Leerkringen lokale democratie" in html
    assert reverse("programma:programma-detail", args=[programme.slug]) in html
    assert "?leerkring=nieuw-2027" in html
    assert "Geheime kring" not in html
    # The circles are still each on the page, as before.
    assert f'id="leerkring-{programme.circles["pilot"].pk}"' in html
    numbers = figures(html)
    assert numbers["Gemeenten"] == "2" and numbers["Leerkringen"] == "4"


def test_the_home_page_with_one_circle_stays_as_it_was(client):
    programma = ProgrammaFactory(title="Een programma")
    LeerkringFactory(programma=programma, title="De enige kring")
    LeerkringFactory(programma=programma, title="Nog geheim", phase="voorbereiding")
    html = client.get("/").text
    assert "De enige kring" in html
    assert "Een programma" not in html and "Nog geheim" not in html
    assert '<h2 class="utrecht-heading-2" id="leerkring-' in html


def test_the_home_page_with_circles_outside_a_programme_stays_a_list(client):
    LeerkringFactory(title="Kring een")
    LeerkringFactory(title="Kring twee")
    html = client.get("/").text
    assert "Kring een" in html and "Kring twee" in html
    assert "Naar het programma" not in html
