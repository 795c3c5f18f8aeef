"""Hostile or unusual input breaks no output (issue 14, defects 5–11): text is cleaned where
it is typed, every output cleans or escapes what it writes (also rows stored before the
forms cleaned their input), numbers and dates out of range get a message, slugs cannot take
a page's address, e-mail subjects are plain text. Runs on PostgreSQL here and on SQLite in
tests/security/test_sqlite.py."""

import datetime
import os
import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.urls import resolve
from django.utils import timezone
from icalendar import Calendar

from bijeenkomsten.models import Aanmelding, Bijeenkomst, Verslag
from bijeenkomsten.services import registration, verslagen
from gemeenten.models import Gemeente
from leerkring.core import rendering, slugs
from leerkring.core.models import OutgoingEmail
from leerkring.core.rendering import pdf as rendering_pdf
from publicaties.models import Publicatie
from tests.bijeenkomsten.test_views import _meeting_form as meeting_form
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    LeerkringFactory,
    LidmaatschapFactory,
)
from tests.publicaties.conftest import make_publicatie

pytestmark = pytest.mark.django_db

HOSTILE = "Wat \"wij\" & 'zij'\r\nX-Header: ja\x0b\u2028\u202eomgekeerd\u200b\x00 doen"


def test_the_database_is_the_one_asked_for():
    """tests/security/test_sqlite.py runs this file again on SQLite."""
    from django.db import connection

    assert connection.vendor == os.environ.get("EXPECT_DATABASE_VENDOR", "postgresql")


# --- The form boundary -------------------------------------------------------------------------
def test_the_sign_up_name_is_one_clean_line(client, circle):
    client.post(
        "/account/signup/",
        {
            "name": "Anna\r\nBcc: iedereen\u202e",
            "email": "anna@breda.nl",
            "gemeente": "breda",
            "job_title": "Wijk\x0bregisseur",
            "password1": "een lang en goed wachtwoord",
            "password2": "een lang en goed wachtwoord",
        },
    )
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="anna@breda.nl")
    assert user.name == "Anna Bcc: iedereen"
    assert user.lidmaatschap.job_title == "Wijk regisseur"


# --- Defect 5: CR/LF in a meeting title ----------------------------------------------------------
def _meeting_form(**overrides):
    """The meeting form of tests/bijeenkomsten, with one seat and a programme item whose title
    has a line break."""
    return meeting_form(
        **{"capacity": "1", "programma-0-title": "Opening\r\nen welkom", **overrides}
    )


def test_a_title_posted_with_line_breaks_is_stored_as_one_line(client, circle):
    client.force_login(circle.researcher)
    client.post(
        "/bijeenkomsten/nieuw/", _meeting_form(title="Sessie\r\nBcc: x", description=HOSTILE)
    )
    meeting = Bijeenkomst.objects.get()
    assert meeting.title == "Sessie Bcc: x"
    assert meeting.description == "Wat \"wij\" & 'zij'\nX-Header: ja\n\nomgekeerd doen"
    assert meeting.programma.get().title == "Opening en welkom"


def test_a_stored_title_with_line_breaks_keeps_calendar_and_registration_working(
    client, circle, django_capture_on_commit_callbacks
):
    """A row stored before the forms cleaned their input."""
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring, title="Sessie\r\nBcc: x\x0b", capacity=1, is_public=True
    )
    response = client.get(f"/bijeenkomsten/{meeting.pk}/bijeenkomst.ics")
    assert response.status_code == 200
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Sessie Bcc: x"

    # Registering, the waiting list, cancelling and promoting all e-mail the .ics.
    waiting = LidmaatschapFactory(gemeente=circle.tilburg).user
    for person in (circle.member, waiting):
        client.force_login(person)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/bijeenkomsten/{meeting.pk}/aanmelden/")
        assert response.status_code == 302
    seat = Aanmelding.objects.get(deelnemer=circle.member)
    client.force_login(circle.member)
    # Cancelling confirms what its page said would happen (D59, D91).
    confirm = client.get(f"/bijeenkomsten/aanmeldingen/{seat.pk}/afmelden/")
    assert confirm.status_code == 200
    outcome = confirm.context["form"].initial["gevolg"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/bijeenkomsten/aanmeldingen/{seat.pk}/afmelden/", {"gevolg": outcome}
        )
    assert response.status_code == 302
    assert Aanmelding.objects.get(deelnemer=waiting).status == "aangemeld"
    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 3
    assert all("\n" not in s and "\r" not in s and "Sessie Bcc: x" in s for s in subjects)
    calendars = [m.attachments[0][1] for m in mail.outbox if m.attachments]
    assert len(calendars) == 2  # the seat and the promotion; the waiting list has none
    for ics in calendars:
        ics = ics.decode() if isinstance(ics, bytes) else ics
        assert "SUMMARY:Sessie Bcc: x\r\n" in ics


