"""Registering for a meeting and cancelling a registration."""

from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeenten.selectors import viewer_context
from leerkring.core.mail import mail_prepare, mail_queue, site_url
from leerkring.core.models import OutgoingEmail

from ..errors import RegistrationError, WerkgroepError
from ..models import Aanmelding, Bijeenkomst, Werkgroep
from ..selectors import registration as registration_selectors
from . import waitlist, werkgroepen
from .mail import aanmelding_mail

# aanmelding_update: leave the work group as it is.
KEEP = object()


def _confirmation(aanmelding: Aanmelding) -> OutgoingEmail | None:
    """The e-mail that confirms a registration (a seat, with the .ics) or the place on the
    waiting list, rendered and not yet queued."""
    if aanmelding.status == Aanmelding.Status.REGISTERED:
        return aanmelding_mail(
            aanmelding=aanmelding, template="bijeenkomsten/email/aanmelding_confirmed"
        )
    bijeenkomst = aanmelding.bijeenkomst
    return mail_prepare(
        template="bijeenkomsten/email/aanmelding_waitlist",
        to=[aanmelding.deelnemer.email],
        language=aanmelding.deelnemer.language,
        context={"aanmelding": aanmelding, "bijeenkomst": bijeenkomst, "url": site_url()},
    )


def aanmelding_create(
    *, bijeenkomst_id: int, deelnemer, diet: str = "", accessibility: str = ""
) -> Aanmelding:
    """Register a person: a seat while there is room, otherwise the waiting list.

    The meeting's row is locked only to decide: counting the seats, writing the registration
    and queueing its e-mail (D15). Everything else comes first, with nothing locked: the
    checks, the person's municipality, and the e-mail, rendered for the outcome there would be
    now. Under the lock the checks are made again on the locked row; the e-mail is rendered
    again only when the outcome or the meeting changed in between."""
    bijeenkomst = Bijeenkomst.objects.get(pk=bijeenkomst_id)
    problem = registration_selectors.registration_problem(bijeenkomst)
    if problem:
        raise RegistrationError(problem)
    # Their confirmed membership's municipality, as the permission to register read it.
    gemeente_id = viewer_context(deelnemer).gemeente_id
    aanmelding = Aanmelding(
        bijeenkomst=bijeenkomst,
        deelnemer=deelnemer,
        gemeente_id=gemeente_id,
        status=_status(registration_selectors.has_room(bijeenkomst, gemeente_id)),
        diet=diet.strip(),
        accessibility=accessibility.strip(),
    )
    email = _confirmation(aanmelding)
    with transaction.atomic():
        locked = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst_id)
        problem = registration_selectors.registration_problem(locked)
        if problem:
            raise RegistrationError(problem)
        status = _status(registration_selectors.has_room(locked, gemeente_id))
        if status != aanmelding.status or locked.updated_at != bijeenkomst.updated_at:
            aanmelding.bijeenkomst, aanmelding.status = locked, status
            email = _confirmation(aanmelding)
        aanmelding.bijeenkomst = locked
        if status == Aanmelding.Status.WAITLIST:
            aanmelding.waitlisted_at = timezone.now()
        try:
            # No savepoint: a refusal here rolls the whole transaction back.
            aanmelding.save(force_insert=True)
        except IntegrityError as exc:  # the partial unique constraint: registered already
            raise RegistrationError(_("Je bent al aangemeld voor deze bijeenkomst.")) from exc
        mail_queue(email)
    return aanmelding


def _status(seated: bool) -> str:
    return Aanmelding.Status.REGISTERED if seated else Aanmelding.Status.WAITLIST


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
