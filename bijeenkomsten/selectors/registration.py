"""A person's registration: their own, whether registering is possible now, whether there
is a seat; and a meeting's registrations for its researchers."""

from typing import NamedTuple

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext

from ..models import Aanmelding, Bijeenkomst, Werkgroep
from .waitlist import waitlist_position


def aanmelding_of(*, bijeenkomst: Bijeenkomst, user) -> Aanmelding | None:
    if not user.is_authenticated:
        return None
    return (
        bijeenkomst.aanmeldingen.filter(deelnemer=user, status__in=Aanmelding.ACTIVE)
        .select_related("werkgroep")
        .first()
    )


def aanmelding_list(*, bijeenkomst: Bijeenkomst) -> QuerySet[Aanmelding]:
    return (
        bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.ACTIVE)
        .select_related("deelnemer", "gemeente", "werkgroep")
        .order_by("status", "gemeente__name", "deelnemer__name")
    )


def registration_problem(bijeenkomst: Bijeenkomst, now=None) -> str | None:
    """Why registering is not possible right now, in words for the person, or None."""
    now = now or timezone.now()
    if bijeenkomst.status == Bijeenkomst.Status.CANCELLED:
        return gettext("Deze bijeenkomst gaat niet door.")
    if bijeenkomst.status == Bijeenkomst.Status.HELD or bijeenkomst.starts_at <= now:
        return gettext("Deze bijeenkomst is al begonnen of geweest.")
    if bijeenkomst.registration_opens_at and now < bijeenkomst.registration_opens_at:
        return gettext("Aanmelden kan vanaf %(when)s.") % {
            "when": timezone.localtime(bijeenkomst.registration_opens_at).strftime("%d-%m-%Y %H:%M")
        }
    if now > bijeenkomst.registration_closes_at:
        closed = timezone.localtime(bijeenkomst.registration_closes_at).strftime("%d-%m-%Y %H:%M")
        return gettext(
            "Aanmelden kon tot %(when)s. Neem contact op met de onderzoekers als je toch wilt "
            "komen."
        ) % {"when": closed}
    return None


class StatusLabel(NamedTuple):
    """A meeting's state in one word or two, for its card in the list: `key` names the look
    (a CSS modifier), `text` is what the person reads."""

    key: str
    text: str


def bijeenkomst_status_label(bijeenkomst: Bijeenkomst, *, seated: int, now=None) -> StatusLabel:
    """Open, full (with a waiting list), closed, past or cancelled: one answer for every page
    that labels a meeting, so the list never says "open" where registering says no. `seated`
    is the number of seated registrations (the list annotates it)."""
    now = now or timezone.now()
    if bijeenkomst.status == Bijeenkomst.Status.CANCELLED:
        return StatusLabel("geannuleerd", gettext("geannuleerd"))
    if bijeenkomst.status == Bijeenkomst.Status.HELD or bijeenkomst.ends_at <= now:
        return StatusLabel("afgelopen", gettext("afgelopen"))
    if registration_problem(bijeenkomst, now=now) is not None:
        return StatusLabel("gesloten", gettext("gesloten"))
    if seated >= bijeenkomst.capacity:
        return StatusLabel("vol", gettext("vol – wachtlijst"))
    return StatusLabel("open", gettext("open"))


def has_room(bijeenkomst: Bijeenkomst, gemeente_id: int | None) -> bool:
    """Whether a person of this municipality (None: without one) can get a seat: the meeting
    has a free seat and the municipality is under the meeting's maximum per municipality.
    Registration and promotion ask it with the meeting's row locked."""
    seated = bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.SEATED)
    counts = seated.aggregate(
        total=Count("id"), same=Count("id", filter=Q(gemeente_id=gemeente_id))
    )
    if counts["total"] >= bijeenkomst.capacity:
        return False
    return not (
        bijeenkomst.max_per_gemeente is not None
        and gemeente_id is not None
        and counts["same"] >= bijeenkomst.max_per_gemeente
    )


