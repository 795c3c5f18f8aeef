"""Registering for a meeting and cancelling a registration."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeenten.models import Lidmaatschap
from leerkring.core.mail import mail_send, site_url

from ..errors import RegistrationError
from ..models import Aanmelding, Bijeenkomst
from ..selectors import registration as registration_selectors
from . import waitlist
from .mail import aanmelding_mail_send


def _confirmation(aanmelding: Aanmelding) -> None:
    if aanmelding.status == Aanmelding.Status.REGISTERED:
        aanmelding_mail_send(
            aanmelding=aanmelding, template="bijeenkomsten/email/aanmelding_confirmed"
        )
    else:
        bijeenkomst = aanmelding.bijeenkomst
        mail_send(
            template="bijeenkomsten/email/aanmelding_waitlist",
            to=[aanmelding.deelnemer.email],
            context={"aanmelding": aanmelding, "bijeenkomst": bijeenkomst, "url": site_url()},
        )


@transaction.atomic
def aanmelding_create(
    *, bijeenkomst_id: int, deelnemer, diet: str = "", accessibility: str = ""
) -> Aanmelding:
    """Register a person: a seat while there is room, otherwise the waiting list."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst_id)
    problem = registration_selectors.registration_problem(bijeenkomst)
    if problem:
        raise RegistrationError(problem)
    if bijeenkomst.aanmeldingen.filter(deelnemer=deelnemer, status__in=Aanmelding.ACTIVE).exists():
        raise RegistrationError(_("Je bent al aangemeld voor deze bijeenkomst."))
    gemeente_id = (
        Lidmaatschap.objects.filter(user=deelnemer, status=Lidmaatschap.Status.CONFIRMED)
        .values_list("gemeente_id", flat=True)
        .first()
    )
    now = timezone.now()
    seated = registration_selectors.has_room(bijeenkomst, gemeente_id)
    try:
        with transaction.atomic():
            aanmelding = Aanmelding.objects.create(
                bijeenkomst=bijeenkomst,
                deelnemer=deelnemer,
                gemeente_id=gemeente_id,
                status=Aanmelding.Status.REGISTERED if seated else Aanmelding.Status.WAITLIST,
                waitlisted_at=None if seated else now,
                diet=diet.strip(),
                accessibility=accessibility.strip(),
            )
    except IntegrityError as exc:  # the partial unique constraint: a double submit
        raise RegistrationError(_("Je bent al aangemeld voor deze bijeenkomst.")) from exc
    _confirmation(aanmelding)
    return aanmelding


@transaction.atomic
def aanmelding_cancel(*, aanmelding_id: int, deelnemer) -> Aanmelding:
    """A person cancels; a freed seat goes to the first on the waiting list."""
    aanmelding = Aanmelding.objects.select_related("bijeenkomst").get(pk=aanmelding_id)
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=aanmelding.bijeenkomst_id)
    aanmelding.refresh_from_db()
    if aanmelding.deelnemer_id != deelnemer.pk:
        raise RegistrationError(_("Je kunt alleen je eigen aanmelding annuleren."))
    if aanmelding.status == Aanmelding.Status.CANCELLED:
        return aanmelding
    if bijeenkomst.starts_at <= timezone.now():
        raise RegistrationError(_("De bijeenkomst is al begonnen; afmelden kan niet meer."))
    was_seated = aanmelding.status in Aanmelding.SEATED
    aanmelding.status = Aanmelding.Status.CANCELLED
    aanmelding.cancelled_at = timezone.now()
    aanmelding.werkgroep = None
    aanmelding.save(update_fields=["status", "cancelled_at", "werkgroep"])
    if was_seated:
        waitlist.waitlist_promote(bijeenkomst=bijeenkomst)
    return aanmelding
