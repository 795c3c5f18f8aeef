"""The waiting list as a person sees it."""

from django.db.models import Q

from ..models import Aanmelding


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