# --- Defect 6: a control character in a publication title ---------------------------------------
def test_the_feed_survives_control_characters_in_stored_publications(client, circle):
    make_publicatie(
        circle, slug="vt", title="Titel\x0bmet\x07tab", abstract="Regel\x0c een\r\nRegel twee"
    )
    response = client.get("/publicaties/feed/")
    assert response.status_code == 200
    atom = "{http://www.w3.org/2005/Atom}"
    entry = ET.fromstring(response.content).find(f"{atom}entry")
    assert entry.find(f"{atom}title").text == "Titel mettab"
    assert entry.find(f"{atom}summary").text == "Regel\n een\nRegel twee"


def test_a_publication_title_posted_with_a_vertical_tab_is_cleaned(client, circle):
    client.force_login(circle.researcher)
    client.post(
        "/publicaties/nieuw/",
        {
            "kind": "essay",
            "title": "Een\x0btitel\r\n",
            "slug": "een-titel",
            "abstract": "Samen\x0bvatting.",
            "author_names": "",
            "release_at": "2031-07-01T10:00",
            "visibility": "openbaar",
            "body": "## Kop\r\n\r\nTekst\x07.",
            "note": "",
            "cover_alt": "",
        },
    )
    publicatie = Publicatie.objects.get()
    assert publicatie.title == "Een titel"
    assert publicatie.abstract == "Samen\nvatting."
    assert publicatie.versies.get().body == "## Kop\n\nTekst."


# --- Defect 7: numbers out of range --------------------------------------------------------------
@pytest.mark.parametrize("value", ["9223372036854775808", "1e30", "-1", "0", "²", "1.5"])
def test_a_meeting_filter_out_of_range_says_so(client, circle, value):
    client.force_login(circle.member)
    response = client.get("/dilemmas/casussen/", {"bijeenkomst": value})
    assert response.status_code == 200
    assert "Deze bijeenkomst bestaat niet." in response.text
    assert "0 casussen" in response.text


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/bijeenkomsten/aanmeldingen/", {"bijeenkomst": "9223372036854775808"}),
        ("/bijeenkomsten/aanmeldingen/export/", {"bijeenkomst": "1e30"}),
        ("/dilemmas/casussen/export/", {"bijeenkomst": "9223372036854775808"}),
        ("/dilemmas/casussen/", {"dilemma": "9223372036854775808"}),
        ("/bijeenkomsten/", {"pagina": "9" * 40}),
        ("/bijeenkomsten/99999999999999999999999/", {}),
        ("/dilemmas/casussen/9223372036854775808/", {}),
        ("/exports/9223372036854775808/", {}),
    ],
)
def test_ids_and_numbers_out_of_range_answer_a_page_or_404(client, circle, url, params):
    client.force_login(circle.researcher)
    response = client.get(url, params, follow=True)
    assert response.status_code in (200, 404)
    if url.endswith("export/"):  # back to the screen, which says what is wrong
        assert response.redirect_chain


def test_a_coordinator_id_out_of_range_is_refused_without_an_error(client, circle):
    client.force_login(circle.researcher)
    response = client.post(
        "/gemeenten/coordinatoren/",
        {"user": "9223372036854775808", "deelname": "1e30", "make": "on"},
    )
    assert response.status_code in (302, 404)


# --- Defect 8: dates outside 2000–2100 -----------------------------------------------------------
@pytest.mark.parametrize(
    "overrides",
    [
        {"starts_at": "0001-01-01T10:00", "ends_at": "0001-01-01T12:00"},
        {"starts_at": "9999-12-31T23:59"},
        {"registration_closes_at": "1999-12-31T23:00"},
        {"ends_at": "2101-01-01T00:00"},
    ],
)
def test_a_meeting_outside_the_years_2000_to_2100_gets_a_clear_message(client, circle, overrides):
    client.force_login(circle.researcher)
    response = client.post("/bijeenkomsten/nieuw/", _meeting_form(**overrides))
    assert response.status_code == 200
    assert "Kies een datum tussen het jaar 2000 en 2100." in response.text
    assert not Bijeenkomst.objects.exists()


