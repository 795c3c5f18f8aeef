"""Online and hybrid meetings and the venue (issue 18, points 2 and 3): the join button and its
half-hour window, the calendar links, the venue block with its route link, the .ics LOCATION,
GEO and DESCRIPTION, the reminder, the form's messages, and who sees what."""

import datetime
import re
from decimal import Decimal
from html import unescape
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from bijeenkomsten.calendar import google_calendar_url, outlook_calendar_url
from bijeenkomsten.models import Bijeenkomst
from bijeenkomsten.selectors import online as online_selectors
from bijeenkomsten.selectors import venue as venue_selectors
from bijeenkomsten.services import reminders
from tests.bijeenkomsten.test_views import _meeting_form
from tests.factories import AanmeldingFactory, BijeenkomstFactory, LidmaatschapFactory

pytestmark = pytest.mark.django_db

LINK = "https://meet.example/leerkring-hybride"
VENUE = {
    "location": "Stadhuis Breda",
    "address": "Grote Markt 38, 4811 XS Breda",
    "latitude": Decimal("51.588600"),
    "longitude": Decimal("4.776000"),
    "venue_accessibility": "Ingang met hellingbaan aan de Grote Markt.\nLift naar de raadzaal.",
    "contact_name": "Sanne de Bode",
    "contact_phone": "+31 76 529 99 00",
}


@pytest.fixture
def people(circle):
    """A seat, the waiting list, a member without a registration, the researcher, the public."""
    waiting = LidmaatschapFactory(gemeente=circle.tilburg).user
    return {
        "seat": circle.member,
        "waiting": waiting,
        "member": circle.other_member,
        "researcher": circle.researcher,
        "public": None,
    }


def _hybrid(circle, people, starts_in: datetime.timedelta, **fields) -> Bijeenkomst:
    starts = timezone.now() + starts_in
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        is_public=True,
        online_url=LINK,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        registration_closes_at=starts - datetime.timedelta(days=1),
        **{"title": "Hybride leerkring", **VENUE, **fields},
    )
    AanmeldingFactory(
        bijeenkomst=meeting, deelnemer=people["seat"], gemeente=circle.breda, status="aangemeld"
    )
    AanmeldingFactory(
        bijeenkomst=meeting,
        deelnemer=people["waiting"],
        gemeente=circle.tilburg,
        status="wachtlijst",
        waitlisted_at=timezone.now(),
    )
    return meeting


