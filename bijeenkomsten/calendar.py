"""Meetings as iCalendar (RFC 5545), with a Europe/Amsterdam VTIMEZONE."""

from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from .models import Bijeenkomst

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def ics_for(bijeenkomsten, *, name: str, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Leerkring//bijeenkomsten//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for bijeenkomst in bijeenkomsten:
        event = Event()
        event.add("uid", f"bijeenkomst-{bijeenkomst.pk}@leerkring")
        event.add("summary", bijeenkomst.title)
        event.add("dtstart", bijeenkomst.starts_at.astimezone(AMSTERDAM))
        event.add("dtend", bijeenkomst.ends_at.astimezone(AMSTERDAM))
        event.add("dtstamp", bijeenkomst.updated_at)
        place = bijeenkomst.location or bijeenkomst.online_url
        if place:
            event.add("location", place)
        event.add("url", f"{base_url}/bijeenkomsten/{bijeenkomst.pk}/")
        event.add(
            "status",
            "CANCELLED" if bijeenkomst.status == Bijeenkomst.Status.CANCELLED else "CONFIRMED",
        )
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