@pytest.mark.parametrize("starts_at", ["9999-12-31T23:59", "0001-01-01T00:00", "2101-01-01T00:00"])
def test_duplicating_into_an_extreme_date_gets_a_clear_message(client, circle, starts_at):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring)
    client.force_login(circle.researcher)
    response = client.post(f"/bijeenkomsten/{meeting.pk}/dupliceren/", {"starts_at": starts_at})
    assert response.status_code == 200
    assert "Kies een datum tussen het jaar 2000 en 2100." in response.text
    assert Bijeenkomst.objects.count() == 1


def test_duplicating_to_the_last_minute_allowed_works(client, circle):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring)
    client.force_login(circle.researcher)
    url = f"/bijeenkomsten/{meeting.pk}/dupliceren/"
    data = {"title": "Kopie", "starts_at": "2100-12-31T22:00", "ends_at": "2101-01-01T01:00"}
    response = client.post(url, data)
    assert "Kies een datum tussen het jaar 2000 en 2100." in response.text
    response = client.post(url, {**data, "ends_at": "2100-12-31T23:59"})
    assert response.status_code == 302
    copy = Bijeenkomst.objects.exclude(pk=meeting.pk).get()
    assert client.get(f"/bijeenkomsten/{copy.pk}/").status_code == 200
    assert client.get(f"/bijeenkomsten/{copy.pk}/bijeenkomst.ics").status_code == 200


def test_a_release_date_in_year_one_gets_a_clear_message(client, circle):
    client.force_login(circle.researcher)
    response = client.post(
        "/publicaties/nieuw/",
        {
            "kind": "essay",
            "title": "Titel",
            "slug": "titel",
            "abstract": "Samenvatting.",
            "release_at": "0001-01-01T00:00",
            "visibility": "openbaar",
            "body": "Tekst.",
        },
    )
    assert "Kies een datum tussen het jaar 2000 en 2100." in response.text
    assert not Publicatie.objects.exists()


# --- Defect 9: slugs that collide with routes ----------------------------------------------------
def test_the_reserved_slugs_come_from_the_urlconf():
    publicaties = slugs.reserved_slugs(slugs.PUBLICATIE)
    assert {"nieuw", "feed", "downloads"} <= publicaties
    assert {"aanmelden", "verzoeken", "coordinatoren"} <= slugs.reserved_slugs(slugs.GEMEENTE)
    assert {"casussen", "reacties"} <= slugs.reserved_slugs(slugs.LEERKRING)
    # Every word of the URLconf that would put a detail page at another page's address is
    # reserved; ordinary names are not.
    words = {
        segment
        for pattern in _all_routes()
        for segment in pattern.split("/")
        if re.fullmatch(r"[-a-zA-Z0-9_]+", segment)  # what a slug may be
    }
    for namespace, detail in (
        (slugs.PUBLICATIE, "publicaties:publicatie-detail"),
        (slugs.GEMEENTE, "gemeenten:gemeente-detail"),
    ):
        for word in words:
            if resolve(f"/{namespace}/{word}/").view_name != detail:
                assert word in slugs.reserved_slugs(namespace), (namespace, word)
        assert resolve(f"/{namespace}/een-gewone-naam/").view_name == detail
        assert not slugs.is_reserved("een-gewone-naam", namespace=namespace)


def _all_routes(patterns=None):
    from django.urls import URLResolver, get_resolver

    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        yield str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _all_routes(pattern.url_patterns)


@pytest.mark.parametrize("slug", ["nieuw", "feed", "downloads", "Feed"])
def test_a_publication_cannot_take_the_address_of_a_page(client, circle, slug):
    client.force_login(circle.researcher)
    response = client.post(
        "/publicaties/nieuw/",
        {
            "kind": "essay",
            "title": "Titel",
            "slug": slug,
            "abstract": "Samenvatting.",
            "release_at": "2031-07-01T10:00",
            "visibility": "openbaar",
            "body": "Tekst.",
        },
    )
    assert response.status_code == 200
    assert "is al het adres van een andere pagina. Kies een andere korte naam." in response.text
    assert not Publicatie.objects.exists()


