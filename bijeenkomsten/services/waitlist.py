"""The waiting list: a freed seat goes to the first person waiting who may have it."""

from ..models import Aanmelding, Bijeenkomst
from ..selectors import registration as registration_selectors
from .mail import aanmelding_mail_send


def waitlist_promote(*, bijeenkomst: Bijeenkomst) -> list[Aanmelding]:
    """Give free seats to the waiting list, first come first served (skipping people whose
    municipality has reached its maximum), and e-mail each with the .ics. Called with the
    meeting's row locked."""
    promoted = []
    waiting = (
        bijeenkomst.aanmeldingen.filter(status=Aanmelding.Status.WAITLIST)
        .select_related("deelnemer")
        .order_by("waitlisted_at", "id")
    )
    for aanmelding in waiting:
        if (
            bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.SEATED).count()
            >= bijeenkomst.capacity
        ):
            break
        if not registration_selectors.has_room(bijeenkomst, aanmelding.gemeente_id):
            continue
        aanmelding.status = Aanmelding.Status.REGISTERED
        aanmelding.waitlisted_at = None
        aanmelding.save(update_fields=["status", "waitlisted_at"])
        aanmelding_mail_send(
            aanmelding=aanmelding, template="bijeenkomsten/email/aanmelding_promoted"
        )
        promoted.append(aanmelding)
    return promoted
