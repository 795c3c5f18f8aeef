"""Meetings in the browser: a member registers, chooses a work group and cancels, and a colleague
on the waiting list gets the seat; registering with the keyboard alone; and every page of this
part of the site checked with axe as the role that can see it."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bijeenkomsten.models import Aanmelding, Bijeenkomst, Werkgroep
from bijeenkomsten.services import attendance, planning, registration, werkgroepen
from tests.browser.helpers import is_focused, tab_to
from tests.browser.helpers import log_in as _log_in
from tests.conftest import wait_for
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    DilemmaFactory,
    ProgrammaonderdeelFactory,
    WerkgroepFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# --- Test data --------------------------------------------------------------------------------
def _meeting(circle, title: str, *, capacity: int = 20, days: int = 7, **extra) -> Bijeenkomst:
    starts = timezone.now() + datetime.timedelta(days=days)
    fields = {
        "leerkring": circle.leerkring,
        "kind": Bijeenkomst.Kind.WORKGROUP,
        "title": title,
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=3),
        "location": "Breda",
        "capacity": capacity,
        "registration_closes_at": starts - datetime.timedelta(days=1),
        **extra,
    }
    return BijeenkomstFactory(**fields)


def _werkgroep(bijeenkomst: Bijeenkomst, title: str, *, capacity: int = 5) -> Werkgroep:
    return WerkgroepFactory(
        bijeenkomst=bijeenkomst,
        dilemma=DilemmaFactory(leerkring=bijeenkomst.leerkring),
        title=title,
        capacity=capacity,
    )


def _register(bijeenkomst: Bijeenkomst, person, *, werkgroep: Werkgroep | None = None, **needs):
    aanmelding = registration.aanmelding_create(
        bijeenkomst_id=bijeenkomst.pk, deelnemer=person, **needs
    )
    if werkgroep is not None:
        aanmelding = werkgroepen.werkgroep_join(aanmelding=aanmelding, werkgroep_id=werkgroep.pk)
    return aanmelding


def _calendar(circle) -> SimpleNamespace:
    """A meeting for every state a page can show.

    - `main`: work groups, a programme and a description; Lid Breda registered in one group,
      Lid Tilburg in the other, the Breda coordinator without a group.
    - `open`: a public kick-off nobody registered for.
    - `full`: one seat, taken by the coordinator; Lid Breda waits.
    - `cancelled`: Lid Breda was registered when the researchers cancelled it.
    """
    main = _meeting(
        circle,
        "Werkgroep Bemiddelen",
        capacity=20,
        host_gemeente=circle.breda,
        description="We bespreken **drie** casussen uit de praktijk.",
    )
    ProgrammaonderdeelFactory(
        bijeenkomst=main, starts_at=datetime.time(13, 30), title="Inloop", speaker=""
    )
    ProgrammaonderdeelFactory(
        bijeenkomst=main,
        starts_at=datetime.time(14, 0),
        title="Casussen bespreken",
        speaker="Onderzoeker",
    )
    noord = _werkgroep(main, "Groep Noord")
    zuid = _werkgroep(main, "Groep Zuid")
    _register(main, circle.member, werkgroep=noord, diet="vegetarisch")
    _register(main, circle.other_member, werkgroep=zuid)
    _register(main, circle.coordinator)

    open_meeting = _meeting(
        circle, "Kick-off van de leerkring", kind=Bijeenkomst.Kind.KICKOFF, days=10, capacity=40
    )

    full = _meeting(circle, "Leeratelier Loslaten", kind=Bijeenkomst.Kind.STUDIO, capacity=1)
    _werkgroep(full, "Groep Loslaten")
    _register(full, circle.coordinator)
    _register(full, circle.member)

    cancelled = _meeting(
        circle, "Reflectiebijeenkomst voorjaar", kind=Bijeenkomst.Kind.REFLECTION, days=14
    )
    _register(cancelled, circle.member)
    planning.bijeenkomst_cancel(bijeenkomst_id=cancelled.pk)

    # Begun half an hour ago (or, just after midnight, beginning soon): attendance is taken
    # today. Lid Tilburg registered; Lid Breda came without registering.
    now = timezone.localtime()
    start = now - datetime.timedelta(minutes=30)
    if start.date() != now.date():
        start = now + datetime.timedelta(minutes=30)
    today = BijeenkomstFactory(
        leerkring=circle.leerkring,
        kind=Bijeenkomst.Kind.CIRCLE,
        title="Leerkringbijeenkomst vandaag",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        registration_closes_at=start - datetime.timedelta(days=1),
        location="Tilburg",
        capacity=20,
    )
    AanmeldingFactory(bijeenkomst=today, deelnemer=circle.other_member, gemeente=circle.tilburg)
    attendance.attendance_walk_in(
        bijeenkomst_id=today.pk, deelnemer_id=circle.member.pk, actor=circle.researcher
    )

    return SimpleNamespace(
        main=main,
        open=open_meeting,
        full=full,
        cancelled=cancelled,
        today=today,
        noord=noord,
        zuid=zuid,
    )


# --- Browser helpers --------------------------------------------------------------------------


def _visit_as(page, live_server, circle, role: str) -> None:
    people = {
        "lid": circle.member,
        "tilburg": circle.other_member,
        "coordinator": circle.coordinator,
        "onderzoeker": circle.researcher,
    }
    if role != "anoniem":
        person = people[role]
        _log_in(page, live_server, person.email, name=person.name)


def _mail_to(mailoutbox, address: str, subject_start: str):
    for mail in mailoutbox:
        if address in mail.to and mail.subject.startswith(subject_start):
            return mail
    return None


def _mine(page):
    return page.get_by_role("region", name="Jouw aanmelding")


# --- Journey ----------------------------------------------------------------------------------
def test_member_registers_chooses_a_group_and_cancels_and_the_waiting_list_moves_up(
    transactional_db, circle, live_server, page, new_context, mailoutbox
):
    title = "Werkgroep Loslaten in Breda"
    bijeenkomst = _meeting(circle, title, capacity=1)
    _werkgroep(bijeenkomst, "Groep Parkstad", capacity=3)
    url = f"{live_server.url}/bijeenkomsten/{bijeenkomst.pk}/"

    # Lid Breda takes the only seat and mentions a diet.
    _log_in(page, live_server, "lid@breda.nl", name="Lid Breda")
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    mine = _mine(page)
    expect(mine.get_by_role("button", name="Zet me op de wachtlijst")).to_have_count(0)
    mine.get_by_label("Dieetwensen").fill("vegetarisch, geen noten")
    mine.get_by_role("button", name="Aanmelden").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Je bent aangemeld. Je krijgt een bevestiging per e-mail, met de afspraak voor je agenda."
    )
    expect(mine).to_contain_text("Je bent aangemeld.")
    expect(mine.get_by_role("link", name="Afmelden")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("1 van 1 bezet")
    aanmelding = Aanmelding.objects.get(bijeenkomst=bijeenkomst, deelnemer=circle.member)
    assert aanmelding.status == Aanmelding.Status.REGISTERED
    assert aanmelding.diet == "vegetarisch, geen noten"
    assert aanmelding.gemeente == circle.breda

    confirmation = wait_for(
        lambda: _mail_to(mailoutbox, "lid@breda.nl", f"[Leerkring] Je bent aangemeld: {title}")
    )
    assert confirmation is mailoutbox[-1]
    assert len(confirmation.attachments) == 1
    filename, content, mimetype = confirmation.attachments[0]
    assert filename.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in content
    assert "BEGIN:VEVENT" in content
    assert title in content

    # The work group.
    page.get_by_role("button", name="Kies Groep Parkstad").click()
    expect(page.get_by_role("status")).to_contain_text("Je zit in de werkgroep Groep Parkstad.")
    expect(mine).to_contain_text("Je bent aangemeld. Je zit in de werkgroep Groep Parkstad.")
    expect(page.get_by_role("region", name="Werkgroepen")).to_contain_text("1 van 3 plaatsen")
    expect(page.get_by_role("button", name="Kies Groep Parkstad")).to_have_count(0)

    # Lid Tilburg, in a browser of their own, finds the meeting full.
    other = new_context().new_page()
    _log_in(other, live_server, "lid@tilburg.nl", name="Lid Tilburg")
    other.goto(url)
    expect(_mine(other).get_by_role("button", name="Aanmelden")).to_have_count(0)
    _mine(other).get_by_role("button", name="Zet me op de wachtlijst").click()

    expect(other.get_by_role("status")).to_contain_text(
        "De bijeenkomst is vol. Je staat op de wachtlijst op plaats 1."
    )
    expect(_mine(other)).to_contain_text("Je staat op de wachtlijst, op plaats 1.")
    expect(_mine(other)).not_to_contain_text("Je bent aangemeld.")
    expect(other.get_by_role("main")).to_contain_text("1 op de wachtlijst")
    # Someone waiting cannot take a place in a work group yet.
    expect(other.get_by_role("button", name="Kies Groep Parkstad")).to_have_count(0)
    assert wait_for(
        lambda: _mail_to(mailoutbox, "lid@tilburg.nl", "[Leerkring] Je staat op de wachtlijst")
    )
    assert not _mail_to(mailoutbox, "lid@tilburg.nl", "[Leerkring] Er is plek voor je")

    # Lid Breda cancels, after reading that the seat goes to the first on the waiting list;
    # the seat goes to Lid Tilburg.
    mine.get_by_role("link", name="Afmelden").click()
    expect(page.get_by_role("main")).to_contain_text(
        "Die gaat meteen naar de eerste persoon op de wachtlijst."
    )
    page.get_by_role("button", name="Ja, afmelden").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Je bent afgemeld. Je plek gaat naar de eerste op de wachtlijst; die krijgt een e-mail."
    )
    expect(mine).not_to_contain_text("Je bent aangemeld.")
    # The seat went straight to Lid Tilburg, so the meeting is full again.
    expect(mine.get_by_role("button", name="Zet me op de wachtlijst")).to_be_visible()

    other.reload()
    expect(_mine(other)).to_contain_text("Je bent aangemeld.")
    expect(_mine(other)).not_to_contain_text("wachtlijst")
    expect(other.get_by_role("button", name="Kies Groep Parkstad")).to_be_visible()
    promoted = wait_for(
        lambda: _mail_to(mailoutbox, "lid@tilburg.nl", "[Leerkring] Er is plek voor je")
    )
    assert title in promoted.subject
    assert Aanmelding.objects.get(
        bijeenkomst=bijeenkomst, deelnemer=circle.other_member
    ).status == (Aanmelding.Status.REGISTERED)


# --- Keyboard ---------------------------------------------------------------------------------
def test_registering_works_with_the_keyboard_alone(transactional_db, circle, live_server, page):
    title = "Leerkringbijeenkomst in Tilburg"
    bijeenkomst = _meeting(circle, title, kind=Bijeenkomst.Kind.CIRCLE, location="Tilburg")
    _log_in(page, live_server, "lid@breda.nl", name="Lid Breda")
    page.goto(f"{live_server.url}/bijeenkomsten/{bijeenkomst.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    mine = _mine(page)
    diet = mine.get_by_label("Dieetwensen")
    needs = mine.get_by_label("Wat heb je nodig om goed mee te kunnen doen?")
    submit = mine.get_by_role("button", name="Aanmelden")

    tab_to(page, diet)
    page.keyboard.type("halal")
    # The focus order follows the form: the diet, what you need, then the button.
    page.keyboard.press("Tab")
    assert is_focused(needs), "Tab from Dieetwensen should reach the next question"
    page.keyboard.press("Tab")
    assert is_focused(submit), "Tab from the last question should reach Aanmelden"
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("Je bent aangemeld.")
    expect(mine).to_contain_text("Je bent aangemeld.")
    aanmelding = Aanmelding.objects.get(bijeenkomst=bijeenkomst, deelnemer=circle.member)
    assert aanmelding.status == Aanmelding.Status.REGISTERED
    assert aanmelding.diet == "halal"


# --- Accessibility ----------------------------------------------------------------------------
# (id, role, path, text that shows the page rendered the role's view, not a 404 or login page)
PAGES = [
    ("lijst-anoniem", "anoniem", "/bijeenkomsten/", "{main.title}"),
    ("bijeenkomst-anoniem", "anoniem", "/bijeenkomsten/{main.pk}/", "Doe je mee? Log dan in."),
    ("bijeenkomst-lid-niet-aangemeld", "lid", "/bijeenkomsten/{open.pk}/", "Dieetwensen"),
    (
        "bijeenkomst-lid-met-werkgroep",
        "lid",
        "/bijeenkomsten/{main.pk}/",
        "Je zit in de werkgroep Groep Noord.",
    ),
    (
        "bijeenkomst-lid-op-wachtlijst",
        "lid",
        "/bijeenkomsten/{full.pk}/",
        "Je staat op de wachtlijst, op plaats 1.",
    ),
    (
        "bijeenkomst-onderzoeker",
        "onderzoeker",
        "/bijeenkomsten/{main.pk}/",
        "Aanmeldingen en aanwezigheid per gemeente",
    ),
    (
        "bijeenkomst-geannuleerd",
        "lid",
        "/bijeenkomsten/{cancelled.pk}/",
        "Deze bijeenkomst gaat niet door.",
    ),
    ("nieuw", "onderzoeker", "/bijeenkomsten/nieuw/", "Tijden zijn Nederlandse tijd."),
    ("bewerken", "onderzoeker", "/bijeenkomsten/{main.pk}/bewerken/", "{main.title} bewerken"),
    (
        "dupliceren",
        "onderzoeker",
        "/bijeenkomsten/{main.pk}/dupliceren/",
        "{main.title} dupliceren",
    ),
    (
        "annuleren",
        "onderzoeker",
        "/bijeenkomsten/{main.pk}/annuleren/",
        "3 aangemelde mensen krijgen een e-mail.",
    ),
    ("werkgroepen", "onderzoeker", "/bijeenkomsten/{main.pk}/werkgroepen/", "Met de hand plaatsen"),
    (
        "presentielijst-voor-de-dag",
        "onderzoeker",
        "/bijeenkomsten/{main.pk}/presentielijst/",
        "Je kunt de presentielijst invullen vanaf de dag van de bijeenkomst",
    ),
    (
        "presentielijst-op-de-dag",
        "onderzoeker",
        "/bijeenkomsten/{today.pk}/presentielijst/",
        "Lid Breda (Breda) – niet aangemeld",
    ),
    (
        "presentielijst-afdrukken-niet-aangemeld",
        "onderzoeker",
        "/bijeenkomsten/{today.pk}/presentielijst/?afdrukken=1",
        "Lid Breda (niet aangemeld)",
    ),
    (
        "wachtlijst",
        "onderzoeker",
        "/bijeenkomsten/{full.pk}/wachtlijst/",
        "Geef Lid Breda een plaats",
    ),
    ("wachtlijst-leeg", "onderzoeker", "/bijeenkomsten/{main.pk}/wachtlijst/", "niemand"),
    (
        "bewerken-vol",
        "onderzoeker",
        "/bijeenkomsten/{full.pk}/bewerken/",
        "Nu zijn 1 van de 1 plaatsen bezet en staat 1 persoon op de wachtlijst.",
    ),
    (
        "presentielijst-afdrukken",
        "onderzoeker",
        "/bijeenkomsten/{main.pk}/presentielijst/?afdrukken=1",
        "3 aangemelde deelnemers",
    ),
    ("agenda", "lid", "/bijeenkomsten/agenda/", "Jouw agenda-adres"),
]


@pytest.mark.parametrize(
    ("role", "path", "expected"), [p[1:] for p in PAGES], ids=[p[0] for p in PAGES]
)
def test_page_has_no_axe_violations(
    transactional_db, circle, live_server, page, assert_accessible, role, path, expected
):
    data = _calendar(circle)
    _visit_as(page, live_server, circle, role)

    page.goto(live_server.url + path.format(**vars(data)))
    expect(page.get_by_role("main")).to_contain_text(expected.format(**vars(data)))
    assert_accessible(page)


def test_meeting_page_details_per_role(transactional_db, circle, live_server, page):
    """What the axe test above relies on: each view of the meeting page really shows its
    parts (registration form, work groups, waiting list, attendance table)."""
    data = _calendar(circle)
    _visit_as(page, live_server, circle, "onderzoeker")
    page.goto(f"{live_server.url}/bijeenkomsten/{data.main.pk}/")
    table = page.get_by_role("table", name="Aanmeldingen en aanwezigheid per gemeente")
    expect(table.get_by_role("row", name=re.compile(r"^Breda 2 0$"))).to_have_count(1)
    expect(table.get_by_role("row", name=re.compile(r"^Tilburg 1 0$"))).to_have_count(1)
    expect(page.get_by_role("table", name="Programma")).to_contain_text("Casussen bespreken")

    page.context.clear_cookies()
    _visit_as(page, live_server, circle, "lid")
    page.goto(f"{live_server.url}/bijeenkomsten/{data.main.pk}/")
    expect(page.get_by_role("button", name="Wissel naar Groep Zuid")).to_be_visible()
    expect(
        page.get_by_role("table", name="Aanmeldingen en aanwezigheid per gemeente")
    ).to_have_count(0)
    page.goto(f"{live_server.url}/bijeenkomsten/{data.open.pk}/")
    expect(_mine(page).get_by_role("button", name="Aanmelden")).to_be_visible()
    page.goto(f"{live_server.url}/bijeenkomsten/{data.cancelled.pk}/")
    expect(_mine(page).get_by_role("link", name="Afmelden")).to_have_count(0)


def test_filtered_list_as_member_has_no_axe_violations(
    transactional_db, circle, live_server, page, assert_accessible
):
    data = _calendar(circle)
    _visit_as(page, live_server, circle, "lid")
    page.goto(live_server.url + "/bijeenkomsten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bijeenkomsten")

    filters = page.get_by_role("form", name="Bijeenkomsten filteren")
    filters.get_by_label("Soort").select_option(label="werkgroepbijeenkomst")
    filters.get_by_label("Gastgemeente").select_option(label="Breda")
    filters.get_by_role("button", name="Toon").click()

    expect(page).to_have_url(re.compile(r"[?&]soort=werkgroep(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]gemeente=breda(&|$)"))
    results = page.locator(".leerkring-result")
    expect(results).to_have_count(1)
    expect(results.get_by_role("link")).to_have_text(data.main.title)
    expect(results).to_contain_text("Je bent aangemeld")
    expect(filters.get_by_label("Soort")).to_have_value("werkgroep")
    assert_accessible(page)


def _fill_meeting_form(page, *, starts: str, ends: str, closes: str) -> None:
    main = page.get_by_role("main")
    main.get_by_label("Soort", exact=True).select_option(label="werkgroepbijeenkomst")
    main.get_by_label("Titel", exact=True).fill("Werkgroep Verbinden")
    main.get_by_label("Begint op", exact=True).fill(starts)
    main.get_by_label("Eindigt op", exact=True).fill(ends)
    main.get_by_label(re.compile(r"^Plaats\b")).fill("Tilburg")
    main.get_by_label("Aantal plaatsen", exact=True).fill("12")
    main.get_by_label("Aanmelden kan tot", exact=True).fill(closes)


@pytest.mark.parametrize("mistake", ["leeg", "einde-voor-begin"])
def test_new_meeting_form_with_errors_has_no_axe_violations(
    transactional_db, circle, live_server, page, assert_accessible, mistake
):
    _visit_as(page, live_server, circle, "onderzoeker")
    page.goto(live_server.url + "/bijeenkomsten/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe bijeenkomst")

    if mistake == "einde-voor-begin":
        _fill_meeting_form(
            page, starts="2030-05-01T14:00", ends="2030-05-01T10:00", closes="2030-04-28T12:00"
        )
    page.get_by_role("main").get_by_role("button", name="Opslaan").click()

    summary = page.locator(".leerkring-error-summary")
    expect(summary).to_contain_text("Controleer wat je hebt ingevuld")
    if mistake == "einde-voor-begin":
        expect(summary).to_contain_text("Het einde moet na het begin liggen.")
        expect(page.get_by_role("main").locator(".leerkring-field-error")).to_have_text(
            ["Het einde moet na het begin liggen."]
        )
    else:
        expect(summary.get_by_role("link", name=re.compile(r"^Titel: "))).to_have_count(1)
    assert not Bijeenkomst.objects.exists()
    assert_accessible(page)


def test_duplicate_in_the_past_has_no_axe_violations(
    transactional_db, circle, live_server, page, assert_accessible
):
    data = _calendar(circle)
    _visit_as(page, live_server, circle, "onderzoeker")
    page.goto(f"{live_server.url}/bijeenkomsten/{data.main.pk}/dupliceren/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{data.main.title} dupliceren")

    page.get_by_label("Nieuw begin").fill("2020-03-02T14:00")
    page.get_by_role("button", name="Kopie maken").click()

    summary = page.locator(".leerkring-error-summary")
    expect(summary).to_contain_text("Kies een moment in de toekomst.")
    expect(page.get_by_label("Nieuw begin")).to_have_value("2020-03-02T14:00")
    assert Bijeenkomst.objects.filter(title=data.main.title).count() == 1
    assert_accessible(page)


# --- Researchers: capacity, waiting list, work groups, attendance, duplicating ----------------
def test_researcher_raises_the_capacity_and_the_person_waiting_gets_the_seat(
    transactional_db, circle, live_server, page, assert_accessible, mailoutbox
):
    data = _calendar(circle)
    _visit_as(page, live_server, circle, "onderzoeker")
    page.goto(f"{live_server.url}/bijeenkomsten/{data.full.pk}/")
    expect(page.get_by_role("main")).to_contain_text("1 van 1 bezet, 1 op de wachtlijst")

    page.goto(f"{live_server.url}/bijeenkomsten/{data.full.pk}/bewerken/")
    page.get_by_label("Aantal plaatsen", exact=True).fill("40")
    page.get_by_role("main").get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status").first).to_contain_text(
        "1 persoon van de wachtlijst heeft nu een plaats en krijgt een e-mail."
    )
    main = page.get_by_role("main")
    expect(main).to_contain_text("2 van 40 bezet")
    expect(main).not_to_contain_text("op de wachtlijst")
    assert (
        Aanmelding.objects.get(bijeenkomst=data.full, deelnemer=circle.member).status
        == Aanmelding.Status.REGISTERED
    )
    assert wait_for(lambda: _mail_to(mailoutbox, "lid@breda.nl", "[Leerkring] Er is plek voor je"))
    assert_accessible(page)

    # Lowering it again takes nobody's seat, and says so.
    page.goto(f"{live_server.url}/bijeenkomsten/{data.full.pk}/bewerken/")
    page.get_by_label("Aantal plaatsen", exact=True).fill("1")
    page.get_by_role("main").get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("main")).to_contain_text(
        "Er is nu 1 persoon meer aangemeld dan er plaatsen zijn. Niemand is afgemeld."
    )
    expect(page.get_by_role("main")).to_contain_text("2 van 1 bezet")
    assert_accessible(page)


def test_researcher_gives_someone_on_the_waiting_list_a_seat_by_hand(
    transactional_db, circle, live_server, page, assert_accessible
):
    data = _calendar(circle)
    _visit_as(page, live_server, circle, "onderzoeker")
    page.goto(f"{live_server.url}/bijeenkomsten/{data.full.pk}/")
    page.get_by_role("link", name="Wachtlijst").click()
    expect(page.get_by_role("main")).to_contain_text("De bijeenkomst is vol")
    page.get_by_role("button", name="Geef Lid Breda een plaats").click()

    expect(page.get_by_role("main")).to_contain_text(
        "Lid Breda heeft een plaats en krijgt een e-mail met de afspraak."
    )
    expect(page.get_by_role("main")).to_contain_text("Er staat niemand op de wachtlijst.")
    assert_accessible(page)
    page.goto(f"{live_server.url}/bijeenkomsten/{data.full.pk}/")
    expect(page.get_by_role("main")).to_contain_text("2 van 1 bezet")


def test_researcher_moves_people_between_work_groups(
    transactional_db, circle, live_server, page, assert_accessible
):
    data = _calendar(circle)
    _werkgroep(data.main, "Groep Klein", capacity=1)
    werkgroepen.werkgroep_join(
        aanmelding=Aanmelding.objects.get(bijeenkomst=data.main, deelnemer=circle.coordinator),
        werkgroep_id=Werkgroep.objects.get(title="Groep Klein").pk,
    )
    _visit_as(page, live_server, circle, "onderzoeker")
    page.goto(f"{live_server.url}/bijeenkomsten/{data.main.pk}/werkgroepen/")
    table = page.get_by_role("table", name="Deelnemers en hun werkgroep")
    expect(table.get_by_label("Werkgroep voor Lid Breda")).to_have_value(str(data.noord.pk))
    expect(table.get_by_label("Werkgroep voor Lid Tilburg")).to_have_value(str(data.zuid.pk))

    # Lid Breda to no group: listed first from then on.
    table.get_by_label("Werkgroep voor Lid Breda").select_option(label="Geen werkgroep")
    table.get_by_role("button", name="Verplaats Lid Breda").click()
    expect(page.get_by_role("main")).to_contain_text("Lid Breda zit nu in geen werkgroep.")
    first_row = table.get_by_role("row").nth(1)
    expect(first_row).to_contain_text("Lid Breda")
    expect(first_row).to_contain_text("Geen werkgroep")
    expect(table.get_by_label("Werkgroep voor Lid Breda")).to_have_value("geen")
    assert_accessible(page)

    # A full group: a clear message, nobody moved.
    table.get_by_label("Werkgroep voor Lid Tilburg").select_option(
        label="Groep Klein (1 van 1) – vol"
    )
    table.get_by_role("button", name="Verplaats Lid Tilburg").click()
    expect(page.get_by_role("main")).to_contain_text(
        "De werkgroep Groep Klein is vol: 1 van 1 plaatsen. Lid Tilburg is niet verplaatst."
    )
    expect(table.get_by_label("Werkgroep voor Lid Tilburg")).to_have_value(str(data.zuid.pk))
    assert_accessible(page)


def test_researcher_adds_a_late_arrival_to_the_attendance_list(
    transactional_db, circle, live_server, page, assert_accessible
):
    data = _calendar(circle)
    _visit_as(page, live_server, circle, "onderzoeker")
    page.goto(f"{live_server.url}/bijeenkomsten/{data.today.pk}/presentielijst/")
    page.get_by_label("Wie kwam er zonder aanmelding?").select_option(label="Coördinator Breda")
    page.get_by_role("button", name="Zet op de lijst als aanwezig").click()

    main = page.get_by_role("main")
    expect(main).to_contain_text(
        "Coördinator Breda staat op de presentielijst als aanwezig, zonder aanmelding vooraf."
    )
    present = page.get_by_role("group", name="Wie was er?")
    expect(present.get_by_label("Coördinator Breda (Breda) – niet aangemeld")).to_be_checked()
    # By municipality, then by name.
    expect(present.locator("label")).to_have_text(
        [
            "Coördinator Breda (Breda) – niet aangemeld",
            "Lid Breda (Breda) – niet aangemeld",
            "Lid Tilburg (Tilburg)",
        ]
    )
    assert_accessible(page)


def test_researcher_duplicates_a_meeting_under_a_new_title_and_date(
    transactional_db, circle, live_server, page, assert_accessible
):
    data = _calendar(circle)
    _visit_as(page, live_server, circle, "onderzoeker")
    page.goto(f"{live_server.url}/bijeenkomsten/{data.main.pk}/dupliceren/")
    main = page.get_by_role("main")
    expect(main).to_contain_text(f"Was: {data.main.title}")
    page.get_by_label("Nieuwe titel").fill("Werkgroep Bemiddelen, deel 2")
    page.get_by_label("Nieuw begin").fill("2030-06-03T13:30")
    page.get_by_label("Nieuw einde").fill("2030-06-03T16:30")
    page.get_by_role("button", name="Kopie maken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Werkgroep Bemiddelen, deel 2 bewerken"
    )
    copy = Bijeenkomst.objects.get(title="Werkgroep Bemiddelen, deel 2")
    assert timezone.localtime(copy.starts_at).strftime("%Y-%m-%d %H:%M") == "2030-06-03 13:30"
    assert_accessible(page)
