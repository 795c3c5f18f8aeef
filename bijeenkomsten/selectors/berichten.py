"""Messages to participants: who a message goes to, and who may read one.

`bericht_visible_to` is the one place that says who sees a message; the meeting page, the
list of messages, the message's own page and the permission `bijeenkomsten.view_bericht` all
ask it. `bericht_recipients` is the one place that says who gets one; the preview counts it
and the service sends to it, so the number shown is the number sent."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gemeenten.models import Deelname, Lidmaatschap
from gemeenten.selectors import viewer_context

from ..models import Aanmelding, Bericht, BerichtOntvanger, Bijeenkomst

User = get_user_model()


def _people() -> QuerySet:
    """People who can still log in and read a message."""
    return User.objects.filter(is_active=True, is_removed=False)


def bericht_recipients(
    *,
    audience: str,
    bijeenkomst: Bijeenkomst | None = None,
    werkgroep=None,
    leerkring=None,
    gemeente=None,
) -> QuerySet:
    """The people a message to `audience` goes to, each once, ordered by id.

    - SEATED: people with a seat at the meeting (registered or marked present);
    - WAITLIST: people on the meeting's waiting list;
    - WERKGROEP: people with a seat in that work group of the meeting;
    - LEERKRING: confirmed members of the municipalities admitted to the circle (the same
      definition as gemeenten.rules.is_member and the weekly digest);
    - GEMEENTE: confirmed members of the municipality, which must be admitted to the circle.
    """
    A = Bericht.Audience
    if audience in (A.SEATED, A.WAITLIST, A.WERKGROEP):
        statuses = [Aanmelding.Status.WAITLIST] if audience == A.WAITLIST else Aanmelding.SEATED
        aanmeldingen = Aanmelding.objects.filter(
            deelnemer=OuterRef("pk"), bijeenkomst=bijeenkomst, status__in=statuses
        )
        if audience == A.WERKGROEP:
            if werkgroep is None or werkgroep.bijeenkomst_id != bijeenkomst.pk:
                return User.objects.none()
            aanmeldingen = aanmeldingen.filter(werkgroep=werkgroep)
        return _people().filter(Exists(aanmeldingen)).order_by("pk")
    if audience == A.LEERKRING:
        members = Lidmaatschap.objects.filter(
            user=OuterRef("pk"),
            status=Lidmaatschap.Status.CONFIRMED,
            gemeente__deelnames__leerkring=leerkring,
            gemeente__deelnames__status=Deelname.Status.ADMITTED,
        )
        return _people().filter(Exists(members)).order_by("pk")
    if audience == A.GEMEENTE:
        admitted = Deelname.objects.filter(
            leerkring=leerkring, gemeente=gemeente, status=Deelname.Status.ADMITTED
        )
        members = Lidmaatschap.objects.filter(
            user=OuterRef("pk"), gemeente=gemeente, status=Lidmaatschap.Status.CONFIRMED
        )
        if not admitted.exists():
            return User.objects.none()
        return _people().filter(Exists(members)).order_by("pk")
    return User.objects.none()


def bericht_visible_to(user) -> QuerySet[Bericht]:
    """The messages this person may read: those they received, those they sent, and every
    message in the circles they research. Nobody else sees a message, its subject or body,
    also not other members of the circle and not anonymous visitors."""
    if not user.is_authenticated:
        return Bericht.objects.none()
    received = BerichtOntvanger.objects.filter(bericht=OuterRef("pk"), user=user)
    return Bericht.objects.filter(
        Exists(received) | Q(sender=user) | Q(leerkring_id__in=viewer_context(user).researched)
    )


def _with_relations(qs: QuerySet[Bericht]) -> QuerySet[Bericht]:
    return qs.select_related("sender", "bijeenkomst", "werkgroep", "gemeente", "leerkring")


def bericht_list_for_meeting(*, user, bijeenkomst: Bijeenkomst) -> list[Bericht]:
    """The messages about this meeting that this person may read, newest first."""
    return list(
        _with_relations(bericht_visible_to(user).filter(bijeenkomst=bijeenkomst)).order_by(
            "-created_at", "-id"
        )
    )


def bericht_list(*, user) -> QuerySet[Bericht]:
    """Every message this person may read, newest first (the "Berichten" page)."""
    return _with_relations(bericht_visible_to(user)).order_by("-created_at", "-id")


def bericht_detail(*, user, pk: int) -> Bericht:
    """One message, if this person may read it; Bericht.DoesNotExist otherwise."""
    return _with_relations(bericht_visible_to(user)).get(pk=pk)


def berichten_sent_since(*, sender, since: datetime.datetime) -> int:
    """How many messages this person sent since `since` (the hourly limit)."""
    return Bericht.objects.filter(sender=sender, created_at__gte=since).count()


def berichten_sent_last_hour(*, sender, now=None) -> int:
    now = now or timezone.now()
    return berichten_sent_since(sender=sender, since=now - datetime.timedelta(hours=1))


def coordinated_deelname(*, user, pk: int) -> Deelname:
    """An admitted participation this person coordinates; Deelname.DoesNotExist otherwise
    (a coordinator writes only to the people of their own municipality)."""
    if not user.is_authenticated:
        raise Deelname.DoesNotExist
    return Deelname.objects.select_related("gemeente", "leerkring").get(
        pk=pk, coordinators=user, status=Deelname.Status.ADMITTED
    )


def personal_data(*, user) -> dict:
    """The messages a person sent and received (leerkring.privacy)."""
    return {
        "bijeenkomsten.bericht": [
            {"onderwerp": b.subject, "verstuurd_op": b.created_at.isoformat(), "aan": b.audience}
            for b in Bericht.objects.filter(sender=user).order_by("pk")
        ],
        "bijeenkomsten.berichtontvanger": [
            {"onderwerp": o.bericht.subject, "verstuurd_op": o.bericht.created_at.isoformat()}
            for o in BerichtOntvanger.objects.filter(user=user).select_related("bericht")
        ],
    }
