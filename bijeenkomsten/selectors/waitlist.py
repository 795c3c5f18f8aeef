"""The waiting list as a person sees it, and as its researchers see it: in order, with the
seats taken."""

from typing import NamedTuple

from django.db.models import Count, Q, QuerySet

from ..models import Aanmelding, Bijeenkomst


def waitlist_position(aanmelding: Aanmelding) -> int | None:
    """The person's place on the waiting list (1 is next), or None when they are not on it."""
    if aanmelding.status != Aanmelding.Status.WAITLIST:
        return None
    return (
        aanmelding.bijeenkomst.aanmeldingen.filter(status=Aanmelding.Status.WAITLIST)
        .filter(
            Q(waitlisted_at__lt=aanmelding.waitlisted_at)
            | Q(waitlisted_at=aanmelding.waitlisted_at, id__lt=aanmelding.id)
        )
        .count()
        + 1
    )


class Seats(NamedTuple):
    seated: int
    waiting: int
    capacity: int

    @property
    def over(self) -> int:
        """How many people hold a seat beyond the capacity (after it was lowered)."""
        return max(0, self.seated - self.capacity)


def seats(bijeenkomst: Bijeenkomst) -> Seats:
    """Seats taken and people waiting, in one query (the meeting form and the waiting list
    say what a change will do)."""
    counts = bijeenkomst.aanmeldingen.aggregate(
        seated=Count("id", filter=Q(status__in=Aanmelding.SEATED)),
        waiting=Count("id", filter=Q(status=Aanmelding.Status.WAITLIST)),
    )
    return Seats(counts["seated"], counts["waiting"], bijeenkomst.capacity)


def waitlist(bijeenkomst: Bijeenkomst) -> QuerySet[Aanmelding]:
    """The waiting list in its order: who is next first (waitlisted_at, then id)."""
    return (
        bijeenkomst.aanmeldingen.filter(status=Aanmelding.Status.WAITLIST)
        .select_related("deelnemer", "gemeente")
        .order_by("waitlisted_at", "id")
    )
