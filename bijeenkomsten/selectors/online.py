"""The online link: one rule for every output (D32), and when the join button shows."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from gemeenten.selectors import viewer_context

from ..models import Aanmelding, Bijeenkomst

# The "Deelnemen" button shows from this long before the start until the end.
JOIN_OPENS_BEFORE = datetime.timedelta(minutes=30)


def seats_and_research(*, user, bijeenkomsten, seated=None) -> tuple[set[int], set[int]]:
    """(ids of the meetings this person holds a seat for (registered or present, not waiting),
    ids of those whose circle they research). One query for any number of meetings; the
    online link (below) and the contact for the day (selectors.venue) are for these people.
    `seated`, the ids of the meetings the person holds a seat for, is given by a caller that
    knows them before they are written (the e-mail of a registration, rendered before the
    meeting's row is locked); otherwise they are read."""
    if user is None or not user.is_authenticated or not bijeenkomsten:
        return set(), set()
    researched = viewer_context(user).researched
    if seated is None:
        seated = set(
            Aanmelding.objects.filter(
                deelnemer=user, bijeenkomst__in=bijeenkomsten, status__in=Aanmelding.SEATED
            ).values_list("bijeenkomst_id", flat=True)
        )
    return seated, {b.pk for b in bijeenkomsten if b.leerkring_id in researched}


def online_links(*, user, bijeenkomsten, seated=None) -> dict[int, str]:
    """{meeting id: online link} for the meetings whose link this person may have: those they
    hold a seat for (registered or present, not waiting) and those of the circles they
    research. This is the one rule for the link; every output asks it: the meeting page, the
    .ics files, the calendar links, the personal feed and the e-mails. One query for any
    number of meetings (`seated`: see seats_and_research)."""
    online = [b for b in bijeenkomsten if b.online_url]
    seated, researched = seats_and_research(user=user, bijeenkomsten=online, seated=seated)
    return {b.pk: b.online_url for b in online if b.pk in seated | researched}


def online_link(*, user, bijeenkomst: Bijeenkomst) -> str:
    """The meeting's online link for this person, or "" (see online_links)."""
    return online_links(user=user, bijeenkomsten=[bijeenkomst]).get(bijeenkomst.pk, "")


@dataclass(frozen=True)
class Join:
    """The join button of an online or hybrid meeting for one person at one moment.

    `url`: show the "Deelnemen" button now, to this link. `opens_at`: the person has a seat
    and the button comes at this moment. `link`: the link itself, shown as text to the
    circle's researchers (who check it; the button is for the people who take part)."""

    url: str = ""
    opens_at: datetime.datetime | None = None
    link: str = ""


def join_state(*, user, bijeenkomst: Bijeenkomst, now: datetime.datetime | None = None) -> Join:
    """The button only for people with a seat (never the waiting list, D32), from
    JOIN_OPENS_BEFORE the start until the end, and never for a cancelled meeting."""
    if not bijeenkomst.online_url or bijeenkomst.status == Bijeenkomst.Status.CANCELLED:
        return Join()
    now = now or timezone.now()
    seated, researched = seats_and_research(user=user, bijeenkomsten=[bijeenkomst])
    link = bijeenkomst.online_url if bijeenkomst.pk in researched else ""
    if bijeenkomst.pk not in seated or now >= bijeenkomst.ends_at:
        return Join(link=link)
    opens_at = bijeenkomst.starts_at - JOIN_OPENS_BEFORE
    if now < opens_at:
        return Join(opens_at=opens_at, link=link)
    return Join(url=bijeenkomst.online_url, link=link)
