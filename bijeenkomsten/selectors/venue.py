"""The venue of a meeting as a person may see it: where, the route, how accessible, and whom
to call on the day.

Name, address, route and accessibility go with the meeting: whoever may see the meeting sees
them (on a public meeting the public too, like the place). The contact person for the day is
personal data: their name and phone number are for the people who come on the day, those with
a seat (not the waiting list), and for the circle's researchers (docs/decisions.md, the venue).
This module is the one place that decides it; the page, the .ics files and the reminder ask
`venues`."""

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote, urlencode

from leerkring.core.text import clean_line, clean_text

from ..models import Bijeenkomst
from .online import seats_and_research

OSM = "https://www.openstreetmap.org"


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str

    @property
    def text(self) -> str:
        """Name and phone number on one line."""
        return ", ".join(part for part in (self.name, self.phone) if part)

    @property
    def tel(self) -> str:
        """The phone number for a tel: link: digits and a leading +, nothing else."""
        digits = "".join(c for c in self.phone if c.isdigit() and c.isascii())
        return ("+" if self.phone.strip().startswith("+") else "") + digits


@dataclass(frozen=True)
class Venue:
    name: str
    address: str
    route_url: str
    accessibility: str
    latitude: Decimal | None
    longitude: Decimal | None
    contact: Contact | None  # None: none given, or not for this person
    contact_hidden: bool = False  # there is one, but not for this person (yet)

    @property
    def geo(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return float(self.latitude), float(self.longitude)

    @property
    def place(self) -> str:
        """Name and address on one line, as a calendar's LOCATION."""
        return ", ".join(part for part in (self.name, self.address) if part)

    def __bool__(self) -> bool:
        return bool(self.name or self.address or self.accessibility or self.contact)


def route_url(bijeenkomst: Bijeenkomst) -> str:
    """A route to the venue on OpenStreetMap: directions to the coordinates when both are
    known, otherwise a search for the address; "" without either. A plain link: no map is
    embedded and nothing is loaded from elsewhere."""
    if bijeenkomst.latitude is not None and bijeenkomst.longitude is not None:
        to = f"{Decimal(bijeenkomst.latitude):f},{Decimal(bijeenkomst.longitude):f}"
        return f"{OSM}/directions?{urlencode({'to': to}, quote_via=quote, safe=',')}"
    address = clean_line(bijeenkomst.address)[:300]
    if address:
        return f"{OSM}/search?{urlencode({'query': address}, quote_via=quote)}"
    return ""


def _venue(bijeenkomst: Bijeenkomst, with_contact: bool) -> Venue:
    contact = None
    has_contact = bool(bijeenkomst.contact_name or bijeenkomst.contact_phone)
    if with_contact and has_contact:
        contact = Contact(
            name=clean_line(bijeenkomst.contact_name), phone=clean_line(bijeenkomst.contact_phone)
        )
    return Venue(
        name=clean_line(bijeenkomst.location),
        address=clean_line(bijeenkomst.address),
        route_url=route_url(bijeenkomst),
        accessibility=clean_text(bijeenkomst.venue_accessibility).strip(),
        latitude=bijeenkomst.latitude,
        longitude=bijeenkomst.longitude,
        contact=contact,
        contact_hidden=has_contact and not with_contact,
    )


def venues(*, user, bijeenkomsten, seated=None) -> dict[int, Venue]:
    """{meeting id: Venue} as this person may see it, for meetings they may see (the caller
    checked that). One query for any number of meetings, none when no meeting has a contact
    (`seated`: see online.seats_and_research)."""
    bijeenkomsten = list(bijeenkomsten)
    with_contact = [b for b in bijeenkomsten if b.contact_name or b.contact_phone]
    seated, researched = seats_and_research(user=user, bijeenkomsten=with_contact, seated=seated)
    return {b.pk: _venue(b, b.pk in seated | researched) for b in bijeenkomsten}


def venue_for(*, user, bijeenkomst: Bijeenkomst) -> Venue:
    return venues(user=user, bijeenkomsten=[bijeenkomst])[bijeenkomst.pk]


def venue_without_contact(bijeenkomst: Bijeenkomst) -> Venue:
    """The venue as anyone who may see the meeting sees it (for a calendar file that goes to
    several people, such as the cancellation's)."""
    return _venue(bijeenkomst, with_contact=False)