def _page(client, meeting, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(f"/bijeenkomsten/{meeting.pk}/")
    assert response.status_code == 200
    return response.text


def _href(page: str, element_id: str) -> str | None:
    match = re.search(rf'<a [^>]*href="([^"]*)"[^>]*id="{element_id}"', page) or re.search(
        rf'<a [^>]*id="{element_id}"[^>]*href="([^"]*)"', page
    )
    return unescape(match.group(1)) if match else None


# --- The join button and its window ------------------------------------------------------------
def test_the_button_comes_half_an_hour_before_the_start_and_goes_at_the_end(circle, people):
    meeting = _hybrid(circle, people, datetime.timedelta(days=3))
    start, end = meeting.starts_at, meeting.ends_at
    seat = people["seat"]

    def state(now):
        return online_selectors.join_state(user=seat, bijeenkomst=meeting, now=now)

    before = state(start - datetime.timedelta(minutes=31))
    assert before.url == "" and before.opens_at == start - datetime.timedelta(minutes=30)
    assert state(start - datetime.timedelta(minutes=30)).url == LINK
    assert state(start + datetime.timedelta(hours=1)).url == LINK
    assert state(end - datetime.timedelta(seconds=1)).url == LINK
    after = state(end)
    assert after.url == "" and after.opens_at is None

    meeting.status = Bijeenkomst.Status.CANCELLED
    assert state(start) == online_selectors.Join()


@pytest.mark.parametrize("who", ["waiting", "member", "researcher", "public"])
def test_nobody_without_a_seat_gets_the_button_in_the_window(circle, people, who):
    meeting = _hybrid(circle, people, datetime.timedelta(days=3))
    state = online_selectors.join_state(
        user=people[who] or _anonymous(), bijeenkomst=meeting, now=meeting.starts_at
    )
    assert state.url == "" and state.opens_at is None
    # The researchers see the link itself, to check it; nobody else without a seat does.
    assert state.link == (LINK if who == "researcher" else "")


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.mark.parametrize(
    ("who", "button"),
    [
        ("seat", True),
        ("waiting", False),
        ("member", False),
        ("researcher", False),
        ("public", False),
    ],
)
def test_the_page_shows_the_button_to_the_seat_only(client, circle, people, who, button):
    meeting = _hybrid(circle, people, datetime.timedelta(minutes=10))
    page = _page(client, meeting, people[who])
    assert (_href(page, "deelnemen") == LINK) is button
    assert ("Deelnemen</a>" in page) is button
    assert "De knop Deelnemen staat hier vanaf" not in page


def test_before_the_window_the_seat_holder_reads_when_the_button_comes(client, circle, people):
    meeting = _hybrid(circle, people, datetime.timedelta(days=2))
    opens = timezone.localtime(meeting.starts_at - datetime.timedelta(minutes=30))
    page = _page(client, meeting, people["seat"])
    assert _href(page, "deelnemen") is None
    assert "De knop Deelnemen staat hier vanaf" in page
    assert f"om {opens:%H:%M}, een halfuur voor het begin" in page
    assert "De knop Deelnemen staat hier vanaf" not in _page(client, meeting, people["waiting"])


def test_after_the_end_nobody_gets_the_button_or_the_web_calendar_links(client, circle, people):
    meeting = _hybrid(circle, people, datetime.timedelta(hours=-3))
    page = _page(client, meeting, people["seat"])
    assert _href(page, "deelnemen") is None and "De knop Deelnemen" not in page
    assert _href(page, "agenda-google") is None
    assert _href(page, "agenda-ics") == f"/bijeenkomsten/{meeting.pk}/bijeenkomst.ics"


# --- Calendar links ----------------------------------------------------------------------------
def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


@pytest.mark.parametrize(
    ("who", "with_link"),
    [
        ("seat", True),
        ("researcher", True),
        ("waiting", False),
        ("member", False),
        ("public", False),
    ],
)
def test_calendar_links_carry_the_online_link_only_for_who_may_have_it(
    client, circle, people, who, with_link
):
    meeting = _hybrid(circle, people, datetime.timedelta(days=5))
    page = _page(client, meeting, people[who])
    google, outlook = _href(page, "agenda-google"), _href(page, "agenda-outlook")
    assert google.startswith("https://calendar.google.com/calendar/render?")
    assert outlook.startswith("https://outlook.office.com/calendar/0/deeplink/compose?")
    g, o = _query(google), _query(outlook)
    assert g["action"] == "TEMPLATE" and g["text"] == o["subject"] == "Hybride leerkring"
    start = meeting.starts_at.astimezone(datetime.UTC)
    end = meeting.ends_at.astimezone(datetime.UTC)
    assert g["dates"] == f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"
    assert (o["startdt"], o["enddt"]) == (
        f"{start:%Y-%m-%dT%H:%M:%SZ}",
        f"{end:%Y-%m-%dT%H:%M:%SZ}",
    )
    assert g["location"] == o["location"] == "Stadhuis Breda, Grote Markt 38, 4811 XS Breda"
    assert f"/bijeenkomsten/{meeting.pk}/" in g["details"]
    assert (LINK in g["details"]) is with_link and (LINK in o["body"]) is with_link
    # The contact's phone number does not travel through the calendar providers.
    assert "529 99 00" not in google + outlook
    assert _href(page, "agenda-ics") == f"/bijeenkomsten/{meeting.pk}/bijeenkomst.ics"


def test_hostile_and_huge_values_stay_inside_the_calendar_links(circle, people):
    hostile = "Sessie\r\nBcc: x\x0b\u202e&text=nep#frag " + "é" * 5000
    meeting = _hybrid(
        circle,
        people,
        datetime.timedelta(days=5),
        title=hostile[:200],
        location=hostile[:300],
        address=hostile[:300],
        venue_accessibility=hostile * 20,
    )
    venue = venue_selectors.venue_for(user=people["seat"], bijeenkomst=meeting)
    for build in (google_calendar_url, outlook_calendar_url):
        url = build(meeting, venue=venue, link=LINK, page_url="https://leerkring.example/b/1/")
        assert len(url) <= 2000
        assert not re.search(r"[\x00-\x20\x7f#]", url)  # all of it encoded, no fragment
        values = _query(url)
        title = values.get("text") or values["subject"]
        assert title.startswith("Sessie Bcc: x &text=nep#frag é")
        assert "\r" not in title and "\n" not in title and "\u202e" not in title
        assert title.endswith("…")
        details = values.get("details") or values["body"]
        assert details.startswith(f"Online meedoen: {LINK}") and details.endswith("…")
        assert "action" not in values or values["action"] == "TEMPLATE"


# --- The venue ----------------------------------------------------------------------------------
def test_the_route_goes_to_the_coordinates_or_searches_the_address(circle, people):
    meeting = _hybrid(circle, people, datetime.timedelta(days=5))
    assert venue_selectors.route_url(meeting) == (
        "https://www.openstreetmap.org/directions?to=51.588600,4.776000"
    )
    meeting.latitude = meeting.longitude = None
    assert venue_selectors.route_url(meeting) == (
        "https://www.openstreetmap.org/search?query=Grote%20Markt%2038%2C%204811%20XS%20Breda"
    )
    meeting.address = ""
    assert venue_selectors.route_url(meeting) == ""


@pytest.mark.parametrize(
    ("who", "contact"),
    [
        ("seat", True),
        ("researcher", True),
        ("waiting", False),
        ("member", False),
        ("public", False),
    ],
)
def test_the_page_shows_the_venue_and_the_contact_only_to_seats_and_researchers(
    client, circle, people, who, contact
):
    meeting = _hybrid(circle, people, datetime.timedelta(days=5))
    page = _page(client, meeting, people[who])
    assert "Grote Markt 38, 4811 XS Breda" in page
    assert _href(page, "route") == "https://www.openstreetmap.org/directions?to=51.588600,4.776000"
    assert "Ingang met hellingbaan aan de Grote Markt.<br>Lift naar de raadzaal." in page
    assert ("Sanne de Bode" in page) is contact
    assert ('href="tel:+31765299900"' in page) is contact
    if who in ("waiting", "member"):
        assert "Wie je op de dag kunt bellen, zie je hier zodra je een plek hebt." in page
    # A plain link: nothing of OpenStreetMap is loaded into the page.
    assert "<iframe" not in page and "openstreetmap.org/export" not in page


def test_a_meeting_without_venue_details_shows_no_venue_block(client, circle, people):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, is_public=True, location="Breda")
    page = _page(client, meeting, people["seat"])
    assert 'id="locatie"' not in page and "Route plannen" not in page