def test_circle_and_municipality_slugs_cannot_take_a_page_address(circle):
    from django.core.exceptions import ValidationError

    # "casussen" is a page under /dilemmas/; "nieuw" the manager's form for a new circle under
    # /programma/<slug>/beheer/kringen/ (the admin refuses both, as the manager's form does).
    for slug in ("casussen", "nieuw"):
        leerkring = LeerkringFactory.build(slug=slug)
        with pytest.raises(ValidationError) as error:
            leerkring.full_clean()
        assert "is al het adres van een andere pagina" in error.value.message_dict["slug"][0]
    gemeente = Gemeente(name="Verzoeken", slug="verzoeken", cbs_code="GM0001")
    with pytest.raises(ValidationError) as error:
        gemeente.full_clean()
    assert "slug" in error.value.message_dict


def test_a_municipality_named_like_a_page_gets_a_slug_that_can_be_reached(client, circle):
    from gemeenten.services import deelname_apply

    deelname = deelname_apply(
        leerkring=circle.leerkring,
        name="Aanmelden",
        cbs_code="GM0999",
        contact_name="Petra",
        contact_email="petra@example.org",
        motivation="Graag.",
    )
    assert deelname.gemeente.slug == "aanmelden-gm0999"


# --- Defect 10: e-mail subjects are plain text ---------------------------------------------------
def test_the_report_published_subject_is_plain_text(circle, django_capture_on_commit_callbacks):
    held = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Wat \"wij\" & 'zij'\r\ndoen",
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    AanmeldingFactory(
        bijeenkomst=held, deelnemer=circle.member, gemeente=circle.breda, status="aanwezig"
    )
    with django_capture_on_commit_callbacks(execute=True):
        verslagen.verslag_save(
            bijeenkomst=held, user=circle.researcher, title="Verslag", authors="A", body="Tekst."
        )
        verslagen.verslag_publish(verslag=Verslag.objects.get(), notify=True)
    subjects = [m.subject for m in mail.outbox if "verslag" in m.subject.lower()]
    assert subjects, [m.subject for m in mail.outbox]
    assert all("Wat \"wij\" & 'zij' doen" in s for s in subjects), subjects
    assert not any("&quot;" in s or "&#x27;" in s or "&amp;" in s for s in subjects)


def test_every_e_mail_subject_is_one_line_of_plain_text(circle, django_capture_on_commit_callbacks):
    """The confirmation e-mail names the meeting too; every subject goes through mail.py."""
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title='Café "De Zon"\r\nBcc: x')
    with django_capture_on_commit_callbacks(execute=True):
        registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=circle.member)
    stored = OutgoingEmail.objects.all()
    subjects = [m.subject for m in mail.outbox] + [e.subject for e in stored]
    assert subjects
    for subject in subjects:
        assert "\n" not in subject and "\r" not in subject
        assert "&quot;" not in subject


# --- Other outputs of stored rows: CSV and PDF ---------------------------------------------------
def test_a_document_with_control_characters_renders_to_a_pdf(circle):
    held = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Verslag\x0b van\x01 de dag\r\n",
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    verslagen.verslag_save(
        bijeenkomst=held,
        user=circle.researcher,
        title="Titel\x0b\u202e",
        authors="A\x07",
        body="## Kop\x0c\n\nTekst\x1b.",
    )
    versie = Verslag.objects.get().versies.get()
    html = rendering_pdf.html_for(rendering.build("verslag", versie.pk))
    assert not any(c in html for c in "\x01\x07\x0b\x0c\x1b\u202e")
    pdf, pages = rendering_pdf.render_pdf(html)
    assert pdf.startswith(b"%PDF-") and pages >= 1


# --- Issue 20: a programme and its circles --------------------------------------------------------
# Characters that must never reach an output raw: C0 controls but tab and line breaks, DEL,
# line separators and bidirectional overrides.
RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\u202a-\u202e]")


