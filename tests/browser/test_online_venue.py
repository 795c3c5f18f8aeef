"""Online and hybrid meetings and the venue in the browser (issue 18, points 2 and 3): with the
keyboard alone a seat holder reaches "Deelnemen", the route and the calendar links, and follows
the join link; every new state of the meeting page passes axe and the reflow checks."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import is_focused, log_in, tab_to
from tests.browser.test_reflow import (
    CRITERIA,
    DESKTOP,
    _measure,
    _report,
)
from tests.factories import AanmeldingFactory, BijeenkomstFactory, LidmaatschapFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = "https://meet.example/leerkring-hybride"


def _hybrid(circle, *, starts_in: datetime.timedelta):
    starts = timezone.now() + starts_in
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Hybride intervisie",
        is_public=True,
        online_url=LINK,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        registration_closes_at=starts - datetime.timedelta(days=1),
        location="Stadhuis Breda",
        address="Grote Markt 38, 4811 XS Breda",
        latitude="51.588600",
        longitude="4.776000",
        venue_accessibility="Ingang met hellingbaan aan de Grote Markt.\nLift naar de raadzaal.",
        contact_name="Sanne de Bode",
        contact_phone="06 12345678",
    )
    AanmeldingFactory(
        bijeenkomst=meeting, deelnemer=circle.member, gemeente=circle.breda, status="aangemeld"
    )
    waiting = LidmaatschapFactory(
        gemeente=circle.tilburg, user=UserFactory(email="wacht@tilburg.nl", name="Wacht Tilburg")
    ).user
    AanmeldingFactory(
        bijeenkomst=meeting,
        deelnemer=waiting,
        gemeente=circle.tilburg,
        status="wachtlijst",
        waitlisted_at=timezone.now(),
    )
    return meeting


def test_a_seat_holder_joins_and_adds_the_meeting_with_the_keyboard_alone(
    circle, live_server, page
):
    meeting = _hybrid(circle, starts_in=datetime.timedelta(minutes=10))
    log_in(page, live_server, "lid@breda.nl", name="Lid Breda")
    page.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/")
    main = page.get_by_role("main")

    join = main.get_by_role("link", name="Deelnemen", exact=True)
    tab_to(page, join)
    assert join.get_attribute("href") == LINK

    # Then, in the order of the page: the route, Outlook, Google, the .ics.
    route = main.get_by_role("link", name="Route plannen op OpenStreetMap")
    tab_to(page, route, limit=10)
    assert route.get_attribute("href") == (
        "https://www.openstreetmap.org/directions?to=51.588600,4.776000"
    )
    expect(main.get_by_role("link", name="06 12345678")).to_have_attribute("href", "tel:0612345678")
    outlook = main.get_by_role("link", name="Outlook (web)")
    tab_to(page, outlook, limit=5)
    parts = urlsplit(outlook.get_attribute("href"))
    assert (parts.netloc, parts.path) == ("outlook.office.com", "/calendar/0/deeplink/compose")
    query = parse_qs(parts.query)
    assert query["subject"] == ["Hybride intervisie"] and LINK in query["body"][0]
    page.keyboard.press("Tab")
    google = main.get_by_role("link", name="Google Agenda")
    assert is_focused(google), "Tab from Outlook should reach Google Agenda"
    parts = urlsplit(google.get_attribute("href"))
    assert (parts.netloc, parts.path) == ("calendar.google.com", "/calendar/render")
    query = parse_qs(parts.query)
    assert query["action"] == ["TEMPLATE"] and LINK in query["details"][0]
    assert query["location"] == ["Stadhuis Breda, Grote Markt 38, 4811 XS Breda"]
    page.keyboard.press("Tab")
    ics = main.get_by_role("link", name="Apple Agenda en andere agenda's (.ics-bestand)")
    assert is_focused(ics), "Tab from Google Agenda should reach the .ics"
    assert ics.get_attribute("href") == f"/bijeenkomsten/{meeting.pk}/bijeenkomst.ics"

    # Back to the button; Enter follows the link (the video service is answered here).
    page.route(f"{LINK}**", lambda route: route.fulfill(body="<title>Video</title>Video"))
    join.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(LINK)


def test_before_the_window_the_page_says_when_the_button_comes(circle, live_server, page):
    meeting = _hybrid(circle, starts_in=datetime.timedelta(days=2))
    opens = timezone.localtime(meeting.starts_at - datetime.timedelta(minutes=30))
    log_in(page, live_server, "lid@breda.nl", name="Lid Breda")
    page.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/")
    region = page.get_by_role("region", name="Online meedoen")
    expect(region).to_contain_text(f"om {opens:%H:%M}, een halfuur voor het begin")
    expect(page.get_by_role("link", name="Deelnemen", exact=True)).to_have_count(0)


# --- Accessibility and reflow of the new states ---------------------------------------------
STATES = [
    # (id, who logs in, starts in, text the state shows)
    ("knop-deelnemen", "lid", datetime.timedelta(minutes=10), "Je kunt nu online meedoen."),
    ("knop-straks", "lid", datetime.timedelta(days=2), "De knop Deelnemen staat hier vanaf"),
    ("wachtlijst", "wacht", datetime.timedelta(minutes=10), "zodra je een plek hebt"),
    ("onderzoeker", "onderzoeker", datetime.timedelta(minutes=10), "Sanne de Bode"),
    ("publiek", None, datetime.timedelta(days=2), "Route plannen op OpenStreetMap"),
]
LOGINS = {
    "lid": ("lid@breda.nl", "Lid Breda"),
    "wacht": ("wacht@tilburg.nl", "Wacht Tilburg"),
    "onderzoeker": ("onderzoeker@uni.example", "Onderzoeker"),
}


@pytest.mark.parametrize(
    ("who", "starts_in", "text"), [s[1:] for s in STATES], ids=[s[0] for s in STATES]
)
def test_each_state_passes_axe_and_reflows(
    circle, live_server, page, assert_accessible, who, starts_in, text
):
    meeting = _hybrid(circle, starts_in=starts_in)
    if who:
        email, name = LOGINS[who]
        log_in(page, live_server, email, name=name)
    page.set_viewport_size(DESKTOP)
    site = urlsplit(live_server.url).netloc
    elsewhere = []  # no map, no script, no font from elsewhere: nothing leaves the site
    page.on(
        "request",
        lambda r: (
            urlsplit(r.url).netloc != site
            and urlsplit(r.url).scheme in ("http", "https")
            and elsewhere.append(r.url)
        ),
    )
    page.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/")
    expect(page.get_by_role("main")).to_contain_text(text)
    assert_accessible(page)
    measured = {
        (f"bijeenkomst {who or 'publiek'}", who or "anonymous"): {
            **_measure(page),
            "elsewhere": elsewhere,
        }
    }
    failed = {name: p for name, check in CRITERIA.items() if (p := check(measured))}
    assert not failed, "\n\n".join(f"{name}: {_report(p)}" for name, p in failed.items())
