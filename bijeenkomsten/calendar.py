"""Meetings as iCalendar (RFC 5545), with a Europe/Amsterdam VTIMEZONE, and the links that
add one meeting to Outlook on the web or Google Calendar."""

import datetime
import functools
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from leerkring.core.text import clean_line, clean_text

from .models import Bijeenkomst
from .selectors.venue import Venue, venue_without_contact

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class _CleanText:
    """Every text value passes through leerkring.core.text on its way in, also the ones of
    rows stored before the forms cleaned their input: icalendar refuses a raw line break in
    some properties (X-WR-CALNAME), and control characters have no place in a calendar."""

    def add(self, name, value, *args, **kwargs):
        if isinstance(value, str):
            value = clean_text(value) if name.lower() == "description" else clean_line(value)
        return super().add(name, value, *args, **kwargs)


class _Calendar(_CleanText, Calendar):
    pass


class _Event(_CleanText, Event):
    pass


def _description(venue: Venue, link: str) -> str:
    """The event's text: the online link (for who may have it), how accessible the venue is,
    and the contact for the day (for who may see them, selectors.venue)."""
    lines = []
    if link:
        lines.append(_("Online meedoen: %(link)s") % {"link": link})
    if venue.accessibility:
        lines.append(_("Toegankelijkheid: %(text)s") % {"text": venue.accessibility})
    if venue.contact:
        lines.append(_("Contactpersoon op de dag: %(contact)s") % {"contact": venue.contact.text})
    return "\n".join(lines)


def ics_for(
    bijeenkomsten,
    *,
    name: str,
    base_url: str,
    online_links: dict[int, str] | None = None,
    venues: dict[int, Venue] | None = None,
) -> bytes:
    """`online_links` ({meeting id: link}, from selectors.online) are the only online
    links written: a meeting not in it has none in the file, whatever the meeting holds.
    `venues` ({meeting id: Venue}, from selectors.venue) as the person may see them; a
    meeting not in it gets its venue without the contact person."""
    online_links = online_links or {}
    venues = venues or {}
    calendar = _Calendar()
    calendar.add("prodid", "-//Leerkring//bijeenkomsten//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for bijeenkomst in bijeenkomsten:
        event = _Event()
        event.add("uid", f"bijeenkomst-{bijeenkomst.pk}@leerkring")
        event.add("summary", bijeenkomst.title)
        event.add("dtstart", bijeenkomst.starts_at.astimezone(AMSTERDAM))
        event.add("dtend", bijeenkomst.ends_at.astimezone(AMSTERDAM))
        event.add("dtstamp", bijeenkomst.updated_at)
        link = online_links.get(bijeenkomst.pk, "")
        venue = venues.get(bijeenkomst.pk) or venue_without_contact(bijeenkomst)
        place = venue.place or link
        if place:
            event.add("location", place)
        if venue.geo:
            event.add("geo", venue.geo)
        if description := _description(venue, link):
            event.add("description", description)
        if link:  # RFC 7986: calendar apps show a "join" button for it
            event.add("conference", link, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
        event.add("url", f"{base_url}/bijeenkomsten/{bijeenkomst.pk}/")
        event.add(
            "status",
            "CANCELLED" if bijeenkomst.status == Bijeenkomst.Status.CANCELLED else "CONFIRMED",
        )
        calendar.add_component(event)
    _add_timezones(calendar)
    return calendar.to_ical()


@functools.lru_cache(maxsize=8)
def _vtimezone(tzid: str) -> Timezone | None:
    try:
        return Timezone.from_tzid(tzid)
    except ValueError:  # a zone icalendar does not know gets no VTIMEZONE, as before
        return None


def _add_timezones(calendar: Calendar) -> None:
    """What `calendar.add_missing_timezones()` does, with each VTIMEZONE built once per process:
    building one walks the zone's transitions over decades, which took most of the time of an
    e-mail with its .ics (make bench, registrations)."""
    timezones = [_vtimezone(tzid) for tzid in sorted(calendar.get_missing_tzids())]
    position = len(calendar.timezones)
    calendar.subcomponents[position:position] = [tz for tz in timezones if tz is not None]


# --- Links that add one meeting to a calendar on the web ------------------------------------------
# Browsers and servers refuse very long addresses (about 2,000 characters is safe everywhere):
# each value gets a share of that, measured after encoding, and is cut with "…" beyond it.
_BUDGET = {"title": 300, "location": 400, "details": 1100}


def _fit(text: str, budget: int) -> str:
    """`text` cut so that its URL encoding takes at most `budget` characters."""
    text = text[: budget + 1]  # an encoded character takes at least one
    if len(quote(text, safe="")) <= budget:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with the ellipsis
        middle = (low + high + 1) // 2
        if len(quote(text[:middle].rstrip() + "…", safe="")) <= budget:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _web_event(bijeenkomst: Bijeenkomst, *, venue: Venue, link: str, page_url: str) -> dict:
    """The values both calendars take, cleaned and cut to fit. No contact person: these
    links pass through the calendar provider's servers, so the phone number stays out."""
    lines = []
    if link:
        lines.append(_("Online meedoen: %(link)s") % {"link": link})
    lines.append(_("Meer informatie: %(url)s") % {"url": page_url})
    if venue.accessibility:
        lines.append(_("Toegankelijkheid: %(text)s") % {"text": venue.accessibility})
    return {
        "title": _fit(clean_line(bijeenkomst.title), _BUDGET["title"]),
        "location": _fit(venue.place or link, _BUDGET["location"]),
        "details": _fit(clean_text("\n".join(lines)), _BUDGET["details"]),
    }


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def google_calendar_url(bijeenkomst: Bijeenkomst, *, venue: Venue, link: str, page_url: str) -> str:
    event = _web_event(bijeenkomst, venue=venue, link=link, page_url=page_url)
    dates = "/".join(
        f"{_utc(t):%Y%m%dT%H%M%SZ}" for t in (bijeenkomst.starts_at, bijeenkomst.ends_at)
    )
    query = {
        "action": "TEMPLATE",
        "text": event["title"],
        "dates": dates,
        "details": event["details"],
        "location": event["location"],
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(
        query, quote_via=quote, safe="/"
    )


def outlook_calendar_url(
    bijeenkomst: Bijeenkomst, *, venue: Venue, link: str, page_url: str
) -> str:
    event = _web_event(bijeenkomst, venue=venue, link=link, page_url=page_url)
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event["title"],
        "startdt": f"{_utc(bijeenkomst.starts_at):%Y-%m-%dT%H:%M:%SZ}",
        "enddt": f"{_utc(bijeenkomst.ends_at):%Y-%m-%dT%H:%M:%SZ}",
        "body": event["details"],
        "location": event["location"],
    }
    return "https://outlook.office.com/calendar/0/deeplink/compose?" + urlencode(
        query, quote_via=quote, safe="/"
    )
