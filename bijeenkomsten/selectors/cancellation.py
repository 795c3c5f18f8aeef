"""Cancelling a meeting: who is told."""

from typing import NamedTuple

from ..models import Aanmelding, Bijeenkomst


class CancelRecipients(NamedTuple):
    """Everyone who gets the e-mail when a meeting is cancelled, and how many of them have a
    seat or are waiting."""

    aanmeldingen: list[Aanmelding]
    seated: int
    waiting: int

    @property
    def total(self) -> int:
        return len(self.aanmeldingen)


def cancel_recipients(*, bijeenkomst: Bijeenkomst) -> CancelRecipients:
    """The registrations told when the meeting is cancelled: registered, present or waiting.
    The one list: the confirmation page counts it and the service (planning.bijeenkomst_cancel)
    mails it, checking the counts the page showed."""
    aanmeldingen = list(
        bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.ACTIVE)
        .select_related("deelnemer")
        .order_by("pk")
    )
    waiting = sum(1 for a in aanmeldingen if a.status == Aanmelding.Status.WAITLIST)
    return CancelRecipients(aanmeldingen, len(aanmeldingen) - waiting, waiting)