def aanmelding_own(*, user, pk) -> Aanmelding:
    """One registration of this person's own (also a cancelled one, so that a second click on
    a confirmation explains itself), with its meeting and work group; someone else's, or one
    that does not exist, is a 404. The one rule for the pages "Wijzig je aanmelding" and
    "Afmelden"."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Aanmelding.objects.select_related("bijeenkomst", "werkgroep"), pk=pk, deelnemer=user
    )


def change_problem(aanmelding: Aanmelding, now=None) -> str | None:
    """Why this person cannot change their needs or work group now, in words for them, or None.
    Changing is possible until registration closes (Bijeenkomst.registration_closes_at)."""
    now = now or timezone.now()
    bijeenkomst = aanmelding.bijeenkomst
    if aanmelding.status == Aanmelding.Status.CANCELLED:
        return gettext("Je bent afgemeld voor deze bijeenkomst. Er valt niets meer te wijzigen.")
    if bijeenkomst.status == Bijeenkomst.Status.CANCELLED:
        return gettext("Deze bijeenkomst gaat niet door.")
    if (
        aanmelding.status == Aanmelding.Status.ATTENDED
        or bijeenkomst.status == Bijeenkomst.Status.HELD
        or bijeenkomst.starts_at <= now
    ):
        return gettext("Deze bijeenkomst is al begonnen of geweest.")
    if now > bijeenkomst.registration_closes_at:
        closed = timezone.localtime(bijeenkomst.registration_closes_at).strftime("%d-%m-%Y %H:%M")
        return gettext(
            "Wijzigen kon tot %(when)s, toen het aanmelden sloot. Moet er toch iets veranderen, "
            "neem dan contact op met de onderzoekers."
        ) % {"when": closed}
    return None


def werkgroep_choices(*, aanmelding: Aanmelding) -> list[Werkgroep]:
    """The work groups a person may choose on "Wijzig je aanmelding": every group of the
    meeting, each with `members` (seated people in it) and `has_room`. Their own group always
    has room for them."""
    groups = list(
        Werkgroep.objects.filter(bijeenkomst_id=aanmelding.bijeenkomst_id)
        .annotate(
            members=Count("aanmeldingen", filter=Q(aanmeldingen__status__in=Aanmelding.SEATED))
        )
        .order_by("title", "pk")
    )
    for group in groups:
        group.has_room = group.pk == aanmelding.werkgroep_id or group.members < group.capacity
    return groups


class CancelOutcome(NamedTuple):
    """What cancelling this registration does, as the confirmation page says it and the
    service checks it again under the meeting's lock (D59).

    `key` is one of:
    - "plek-naar-wachtlijst": the seat goes to the first person on the waiting list who may
      have it (never named);
    - "plek-vrij": the seat becomes free, nobody (who may have it) is waiting;
    - "wachtlijst-verlaten": the person leaves the waiting list;
    - "al-afgemeld": already cancelled, nothing happens;
    - "niet-meer": the meeting has started, was held, is cancelled or they were present.
    `register_again` is whether registering is still open afterwards; `position` the place on
    the waiting list of someone waiting; `blocked` that people wait but cannot have the seat
    (the meeting is over its capacity, or their municipality at its maximum)."""

    key: str
    register_again: bool
    position: int | None = None
    blocked: bool = False

    @property
    def possible(self) -> bool:
        return self.key in (SEAT_TO_WAITLIST, SEAT_FREE, LEAVE_WAITLIST)

    @property
    def token(self) -> str:
        """What the confirmation carries: the outcome and whether registering stays open."""
        return f"{self.key}:{int(self.register_again)}:{int(self.blocked)}"


SEAT_TO_WAITLIST = "plek-naar-wachtlijst"
SEAT_FREE = "plek-vrij"
LEAVE_WAITLIST = "wachtlijst-verlaten"
ALREADY_CANCELLED = "al-afgemeld"
TOO_LATE = "niet-meer"


def cancel_outcome(aanmelding: Aanmelding, now=None) -> CancelOutcome:
    """What cancelling `aanmelding` would do now. The seat goes to someone when the person held
    one and the waiting list has someone whom the promotion (services.waitlist.waitlist_promote)
    would seat once this seat is free: under the capacity, and under the maximum per
    municipality. Three queries at most."""
    now = now or timezone.now()
    bijeenkomst = aanmelding.bijeenkomst
    if aanmelding.status == Aanmelding.Status.CANCELLED:
        return CancelOutcome(ALREADY_CANCELLED, False)
    if (
        aanmelding.status == Aanmelding.Status.ATTENDED
        or bijeenkomst.status != Bijeenkomst.Status.PLANNED
        or bijeenkomst.starts_at <= now
    ):
        return CancelOutcome(TOO_LATE, False)
    register_again = registration_problem(bijeenkomst, now=now) is None
    if aanmelding.status == Aanmelding.Status.WAITLIST:
        return CancelOutcome(LEAVE_WAITLIST, register_again, waitlist_position(aanmelding))
    seated = bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.SEATED).exclude(pk=aanmelding.pk)
    per_gemeente = dict(seated.order_by().values_list("gemeente_id").annotate(n=Count("id")))
    waiting = bijeenkomst.aanmeldingen.filter(status=Aanmelding.Status.WAITLIST)
    if not waiting.exists():
        return CancelOutcome(SEAT_FREE, register_again)
    if sum(per_gemeente.values()) >= bijeenkomst.capacity:
        # More people hold a seat than there are (the capacity was lowered): nobody moves up.
        return CancelOutcome(SEAT_FREE, register_again, blocked=True)
    maximum = bijeenkomst.max_per_gemeente
    if maximum is not None:
        full = [g for g, n in per_gemeente.items() if g is not None and n >= maximum]
        if full and not waiting.exclude(gemeente_id__in=full).exists():
            return CancelOutcome(SEAT_FREE, register_again, blocked=True)
    return CancelOutcome(SEAT_TO_WAITLIST, register_again)


def can_cancel(aanmelding: Aanmelding, now=None) -> bool:
    """Whether the person may still cancel: active, not marked present, and the meeting is
    planned and has not started (also after registration closed). No queries."""
    now = now or timezone.now()
    bijeenkomst = aanmelding.bijeenkomst
    return (
        aanmelding.status in (Aanmelding.Status.REGISTERED, Aanmelding.Status.WAITLIST)
        and bijeenkomst.status == Bijeenkomst.Status.PLANNED
        and bijeenkomst.starts_at > now
    )


def with_own_actions(aanmelding: Aanmelding | None, now=None) -> Aanmelding | None:
    """The person's registration with what they may do with it, for the block "Jouw
    aanmelding" on the meeting page and in "Mijn overzicht": `change_problem` (None while
    they can change their needs and work group) and `can_cancel`. No queries (the meeting is
    loaded with it)."""
    if aanmelding is not None:
        now = now or timezone.now()
        aanmelding.change_problem = change_problem(aanmelding, now=now)
        aanmelding.can_cancel = can_cancel(aanmelding, now=now)
    return aanmelding
