"""Planning a meeting: save it with its programme, duplicate it, cancel it."""

import datetime
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerkring.core.audit import audit_record
from leerkring.core.mail import mail_send, site_url
from leerkring.core.models import AuditEntry

from ..calendar import ics_for
from ..errors import BijeenkomstError
from ..models import Aanmelding, Bijeenkomst, Programmaonderdeel, Werkgroep
from ..selectors import cancellation as cancellation_selectors
from . import waitlist


class Saved(NamedTuple):
    """A saved meeting, who got a seat because it has more room now, and how many people
    hold a seat beyond its capacity (after lowering it: nobody loses a seat)."""

    bijeenkomst: Bijeenkomst
    promoted: list[Aanmelding]
    over: int


@transaction.atomic
def bijeenkomst_save(*, bijeenkomst: Bijeenkomst, programma: list[dict], actor=None) -> Saved:
    """Create or update a meeting with its programme (the list replaces the old one).

    A change of capacity is decided like a registration: with the meeting's row locked, so
    no registration runs in between. More seats (or a higher maximum per municipality) go to
    the waiting list in its order, with the same e-mail as after a cancellation; fewer seats
    never take one away. The change of capacity is audited."""
    before = None
    if bijeenkomst.pk:
        before = Bijeenkomst.objects.select_for_update().filter(pk=bijeenkomst.pk).first()
    if before is not None:  # the form has no status: keep a cancellation made meanwhile
        bijeenkomst.status = before.status
    bijeenkomst.save()
    bijeenkomst.programma.all().delete()
    Programmaonderdeel.objects.bulk_create(
        Programmaonderdeel(bijeenkomst=bijeenkomst, **item) for item in programma
    )
    promoted = []
    if (
        before is not None
        and bijeenkomst.status == Bijeenkomst.Status.PLANNED
        and bijeenkomst.starts_at > timezone.now()
    ):
        promoted = waitlist.waitlist_promote(bijeenkomst=bijeenkomst)
    seated = bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.SEATED).count()
    if before is not None and before.capacity != bijeenkomst.capacity:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.BIJEENKOMST_CAPACITY,
            target=bijeenkomst,
            detail=(
                f"{before.capacity} -> {bijeenkomst.capacity} plaatsen; {len(promoted)} van de "
                f"wachtlijst geplaatst; {seated} bezet"
            ),
        )
    for aanmelding in promoted:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.AANMELDING_PROMOTED,
            target=bijeenkomst,
            subject=aanmelding.deelnemer,
            detail="meer plaatsen",
        )
    return Saved(bijeenkomst, promoted, max(0, seated - bijeenkomst.capacity))


@transaction.atomic
def bijeenkomst_duplicate(
    *,
    bijeenkomst: Bijeenkomst,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
) -> Bijeenkomst:
    """A copy under a new title at a new start and end, with the same programme and work
    groups, and nobody registered. Registering opens and closes as long before the new start
    as before the old one (closing no later than the new end)."""
    if ends_at <= starts_at:
        raise BijeenkomstError(_("Het einde moet na het begin liggen."))
    shift = starts_at - bijeenkomst.starts_at
    programma = list(bijeenkomst.programma.all())
    groups = list(bijeenkomst.werkgroepen.all())
    copy = Bijeenkomst.objects.get(pk=bijeenkomst.pk)
    copy.pk = None
    copy.title = title
    copy.status = Bijeenkomst.Status.PLANNED
    copy.starts_at = starts_at
    copy.ends_at = ends_at
    copy.registration_closes_at = min(bijeenkomst.registration_closes_at + shift, ends_at)
    if bijeenkomst.registration_opens_at:
        copy.registration_opens_at = min(
            bijeenkomst.registration_opens_at + shift, copy.registration_closes_at
        )
    copy.save()
    Programmaonderdeel.objects.bulk_create(
        Programmaonderdeel(
            bijeenkomst=copy, starts_at=p.starts_at, title=p.title, speaker=p.speaker
        )
        for p in programma
    )
    Werkgroep.objects.bulk_create(
        Werkgroep(
            bijeenkomst=copy,
            dilemma_id=g.dilemma_id,
            title=g.title,
            facilitator=g.facilitator,
            capacity=g.capacity,
        )
        for g in groups
    )
    return copy


@transaction.atomic
def bijeenkomst_cancel(
    *, bijeenkomst_id: int, actor=None, expected: tuple[int, int] | None = None
) -> Bijeenkomst:
    """Cancel a meeting and tell everyone registered or waiting (selectors.cancellation, the
    list the confirmation page counted). `expected` is (seated, waiting) as that page showed
    them: when they changed since, or the meeting was cancelled already, nothing happens and
    the person is told why. Without `expected`, cancelling twice does nothing."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst_id)
    if bijeenkomst.status == Bijeenkomst.Status.CANCELLED:
        if expected is not None:
            raise BijeenkomstError(
                _("Deze bijeenkomst was al geannuleerd. Er is niemand opnieuw gemaild.")
            )
        return bijeenkomst
    if bijeenkomst.status == Bijeenkomst.Status.HELD:
        raise BijeenkomstError(_("Deze bijeenkomst is al gehouden."))
    recipients = cancellation_selectors.cancel_recipients(bijeenkomst=bijeenkomst)
    if expected is not None and (recipients.seated, recipients.waiting) != tuple(expected):
        raise BijeenkomstError(
            _(
                "Er is iets veranderd sinds je de vorige pagina opende: er hebben zich mensen "
                "aan- of afgemeld. Kijk hieronder wie nu een e-mail krijgt en bevestig opnieuw."
            )
        )
    bijeenkomst.status = Bijeenkomst.Status.CANCELLED
    bijeenkomst.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.BIJEENKOMST_CANCELLED,
        target=bijeenkomst,
        detail=_("gemaild: %(seated)s aangemeld, %(waiting)s op de wachtlijst")
        % {"seated": recipients.seated, "waiting": recipients.waiting},
    )
    ics = ics_for([bijeenkomst], name=bijeenkomst.title, base_url=site_url()).decode()
    for aanmelding in recipients.aanmeldingen:
        mail_send(
            template="bijeenkomsten/email/bijeenkomst_cancelled",
            to=[aanmelding.deelnemer.email],
            context={"bijeenkomst": bijeenkomst, "aanmelding": aanmelding},
            attachments=[("bijeenkomst.ics", ics, "text/calendar")],
        )
    return bijeenkomst