# --- The .ics -----------------------------------------------------------------------------------
def _event(content: bytes):
    return icalendar.Calendar.from_ical(content).walk("VEVENT")[0]


@pytest.mark.parametrize(
    ("who", "private"),
    [("seat", True), ("researcher", True), ("waiting", False), ("public", False)],
)
def test_the_ics_has_location_geo_accessibility_and_the_contact_for_who_may_see_it(
    client, circle, people, who, private
):
    meeting = _hybrid(circle, people, datetime.timedelta(days=5))
    client.logout()
    if people[who]:
        client.force_login(people[who])
    response = client.get(f"/bijeenkomsten/{meeting.pk}/bijeenkomst.ics")
    event = _event(response.content)
    assert str(event["LOCATION"]) == "Stadhuis Breda, Grote Markt 38, 4811 XS Breda"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (51.5886, 4.776)
    description = str(event["DESCRIPTION"])
    assert "Toegankelijkheid: Ingang met hellingbaan aan de Grote Markt.\nLift" in description
    assert ("Contactpersoon op de dag: Sanne de Bode, +31 76 529 99 00" in description) is private
    assert (LINK in description) is private
    assert (response.get("Cache-Control") == "private, no-store") is private


def test_the_personal_feed_uses_the_same_venue_and_contact_rule(client, circle, people):
    meeting = _hybrid(circle, people, datetime.timedelta(days=5))
    for who, contact in (("seat", True), ("waiting", False)):
        client.force_login(people[who])
        client.post("/bijeenkomsten/agenda/")
        token = type(people[who]).objects.get(pk=people[who].pk).agendakoppeling.token
        client.logout()
        event = _event(client.get(f"/bijeenkomsten/agenda/{token}.ics").content)
        assert str(event["UID"]) == f"bijeenkomst-{meeting.pk}@leerkring"
        assert str(event["LOCATION"]) == "Stadhuis Breda, Grote Markt 38, 4811 XS Breda"
        assert "GEO" in event
        assert ("Sanne de Bode" in str(event["DESCRIPTION"])) is contact


