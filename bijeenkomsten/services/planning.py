"""Planning a meeting: save it with its programme, duplicate it, cancel it."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from leerkring.core.mail import mail_send, site_url

from ..calendar import ics_for
from ..errors import BijeenkomstError
from ..models import Aanmelding, Bijeenkomst, Programmaonderdeel, Werkgroep


@transaction.atomic
def bijeenkomst_save(*, bijeenkomst: Bijeenkomst, programma: list[dict]) -> Bijeenkomst:
    """Create or update a meeting with its programme (the list replaces the old one)."""
    bijeenkomst.save()
    bijeenkomst.programma.all().delete()
    Programmaonderdeel.objects.bulk_create(
        Programmaonderdeel(bijeenkomst=bijeenkomst, **item) for item in programma
    )
    return bijeenkomst


@transaction.atomic
def bijeenkomst_duplicate(*, bijeenkomst: Bijeenkomst, starts_at: datetime.datetime) -> Bijeenkomst:
    """A copy at a new start, with the same programme and work groups, and nobody registered."""
    shift = starts_at - bijeenkomst.starts_at
    programma = list(bijeenkomst.programma.all())
    groups = list(bijeenkomst.werkgroepen.all())
    copy = Bijeenkomst.objects.get(pk=bijeenkomst.pk)
    copy.pk = None
    copy.status = Bijeenkomst.Status.PLANNED
    copy.starts_at = bijeenkomst.starts_at + shift
    copy.ends_at = bijeenkomst.ends_at + shift
    copy.registration_closes_at = bijeenkomst.registration_closes_at + shift
    if bijeenkomst.registration_opens_at:
        copy.registration_opens_at = bijeenkomst.registration_opens_at + shift
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
def bijeenkomst_cancel(*, bijeenkomst_id: int) -> Bijeenkomst:
    """Cancel a meeting and tell everyone registered or waiting."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst_id)
    if bijeenkomst.status == Bijeenkomst.Status.CANCELLED:
        return bijeenkomst
    if bijeenkomst.status == Bijeenkomst.Status.HELD:
        raise BijeenkomstError(_("Deze bijeenkomst is al gehouden."))
    bijeenkomst.status = Bijeenkomst.Status.CANCELLED
    bijeenkomst.save(update_fields=["status", "updated_at"])
    people = bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.ACTIVE).select_related(
        "deelnemer"
    )
    ics = ics_for([bijeenkomst], name=bijeenkomst.title, base_url=site_url()).decode()
    for aanmelding in people:
        mail_send(
            template="bijeenkomsten/email/bijeenkomst_cancelled",
            to=[aanmelding.deelnemer.email],
            context={"bijeenkomst": bijeenkomst, "aanmelding": aanmelding},
            attachments=[("bijeenkomst.ics", ics, "text/calendar")],
        )
    return bijeenkomst
