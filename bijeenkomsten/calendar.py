"""Meetings as iCalendar (RFC 5545), with a Europe/Amsterdam VTIMEZONE."""

from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from leerkring.core.text import clean_line, clean_text

from .models import Bijeenkomst

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


def ics_for(
    bijeenkomsten, *, name: str, base_url: str, online_links: dict[int, str] | None = None
) -> bytes:
    """`online_links` ({meeting id: link}, from selectors.online) are the only online
    links written: a meeting not in it has none in the file, whatever the meeting holds."""
    online_links = online_links or {}
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
        place = bijeenkomst.location or link
        if place:
            event.add("location", place)
        if link:  # RFC 7986: calendar apps show a "join" button for it
            event.add("conference", link, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
        event.add("url", f"{base_url}/bijeenkomsten/{bijeenkomst.pk}/")
        event.add(
            "status",
            "CANCELLED" if bijeenkomst.status == Bijeenkomst.Status.CANCELLED else "CONFIRMED",
        )
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
