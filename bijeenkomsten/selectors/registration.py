"""A person's registration: their own, whether registering is possible now, whether there
is a seat; and a meeting's registrations for its researchers."""

from typing import NamedTuple

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from ..models import Aanmelding, Bijeenkomst


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
