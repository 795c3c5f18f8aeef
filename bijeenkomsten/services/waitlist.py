"""The waiting list: a freed or added seat goes to the first person waiting who may have it;
a researcher can also give one person a seat by hand."""

from collections import Counter

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from leerkring.core.audit import audit_record
from leerkring.core.models import AuditEntry

from ..errors import RegistrationError
from ..models import Aanmelding, Bijeenkomst
from .mail import aanmelding_mail_send

PROMOTED_MAIL = "bijeenkomsten/email/aanmelding_promoted"


def _seat(aanmelding: Aanmelding) -> None:
    """Give one person on the waiting list a seat and e-mail them, with the .ics (the e-mail
    goes through the outbox, in the caller's transaction)."""
    aanmelding.status = Aanmelding.Status.REGISTERED
    aanmelding.waitlisted_at = None
    aanmelding.save(update_fields=["status", "waitlisted_at"])
    aanmelding_mail_send(aanmelding=aanmelding, template=PROMOTED_MAIL)


def waitlist_promote(*, bijeenkomst: Bijeenkomst) -> list[Aanmelding]:
    """Give free seats to the waiting list, first come first served (waitlisted_at, then id),
    skipping people whose municipality has reached the meeting's maximum (as registering does:
    selectors.registration.has_room), and e-mail each with the .ics. Called with the meeting's
    row locked, so the counts read here stay true until the transaction ends: two queries and
    one update per person promoted, however long the list."""
    seated = bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.SEATED)
    per_gemeente = Counter(
        dict(seated.order_by().values_list("gemeente_id").annotate(n=Count("id")))
    )
    total = sum(per_gemeente.values())
    maximum = bijeenkomst.max_per_gemeente
    promoted = []
    if total >= bijeenkomst.capacity:
        return promoted
    waiting = (
        bijeenkomst.aanmeldingen.filter(status=Aanmelding.Status.WAITLIST)
        .select_related("deelnemer", "bijeenkomst")
        .order_by("waitlisted_at", "id")
    )
    for aanmelding in waiting:
        if total >= bijeenkomst.capacity:
            break
        gemeente_id = aanmelding.gemeente_id
        if maximum is not None and gemeente_id is not None and per_gemeente[gemeente_id] >= maximum:
            continue
        aanmelding.bijeenkomst = bijeenkomst
        _seat(aanmelding)
        per_gemeente[gemeente_id] += 1
        total += 1
        promoted.append(aanmelding)
    return promoted


@transaction.atomic
def waitlist_promote_one(*, bijeenkomst_id: int, aanmelding_id: int, actor) -> Aanmelding:
    """A researcher gives one person on the waiting list a seat, also when the meeting is full
    or their municipality has reached its maximum: they chose to. The person gets the same
    e-mail and .ics as after a cancellation; the audit log records who did it."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst_id)
    aanmelding = (
        Aanmelding.objects.select_related("deelnemer")
        .filter(pk=aanmelding_id, bijeenkomst=bijeenkomst)
        .first()
    )
    if aanmelding is None or aanmelding.status != Aanmelding.Status.WAITLIST:
        raise RegistrationError(_("Deze persoon staat niet (meer) op de wachtlijst."))
    if bijeenkomst.status != Bijeenkomst.Status.PLANNED:
        raise RegistrationError(_("Deze bijeenkomst gaat niet door of is al gehouden."))
    aanmelding.bijeenkomst = bijeenkomst
    _seat(aanmelding)
    seated = bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.SEATED).count()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.AANMELDING_PROMOTED,
        target=bijeenkomst,
        subject=aanmelding.deelnemer,
        detail=f"met de hand; {seated} van {bijeenkomst.capacity} plaatsen bezet",
    )
    return aanmelding