@pytest.fixture
def hostile_programme(circle):
    """A programme and its circle, both stored with control characters, CR/LF and the longest
    title allowed (rows stored before a form cleaned them), with a published publication, a
    second circle (so the home page shows the programme) and a manager."""
    from leerkring.core.models import Leerkring, Programma
    from tests.factories import ProgrammaFactory, UserFactory

    long_title = ("Lange\x0btitel " * 20)[:190] + "\r\nEinde"
    programma = ProgrammaFactory(
        slug="vijandig",
        title=long_title,
        summary=HOSTILE.replace("\x00", "") + ("\x07Lange samenvatting. " * 500),
    )
    manager = UserFactory(email="manager@fonds.example", name="Manager")
    programma.managers.add(manager)
    Leerkring.objects.filter(pk=circle.leerkring.pk).update(
        programma=programma, title="Kring\r\nBcc: x\x0b\u202eomgekeerd\x1b" + "k" * 170
    )
    circle.leerkring.refresh_from_db()
    LeerkringFactory(programma=programma, title="Tweede\x0c kring\r\n", phase="lopend")
    # Its title breaks a line only: a control character in a publication's title is issue 14's
    # (the feed above); here the programme's and circles' own texts are tested.
    make_publicatie(circle, slug="vijandig", title="Titel met\r\nX-Header: ja")
    # Stored raw (values_list reads the column; an instance holds the cleaned title).
    assert Programma.objects.filter(slug="vijandig").values_list("title", flat=True)[0] == (
        long_title
    )
    return programma, manager


def _raw_control(text: str, where: str) -> list[str]:
    found = sorted(set(RAW_CONTROL.findall(text)))
    return [f"{where}: raw control characters {found!r}"] if found else []


def _no_raw_control(text: str, where: str) -> None:
    assert not (problems := _raw_control(text, where)), problems


def test_a_hostile_programme_title_reaches_its_pages_and_feeds_cleaned(client, hostile_programme):
    """The public pages (the programme, its publications, the circle's publications, the home
    page that shows the programme) and both Atom feeds: a page, well-formed XML, one-line
    titles, and no raw control character anywhere (every problem is listed)."""
    programma, _manager = hostile_programme
    circle = programma.leerkringen.order_by("pk").first()
    problems = []
    for path in (
        f"/programma/{programma.slug}/",
        f"/programma/{programma.slug}/publicaties/",
        f"/publicaties/kring/{circle.slug}/",
        "/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        problems += _raw_control(response.content.decode(), path)
    atom = "{http://www.w3.org/2005/Atom}"
    for path in (f"/programma/{programma.slug}/feed/", f"/publicaties/kring/{circle.slug}/feed/"):
        response = client.get(path)
        assert response.status_code == 200, path
        problems += _raw_control(response.content.decode(), path)
        feed = ET.fromstring(response.content)  # well-formed XML
        titles = [feed.find(f"{atom}title").text or ""]
        titles += [entry.find(f"{atom}title").text or "" for entry in feed.iter(f"{atom}entry")]
        assert any("Titel met" in t for t in titles), (path, titles)
        if any("\n" in t or "\r" in t for t in titles):
            problems.append(f"{path}: a title of more than one line: {titles!r}")
    assert problems == [], "\n" + "\n".join(problems)


def test_a_hostile_circle_title_stays_in_its_cell_of_the_figures_csv(client, hostile_programme):
    import csv
    import io

    programma, manager = hostile_programme
    client.force_login(manager)
    response = client.get(f"/programma/{programma.slug}/beheer/cijfers.csv")
    assert response.status_code == 200
    text = (
        b"".join(response.streaming_content).decode("utf-8-sig")
        if getattr(response, "streaming", False)
        else response.content.decode("utf-8-sig")
    )
    _no_raw_control(text, "cijfers.csv")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    widths = {len(row) for row in rows if row}
    assert len(widths) == 1, f"rows of different widths: {widths}"
    cells = [cell for row in rows for cell in row]
    assert not any("\n" in cell or "\r" in cell for cell in cells)
    assert any(cell.startswith("Kring") for cell in cells), cells
    # The manager's own pages too.
    for path in (f"/programma/{programma.slug}/beheer/",):
        page = client.get(path)
        assert page.status_code == 200, path
        _no_raw_control(page.content.decode(), path)


def test_the_invitation_to_research_a_hostile_circle_has_a_one_line_subject(
    hostile_programme, circle, django_capture_on_commit_callbacks
):
    from leerkring.programma.services.uitnodigingen import onderzoeker_invite

    _programma, manager = hostile_programme
    with django_capture_on_commit_callbacks(execute=True):
        onderzoeker_invite(
            leerkring=circle.leerkring,
            email="nieuw@uni.example",
            name="Nieuwe\r\nBcc: x",
            actor=manager,
        )
    (message,) = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    _no_raw_control(message.subject, "subject")
    _no_raw_control(message.body, "body")
    for content, _type in getattr(message, "alternatives", []):
        _no_raw_control(content, "html")
    assert "Kring" in message.subject and "omgekeerd" in message.subject, message.subject
