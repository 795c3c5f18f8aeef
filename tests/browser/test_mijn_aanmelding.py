"""A person's own registration in the browser (issue 18, point 1): with the keyboard alone
(Tab, Enter and Space) they change their needs and cancel with a reason, reading first what
will happen; every new page state passes axe and the reflow checks of issue 12."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bijeenkomsten.models import Aanmelding
from bijeenkomsten.services import registration, werkgroepen
from tests.browser.helpers import enter_as, is_focused, tab_to
from tests.browser.test_reflow import CRITERIA, DESKTOP, _measure, _report
from tests.conftest import wait_for
from tests.factories import (
    BijeenkomstFactory,
    DilemmaFactory,
    LidmaatschapFactory,
    WerkgroepFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _meeting(circle, *, capacity=3):
    starts = timezone.now() + datetime.timedelta(days=10)
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Intervisie over loslaten",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        registration_closes_at=starts - datetime.timedelta(days=2),
        capacity=capacity,
    )
    dilemma = DilemmaFactory(leerkring=circle.leerkring, title="Loslaten")
    groups = [
        WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title="Tafel Noord", capacity=1),
        WerkgroepFactory(bijeenkomst=meeting, dilemma=dilemma, title="Tafel Zuid", capacity=4),
    ]
    return meeting, groups


def test_changing_the_needs_and_cancelling_with_a_reason_with_the_keyboard_alone(
    circle, live_server, page, mailoutbox
):
    meeting, groups = _meeting(circle, capacity=1)
    mine = registration.aanmelding_create(
        bijeenkomst_id=meeting.pk, deelnemer=circle.member, diet="halal"
    )
    werkgroepen.werkgroep_join(aanmelding=mine, werkgroep_id=groups[1].pk)
    waiting = registration.aanmelding_create(
        bijeenkomst_id=meeting.pk, deelnemer=circle.other_member
    )
    enter_as(page, live_server, circle.member)
    page.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/")
    block = page.get_by_role("region", name="Jouw aanmelding")
    expect(block).to_contain_text("Je bent aangemeld. Je zit in de werkgroep Tafel Zuid.")
    expect(block).to_contain_text("halal")

    # To the form, with Tab and Enter.
    change = block.get_by_role("link", name="Wijzig je wensen of werkgroep")
    tab_to(page, change)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wijzig je aanmelding")
    diet = page.get_by_label("Dieetwensen")
    expect(diet).to_have_value("halal")
    tab_to(page, diet)  # Tab into a field selects what is in it: typing replaces it
    page.keyboard.type("vegetarisch, geen noten")
    access = page.get_by_label("Wat heb je nodig om goed mee te kunnen doen?")
    page.keyboard.press("Tab")
    assert is_focused(access)
    page.keyboard.type("een plek vlak bij de deur")
    # The work group stays as it is: its radio button has the focus next, checked.
    page.keyboard.press("Tab")
    assert is_focused(page.get_by_role("radio", name="Tafel Zuid (1 van 4 plaatsen bezet)"))
    save = page.get_by_role("button", name="Wijzigingen bewaren")
    tab_to(page, save)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Je aanmelding is gewijzigd.")
    expect(block).to_contain_text("vegetarisch, geen noten")
    expect(block).to_contain_text("een plek vlak bij de deur")
    mine.refresh_from_db()
    assert (mine.diet, mine.accessibility, mine.werkgroep) == (
        "vegetarisch, geen noten",
        "een plek vlak bij de deur",
        groups[1],
    )

    # Cancelling: the page says what will happen before anything does.
    cancel = block.get_by_role("link", name="Afmelden")
    tab_to(page, cancel)
    page.keyboard.press("Enter")
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Afmelden voor Intervisie over loslaten?"
    )
    expect(main).to_contain_text("Die gaat meteen naar de eerste persoon op de wachtlijst.")
    expect(main).to_contain_text("Je gaat uit de werkgroep Tafel Zuid.")
    expect(main).to_contain_text("Je kunt je daarna opnieuw aanmelden")
    expect(main).not_to_contain_text("Lid Tilburg")  # the person waiting is never named
    reason = page.get_by_label("Reden van afmelden")
    tab_to(page, reason)
    page.keyboard.type("Ik moet naar een raadsvergadering")
    confirm = page.get_by_role("button", name="Ja, afmelden")
    page.keyboard.press("Tab")
    assert is_focused(confirm)
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_contain_text(
        "Je bent afgemeld. Je plek gaat naar de eerste op de wachtlijst; die krijgt een e-mail."
    )
    mine.refresh_from_db()
    assert (mine.status, mine.cancel_reason) == (
        Aanmelding.Status.CANCELLED,
        "Ik moet naar een raadsvergadering",
    )
    waiting.refresh_from_db()
    assert waiting.status == Aanmelding.Status.REGISTERED
    assert wait_for(
        lambda: any(
            m.to == ["lid@tilburg.nl"] and "Er is plek voor je" in m.subject for m in mailoutbox
        )
    )


# --- Accessibility and reflow of the new states ---------------------------------------------
def _change(circle, meeting, groups, page, live_server):
    mine = registration.aanmelding_create(
        bijeenkomst_id=meeting.pk, deelnemer=circle.member, diet="halal"
    )
    return f"/bijeenkomsten/aanmeldingen/{mine.pk}/wijzigen/", "Werkgroep"


def _change_refused(circle, meeting, groups, page, live_server):
    url, _ = _change(circle, meeting, groups, page, live_server)
    page.goto(live_server.url + url)
    other = registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=circle.coordinator)
    werkgroepen.werkgroep_join(aanmelding=other, werkgroep_id=groups[0].pk)
    page.get_by_role("radio", name="Tafel Noord (0 van 1 plaats bezet)").check()
    page.get_by_role("button", name="Wijzigingen bewaren").click()
    return None, "De werkgroep Tafel Noord is vol."


def _change_closed(circle, meeting, groups, page, live_server):
    url, _ = _change(circle, meeting, groups, page, live_server)
    meeting.registration_closes_at = timezone.now() - datetime.timedelta(hours=1)
    meeting.save()
    return url, "Wijzigen kon tot"


def _cancel_seat_free(circle, meeting, groups, page, live_server):
    mine = registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=circle.member)
    return f"/bijeenkomsten/aanmeldingen/{mine.pk}/afmelden/", "dus je plek komt vrij"


def _fill(meeting, circle, n=3):
    for _i in range(n):
        registration.aanmelding_create(
            bijeenkomst_id=meeting.pk, deelnemer=LidmaatschapFactory(gemeente=circle.breda).user
        )


def _cancel_seat_to_waiting(circle, meeting, groups, page, live_server):
    url, _ = _cancel_seat_free(circle, meeting, groups, page, live_server)
    _fill(meeting, circle)
    return url, "Die gaat meteen naar de eerste persoon op de wachtlijst."


def _cancel_from_waiting_list(circle, meeting, groups, page, live_server):
    _fill(meeting, circle)
    mine = registration.aanmelding_create(bijeenkomst_id=meeting.pk, deelnemer=circle.member)
    return f"/bijeenkomsten/aanmeldingen/{mine.pk}/afmelden/", "Je staat nu op plaats 1"


def _cancel_closed(circle, meeting, groups, page, live_server):
    url, _ = _cancel_seat_free(circle, meeting, groups, page, live_server)
    meeting.registration_closes_at = timezone.now() - datetime.timedelta(hours=1)
    meeting.save()
    return url, "Je kunt je daarna niet opnieuw aanmelden."


def _cancel_stale(circle, meeting, groups, page, live_server):
    url, _ = _cancel_seat_free(circle, meeting, groups, page, live_server)
    page.goto(live_server.url + url)
    _fill(meeting, circle)
    page.get_by_label("Reden van afmelden").fill("Ziek")
    page.get_by_role("button", name="Ja, afmelden").click()
    return None, "Er is iets veranderd sinds je de vorige pagina opende."


def _cancelled_already(circle, meeting, groups, page, live_server):
    url, _ = _cancel_seat_free(circle, meeting, groups, page, live_server)
    mine = Aanmelding.objects.get(deelnemer=circle.member)
    registration.aanmelding_cancel(aanmelding_id=mine.pk, deelnemer=circle.member)
    return url, "Je bent al afgemeld voor deze bijeenkomst."


def _meeting_page(circle, meeting, groups, page, live_server):
    mine = registration.aanmelding_create(
        bijeenkomst_id=meeting.pk, deelnemer=circle.member, diet="halal", accessibility="rolstoel"
    )
    werkgroepen.werkgroep_join(aanmelding=mine, werkgroep_id=groups[1].pk)
    return f"/bijeenkomsten/{meeting.pk}/", "Wijzig je wensen of werkgroep"


STATES = {
    "wijzigen": _change,
    "wijzigen-werkgroep-vol": _change_refused,
    "wijzigen-gesloten": _change_closed,
    "afmelden-plek-vrij": _cancel_seat_free,
    "afmelden-plek-naar-wachtlijst": _cancel_seat_to_waiting,
    "afmelden-van-de-wachtlijst": _cancel_from_waiting_list,
    "afmelden-aanmelden-gesloten": _cancel_closed,
    "afmelden-veranderd": _cancel_stale,
    "al-afgemeld": _cancelled_already,
    "bijeenkomst-jouw-aanmelding": _meeting_page,
}


@pytest.mark.parametrize("state", list(STATES))
def test_each_state_passes_axe_and_reflows(circle, live_server, page, assert_accessible, state):
    meeting, groups = _meeting(circle)
    enter_as(page, live_server, circle.member)
    page.set_viewport_size(DESKTOP)
    site = urlsplit(live_server.url).netloc
    elsewhere = []
    page.on(
        "request",
        lambda r: (
            urlsplit(r.url).netloc != site
            and urlsplit(r.url).scheme in ("http", "https")
            and elsewhere.append(r.url)
        ),
    )
    url, text = STATES[state](circle, meeting, groups, page, live_server)
    if url is not None:
        page.goto(live_server.url + url)
    expect(page.get_by_role("main")).to_contain_text(text)
    assert_accessible(page)
    measured = {(state, "member"): {**_measure(page), "elsewhere": elsewhere}}
    failed = {name: p for name, check in CRITERIA.items() if (p := check(measured))}
    assert not failed, "\n\n".join(f"{name}: {_report(p)}" for name, p in failed.items())