def test_an_online_only_meeting_keeps_its_link_as_location_and_has_no_geo(client, circle, people):
    meeting = _hybrid(
        circle,
        people,
        datetime.timedelta(days=5),
        location="",
        address="",
        latitude=None,
        longitude=None,
        venue_accessibility="",
        contact_name="",
        contact_phone="",
    )
    client.force_login(people["seat"])
    event = _event(client.get(f"/bijeenkomsten/{meeting.pk}/bijeenkomst.ics").content)
    assert str(event["LOCATION"]) == LINK and "GEO" not in event


def test_hostile_venue_text_keeps_the_ics_and_the_page_working(client, circle, people):
    """Rows stored before the form cleaned their input."""
    meeting = _hybrid(
        circle,
        people,
        datetime.timedelta(days=5),
        location="Zaal\r\nX-Evil: ja",
        address="Markt 1\x01\x0bBreda\u2028",
        venue_accessibility="Lift\x07 en \u202ehelling\r\nbaan" + "x" * 20000,
        contact_name="Sanne\r\nBEGIN:VEVENT",
        contact_phone="076\n529",
    )
    client.force_login(people["seat"])
    response = client.get(f"/bijeenkomsten/{meeting.pk}/bijeenkomst.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["LOCATION"]) == "Zaal X-Evil: ja, Markt 1 Breda"
    assert "Contactpersoon op de dag: Sanne BEGIN:VEVENT, 076 529" in str(event["DESCRIPTION"])
    assert "Lift en helling\nbaan" in str(event["DESCRIPTION"])
    page = _page(client, meeting, people["seat"])
    assert "Sanne BEGIN:VEVENT" in page
    assert _href(page, "route") == "https://www.openstreetmap.org/directions?to=51.588600,4.776000"


# --- The reminder -------------------------------------------------------------------------------
def test_the_reminder_has_address_route_accessibility_contact_and_join_link(
    circle, people, django_capture_on_commit_callbacks
):
    meeting = _hybrid(circle, people, datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.reminders_send() == 1  # the seat, not the waiting list
    (reminder,) = mail.outbox
    assert reminder.to == [people["seat"].email]
    body = reminder.body
    assert "Waar: Stadhuis Breda" in body
    assert "Adres: Grote Markt 38, 4811 XS Breda" in body
    route = "https://www.openstreetmap.org/directions?to=51.588600,4.776000"
    assert f"Route (OpenStreetMap): {route}" in body
    assert "Toegankelijkheid: Ingang met hellingbaan" in body
    assert "Contactpersoon op de dag: Sanne de Bode, +31 76 529 99 00" in body
    assert f"Online meedoen: {LINK}" in body
    assert "de knop Deelnemen" in body
    assert f"/bijeenkomsten/{meeting.pk}/" in body


# --- The form -----------------------------------------------------------------------------------
def test_a_researcher_saves_the_venue_with_a_comma_and_too_many_decimals(client, circle):
    client.force_login(circle.researcher)
    response = client.post(
        "/bijeenkomsten/nieuw/",
        _meeting_form(
            location="Stadhuis Breda",
            address="Grote Markt 38, Breda",
            latitude="51,58861234",
            longitude=" 4.776 ",
            venue_accessibility="Lift aanwezig",
            contact_name="Sanne de Bode",
            contact_phone="076 529 99 00",
            online_url=LINK,
        ),
    )
    assert response.status_code == 302
    meeting = Bijeenkomst.objects.get()
    assert (meeting.latitude, meeting.longitude) == (Decimal("51.588612"), Decimal("4.776000"))
    assert (meeting.address, meeting.contact_phone) == ("Grote Markt 38, Breda", "076 529 99 00")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"latitude": "51.5"},
            "longitude",
            "Vul ook de lengtegraad in, of maak de breedtegraad leeg.",
        ),
        (
            {"longitude": "4.7"},
            "latitude",
            "Vul ook de breedtegraad in, of maak de lengtegraad leeg.",
        ),
        ({"latitude": "91", "longitude": "4"}, "latitude", "Vul een getal tussen -90 en 90 in."),
        (
            {"latitude": "51", "longitude": "-181"},
            "longitude",
            "Vul een getal tussen -180 en 180 in.",
        ),
        ({"latitude": "1e400", "longitude": "4"}, "latitude", "Vul een getal tussen -90 en 90 in."),
        ({"latitude": "NaN", "longitude": "4"}, "latitude", "Vul een getal in, zoals 51.5886."),
        ({"latitude": "noord", "longitude": "4"}, "latitude", "Vul een getal in, zoals 51.5886."),
        (
            {"contact_name": "Sanne", "contact_phone": "bel de receptie"},
            "contact_phone",
            "Vul een telefoonnummer in met cijfers, zoals 06 12345678.",
        ),
        (
            {"contact_phone": "076 529 99 00"},
            "contact_name",
            "Vul ook de naam in van wie er op dit nummer opneemt.",
        ),
        (
            {"location": "", "online_url": LINK, "venue_accessibility": "Lift"},
            "venue_accessibility",
            "Vul ook de plaats of het adres in waar deze toegankelijkheid over gaat.",
        ),
    ],
)
def test_the_form_says_what_is_wrong_with_the_venue(client, circle, overrides, field, message):
    client.force_login(circle.researcher)
    response = client.post("/bijeenkomsten/nieuw/", _meeting_form(**overrides))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert message in response.text
    assert not Bijeenkomst.objects.exists()


# --- The demo -----------------------------------------------------------------------------------
def test_the_demo_shows_fatima_the_join_button_of_todays_hybrid_meeting(client):
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from leerkring.demo import content

    call_command("seed_demo", stdout=io.StringIO())
    today = Bijeenkomst.objects.get(title=content.TODAY["title"])
    assert today.online_url and today.location and today.latitude is not None
    fatima = get_user_model().objects.get(email="ambtenaar@breda.nl")
    page = _page(client, today, fatima)
    assert _href(page, "deelnemen") == content.TODAY["online_url"]
    assert content.TODAY["contact_name"] in page
    upcoming = Bijeenkomst.objects.get(title=content.UPCOMING["title"])
    assert upcoming.online_url and upcoming.address and upcoming.contact_phone
    assert _href(_page(client, upcoming, fatima), "route").startswith(
        "https://www.openstreetmap.org/directions?to="
    )
