"""Registering for a meeting and cancelling a registration."""

from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeenten.models import Lidmaatschap
from leerkring.core.mail import mail_send, site_url

from ..errors import RegistrationError, WerkgroepError
from ..models import Aanmelding, Bijeenkomst, Werkgroep
from ..selectors import registration as registration_selectors
from . import waitlist, werkgroepen
from .mail import aanmelding_mail_send

# aanmelding_update: leave the work group as it is.
KEEP = object()


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


class Cancelled(NamedTuple):
    """What cancelling did: the registration, what happened to its seat (the outcome the
    confirmation page showed, selectors.registration.cancel_outcome) and who got it."""

    aanmelding: Aanmelding
    outcome: registration_selectors.CancelOutcome
    promoted: list[Aanmelding]


@transaction.atomic
def aanmelding_cancel(
    *, aanmelding_id: int, deelnemer, reason: str = "", expected: str | None = None
) -> Cancelled:
    """A person cancels, with an optional reason; a freed seat goes to the first on the waiting
    list who may have it, who gets an e-mail with the .ics. `expected` is the outcome the
    confirmation page showed (CancelOutcome.token): decided again with the meeting's row
    locked, and when it changed nothing happens and the person reads the new situation (D59).
    Cancelling twice does nothing."""
    aanmelding = Aanmelding.objects.select_related("bijeenkomst").get(pk=aanmelding_id)
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=aanmelding.bijeenkomst_id)
    aanmelding.refresh_from_db()
    aanmelding.bijeenkomst = bijeenkomst
    if aanmelding.deelnemer_id != deelnemer.pk:
        raise RegistrationError(_("Je kunt alleen je eigen aanmelding annuleren."))
    outcome = registration_selectors.cancel_outcome(aanmelding)
    if outcome.key == registration_selectors.ALREADY_CANCELLED:
        if expected is not None and expected != outcome.token:
            raise RegistrationError(_("Je was al afgemeld. Er is niets veranderd."))
        return Cancelled(aanmelding, outcome, [])
    if outcome.key == registration_selectors.TOO_LATE:
        if aanmelding.status == Aanmelding.Status.ATTENDED:
            raise RegistrationError(_("Je bent al aanwezig gemeld; afmelden kan niet meer."))
        if bijeenkomst.status == Bijeenkomst.Status.CANCELLED:
            raise RegistrationError(
                _("Deze bijeenkomst gaat niet door; je hoeft je niet af te melden.")
            )
        raise RegistrationError(_("De bijeenkomst is al begonnen; afmelden kan niet meer."))
    if expected is not None and expected != outcome.token:
        raise RegistrationError(
            _(
                "Er is iets veranderd sinds je de vorige pagina opende. Je bent nog niet "
                "afgemeld. Lees hieronder wat er nu gebeurt en bevestig opnieuw."
            )
        )
    was_seated = aanmelding.status in Aanmelding.SEATED
    aanmelding.status = Aanmelding.Status.CANCELLED
    aanmelding.cancelled_at = timezone.now()
    aanmelding.cancel_reason = " ".join(reason.split())[:300]
    aanmelding.werkgroep = None
    aanmelding.save(update_fields=["status", "cancelled_at", "cancel_reason", "werkgroep"])
    promoted = waitlist.waitlist_promote(bijeenkomst=bijeenkomst) if was_seated else []
    return Cancelled(aanmelding, outcome, promoted)


@transaction.atomic
def aanmelding_update(
    *, aanmelding_id: int, deelnemer, diet: str, accessibility: str, werkgroep_id=KEEP
) -> Aanmelding:
    """A person changes their needs and, with a seat, their work group (`werkgroep_id`: a group
    of the meeting, None for no group, KEEP to leave it), until registration closes. The
    meeting's row is locked first, as for every change of seats (D57), then the group's, so
    the room counted is the room there is; a full group is refused and nothing changes."""
    aanmelding = Aanmelding.objects.only("bijeenkomst_id").get(pk=aanmelding_id)
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=aanmelding.bijeenkomst_id)
    aanmelding = Aanmelding.objects.select_for_update().get(pk=aanmelding_id)
    aanmelding.bijeenkomst = bijeenkomst
    if aanmelding.deelnemer_id != deelnemer.pk:
        raise RegistrationError(_("Je kunt alleen je eigen aanmelding wijzigen."))
    problem = registration_selectors.change_problem(aanmelding)
    if problem:
        raise RegistrationError(problem)
    aanmelding.diet = " ".join(diet.split())[:300]
    aanmelding.accessibility = " ".join(accessibility.split())[:300]
    aanmelding.save(update_fields=["diet", "accessibility"])
    if werkgroep_id is KEEP or werkgroep_id == aanmelding.werkgroep_id:
        return aanmelding
    if werkgroep_id is None:
        return werkgroepen.werkgroep_leave(aanmelding=aanmelding)
    if not Werkgroep.objects.filter(pk=werkgroep_id, bijeenkomst=bijeenkomst).exists():
        raise WerkgroepError(_("Kies een werkgroep van deze bijeenkomst."))
    return werkgroepen.werkgroep_join(aanmelding=aanmelding, werkgroep_id=werkgroep_id)
