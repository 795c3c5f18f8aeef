"""What the programme manager's pages about one circle read: the programme and circle behind a
URL, the dilemmas an earlier circle brings, a circle's applications and municipalities, and
the invitations to become a researcher."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from dilemmas.models import Dilemma
from gemeenten.models import Deelname
from gemeenten.selectors import InvitationState, invitation_state
from leerkring.core.models import Leerkring, OnderzoekerUitnodiging, Programma


def programma_get(*, slug: str) -> Programma:
    """The programme of a URL, or a 404. Who may see its manager's pages is the view's
    permission (core.manage_programma)."""
    return get_object_or_404(Programma, slug=slug)


def leerkring_of_programma(*, programma: Programma, slug: str) -> Leerkring:
    """A circle of this programme, or a 404: a circle of another programme is not found under
    this one's address, whatever its phase (those in preparation included: the manager sees
    them)."""
    return get_object_or_404(Leerkring, programma=programma, slug=slug)


def dilemmas_of_programma(*, programma: Programma) -> QuerySet[Dilemma]:
    """The dilemmas the programme's circles brought in or took over, each once, with the
    circle that brought it in: a new circle may share or copy any of them."""
    return (
        Dilemma.objects.filter(
            Q(leerkring__programma=programma) | Q(gedeeld__leerkring__programma=programma)
        )
        .select_related("leerkring")
        .distinct()
        .order_by("-leerkring__starts_on", "leerkring__title", "position", "title", "pk")
    )


def deelname_applied_for(*, leerkring: Leerkring) -> QuerySet[Deelname]:
    """Municipalities that applied and wait for the researchers' decision, oldest first."""
    return (
        Deelname.objects.filter(leerkring=leerkring, status=Deelname.Status.APPLIED)
        .select_related("gemeente")
        .order_by("created_at", "pk")
    )


def deelname_admitted_for(*, leerkring: Leerkring) -> QuerySet[Deelname]:
    """The municipalities taking part, by name."""
    return (
        Deelname.objects.filter(leerkring=leerkring, status=Deelname.Status.ADMITTED)
        .select_related("gemeente")
        .order_by("gemeente__name", "pk")
    )


def researchers_of(*, leerkring: Leerkring):
    return leerkring.researchers.order_by("name", "email")


# --- Invitations to become a researcher ---------------------------------------------------------
def onderzoeker_uitnodiging_state(token: str, *, now=None) -> InvitationState:
    """Whether the link in a researcher's invitation still works: "valid", "expired", "used"
    or "unknown", decided as for a municipality's invitation (gemeenten.selectors
    .invitation_state). The link's page and the service that accepts it both ask it."""
    return invitation_state(
        OnderzoekerUitnodiging.objects.select_related("leerkring__programma", "invited_by"),
        token,
        now=now,
    )


def onderzoeker_uitnodiging_open_for(
    *, leerkring: Leerkring, now=None
) -> QuerySet[OnderzoekerUitnodiging]:
    """Invitations for this circle not used and not expired, newest first."""
    return (
        OnderzoekerUitnodiging.objects.filter(
            leerkring=leerkring, accepted_at__isnull=True, expires_at__gt=now or timezone.now()
        )
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )
