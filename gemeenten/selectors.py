import hashlib
from dataclasses import dataclass
from typing import NamedTuple

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from leerkring.core.models import Leerkring, Programma

from .models import Deelname, Emaildomein, Gemeente, Lidmaatschap, Uitnodiging


def email_domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].strip().lower().rstrip(".")


def gemeente_for_email(address: str) -> Gemeente | None:
    """The municipality that owns this address's domain: an exact match, never a suffix, so
    breda.nl.evil.example and notbreda.nl are nobody's."""
    domain = email_domain(address)
    match = Emaildomein.objects.select_related("gemeente").filter(domain__iexact=domain).first()
    return match.gemeente if match else None


def email_confirmed(user_ref: str = "user") -> Exists:
    """Whether the person behind `user_ref` confirmed the address they log in with (allauth's
    EmailAddress, verified). One expression for the lists of requests and for the service that
    admits, so both agree on who is "not confirmed yet"."""
    return Exists(
        EmailAddress.objects.filter(
            user_id=OuterRef(f"{user_ref}_id"),
            email__iexact=OuterRef(f"{user_ref}__email"),
            verified=True,
        )
    )


def gemeente_list_participating() -> QuerySet[Gemeente]:
    """Municipalities admitted to at least one circle, with those circles, for the public list."""
    admitted = Deelname.objects.filter(status=Deelname.Status.ADMITTED).select_related("leerkring")
    return (
        Gemeente.objects.filter(deelnames__status=Deelname.Status.ADMITTED)
        .distinct()
        .annotate(
            member_count=Count(
                "lidmaatschappen",
                filter=Q(lidmaatschappen__status=Lidmaatschap.Status.CONFIRMED),
                distinct=True,
            )
        )
        .prefetch_related(Prefetch("deelnames", queryset=admitted, to_attr="admitted_deelnames"))
        .order_by("name")
    )


def gemeente_for_page(*, slug: str) -> Gemeente:
    admitted = Deelname.objects.filter(status=Deelname.Status.ADMITTED).select_related("leerkring")
    return Gemeente.objects.prefetch_related(
        Prefetch("deelnames", queryset=admitted, to_attr="admitted_deelnames"), "domeinen"
    ).get(slug=slug)


def lidmaatschap_list(*, gemeente: Gemeente, include_hidden: bool) -> QuerySet[Lidmaatschap]:
    qs = Lidmaatschap.objects.filter(
        gemeente=gemeente, status=Lidmaatschap.Status.CONFIRMED, user__is_active=True
    ).select_related("user")
    if not include_hidden:
        qs = qs.filter(visible_to_colleagues=True)
    return qs.order_by("user__name")


def lidmaatschap_of(*, user) -> Lidmaatschap | None:
    """A person's membership (of any status) with its municipality, if they claimed one."""
    return Lidmaatschap.objects.select_related("gemeente").filter(user=user).first()


def lidmaatschap_decidable_by(*, user) -> QuerySet[Lidmaatschap]:
    """Memberships (of any status) this person may decide on: those of a municipality they
    coordinate, and those of a municipality admitted to a circle they research. The one place
    that says who sees requests for membership; the permission `decide_lidmaatschap` asks it
    too."""
    if not user.is_authenticated:
        return Lidmaatschap.objects.none()
    coordinates = Deelname.objects.filter(gemeente_id=OuterRef("gemeente_id"), coordinators=user)
    researches = Deelname.objects.filter(
        gemeente_id=OuterRef("gemeente_id"),
        status=Deelname.Status.ADMITTED,
        leerkring__researchers=user,
    )
    return Lidmaatschap.objects.filter(Exists(coordinates) | Exists(researches))


def lidmaatschap_requests_for(*, user, gemeente: Gemeente | None = None) -> QuerySet[Lidmaatschap]:
    """Requests for membership waiting for a decision that this person may see, oldest first,
    each with `email_confirmed`: a request whose address is not confirmed yet is shown marked
    and cannot be decided on (services.lidmaatschap_confirm / _refuse)."""
    qs = (
        lidmaatschap_decidable_by(user=user)
        .filter(status=Lidmaatschap.Status.PENDING)
        .annotate(email_confirmed=email_confirmed())
        .select_related("user", "gemeente")
    )
    if gemeente is not None:
        qs = qs.filter(gemeente=gemeente)
    return qs.order_by("created_at", "pk")


def lidmaatschap_for_decision(*, pk: int) -> Lidmaatschap:
    """One membership (of any status) with its person, municipality and `email_confirmed`, for
    the pages that confirm or refuse it; Lidmaatschap.DoesNotExist when there is none."""
    return (
        Lidmaatschap.objects.annotate(email_confirmed=email_confirmed())
        .select_related("user", "gemeente")
        .get(pk=pk)
    )


@dataclass(frozen=True)
class NextStep:
    """What happens after a person confirms their address: `kind` is "domain" (member at once),
    "coordinator" (a coordinator of `gemeente` decides), "decided" (already decided) or "none"
    (no municipality chosen)."""

    kind: str
    gemeente: Gemeente | None = None


def lidmaatschap_next_step(*, user, email: str) -> NextStep:
    """The step that follows confirming `email`, by the rule services.lidmaatschap_confirm_by_domain
    applies: the address's domain is one of the chosen municipality's domains, or it is not."""
    lidmaatschap = lidmaatschap_of(user=user)
    if lidmaatschap is None:
        return NextStep("none")
    if lidmaatschap.status != Lidmaatschap.Status.PENDING:
        return NextStep("decided", lidmaatschap.gemeente)
    owner = gemeente_for_email(email)
    if owner is not None and owner.pk == lidmaatschap.gemeente_id:
        return NextStep("domain", lidmaatschap.gemeente)
    return NextStep("coordinator", lidmaatschap.gemeente)


def deelname_pending() -> QuerySet[Deelname]:
    return (
        Deelname.objects.filter(status=Deelname.Status.APPLIED)
        .select_related("leerkring", "gemeente")
        .order_by("created_at")
    )


def deelname_for_gemeente_page(*, gemeente: Gemeente) -> QuerySet[Deelname]:
    """The municipality's participations with coordinators, for those who manage it."""
    return (
        Deelname.objects.filter(gemeente=gemeente)
        .select_related("leerkring")
        .prefetch_related("coordinators")
        .order_by("-leerkring__starts_on")
    )


def gemeente_choices_for_signup() -> QuerySet[Gemeente]:
    return (
        Gemeente.objects.filter(deelnames__status=Deelname.Status.ADMITTED)
        .distinct()
        .order_by("name")
    )


def personal_data(*, user) -> dict:
    """What this app stores about a person, for their data export."""
    memberships = Lidmaatschap.objects.filter(user=user).select_related("gemeente")
    return {
        "gemeenten.lidmaatschap": [
            {
                "gemeente": m.gemeente.name,
                "functie": m.job_title,
                "status": m.status,
                "zichtbaar_voor_collegas": m.visible_to_colleagues,
                "toelichting_besluit": m.decision_reason,
                "besloten_op": m.decided_at.isoformat() if m.decided_at else None,
                "aangevraagd_op": m.created_at.isoformat(),
            }
            for m in memberships
        ],
        "gemeenten.uitnodiging": [
            {
                "gemeente": u.gemeente.name,
                "rol": u.role,
                "e-mailadres": u.email,
                "verstuurd_op": u.created_at.isoformat(),
                "aangenomen_op": u.accepted_at.isoformat() if u.accepted_at else None,
            }
            for u in Uitnodiging.objects.filter(accepted_by=user).select_related("gemeente")
        ],
        "gemeenten.deelname_coordinators": [
            {"gemeente": d.gemeente.name, "leerkring": d.leerkring.title}
            for d in Deelname.objects.filter(coordinators=user).select_related(
                "gemeente", "leerkring"
            )
        ],
    }


class ViewerContext(NamedTuple):
    """What decides what a person sees, computed once per request and kept on the user."""

    gemeente_id: int | None  # the municipality of their confirmed membership
    admitted: frozenset[int]  # the circles that municipality is admitted to
    researched: frozenset[int]  # the circles the person researches


def viewer_context(user) -> ViewerContext:
    """The person's ViewerContext (see there)."""
    cached = getattr(user, "_viewer_context", None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        return ViewerContext(None, frozenset(), frozenset())
    membership = (
        Lidmaatschap.objects.filter(user=user, status=Lidmaatschap.Status.CONFIRMED)
        .values_list("gemeente_id", flat=True)
        .first()
    )
    admitted = (
        frozenset(
            Deelname.objects.filter(
                gemeente_id=membership, status=Deelname.Status.ADMITTED
            ).values_list("leerkring_id", flat=True)
        )
        if membership
        else frozenset()
    )
    researched = frozenset(user.leerkringen_as_researcher.values_list("id", flat=True))
    user._viewer_context = ViewerContext(membership, admitted, researched)
    return user._viewer_context


def programmes_of(user) -> frozenset[int]:
    """The ids of the programmes a person belongs to: those of the circles their municipality
    is admitted to and of the circles they research (viewer_context), and those they manage
    (as leerkring.core.rules.programmes_managed).
    They read the cases opened to such a programme (dilemmas.selectors.casus_visible_to).
    Computed once per request and kept on the user, as viewer_context is."""
    cached = getattr(user, "_programmes_of", None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        return frozenset()
    context = viewer_context(user)
    circles = context.admitted | context.researched
    managed = getattr(user, "_programmes_managed", None)
    if managed is not None:  # known already (leerkring.core.rules.programmes_managed)
        of_circles = (
            Leerkring.objects.filter(pk__in=circles, programma__isnull=False).values_list(
                "programma_id", flat=True
            )
            if circles
            else []
        )
        user._programmes_of = frozenset(of_circles) | managed
        return user._programmes_of
    # Otherwise one query for both: the programmes of the circles, and those managed.
    user._programmes_of = frozenset(
        Programma.objects.filter(Q(leerkringen__pk__in=circles) | Q(managers=user))
        .values_list("pk", flat=True)
        .distinct()
    )
    return user._programmes_of


# --- Invitations and coordinators ---------------------------------------------------------------
# The session key under which the invitation link's page keeps the token for the sign-up form.
INVITATION_SESSION_KEY = "gemeenten_uitnodiging"


def uitnodiging_hash(token: str) -> str:
    """What is stored of an invitation's token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class InvitationState:
    """The invitation behind a link and whether it can still be used: `kind` is "valid",
    "expired", "used" or "unknown" (no such token: mistyped, cut off or made up)."""

    kind: str
    uitnodiging: Uitnodiging | None = None

    @property
    def valid(self) -> bool:
        return self.kind == "valid"


def uitnodiging_state(token: str, *, now=None) -> InvitationState:
    """The one place that says whether an invitation link still works: the link's page, the
    sign-up form and the service that accepts it all ask it."""
    return invitation_state(
        Uitnodiging.objects.select_related("gemeente", "deelname__leerkring", "invited_by"),
        token,
        now=now,
    )


def invitation_state(invitations: QuerySet, token: str, *, now=None) -> InvitationState:
    """Whether the invitation behind a link's token still works, for any invitation model with
    `token_hash`, `accepted_at` and `expires_at` (a municipality's, a researcher's)."""
    if not token or len(token) > 100:
        return InvitationState("unknown")
    uitnodiging = invitations.filter(token_hash=uitnodiging_hash(token)).first()
    if uitnodiging is None:
        return InvitationState("unknown")
    if uitnodiging.accepted_at is not None:
        return InvitationState("used", uitnodiging)
    if uitnodiging.expires_at <= (now or timezone.now()):
        return InvitationState("expired", uitnodiging)
    return InvitationState("valid", uitnodiging)


def uitnodiging_open_for(*, gemeente: Gemeente, now=None) -> QuerySet[Uitnodiging]:
    """Invitations for this municipality not used yet and not expired, newest first."""
    return (
        Uitnodiging.objects.filter(
            gemeente=gemeente, accepted_at__isnull=True, expires_at__gt=now or timezone.now()
        )
        .select_related("invited_by", "deelname__leerkring")
        .order_by("-created_at", "-pk")
    )


def deelname_without_coordinator(*, researched) -> QuerySet[Deelname]:
    """Admitted municipalities without a coordinator in the circles `researched` (ids), each
    with `open_invitations`: the number of coordinator invitations still waiting. Work to do
    on the researcher's home."""
    return (
        Deelname.objects.filter(
            leerkring_id__in=researched,
            status=Deelname.Status.ADMITTED,
            coordinators__isnull=True,
        )
        .annotate(
            open_invitations=Count(
                "uitnodigingen",
                filter=Q(
                    uitnodigingen__role=Uitnodiging.Role.COORDINATOR,
                    uitnodigingen__accepted_at__isnull=True,
                    uitnodigingen__expires_at__gt=timezone.now(),
                ),
            )
        )
        .select_related("gemeente", "leerkring")
        .order_by("gemeente__name", "pk")
    )


def coordinator_candidates(*, deelname: Deelname) -> QuerySet:
    """The people (users) who are confirmed, active members of the municipality and not its
    coordinator in this circle yet: whom a researcher can choose."""
    members = lidmaatschap_list(gemeente=deelname.gemeente, include_hidden=True).values("user_id")
    return (
        get_user_model()
        .objects.filter(pk__in=members)
        .exclude(deelnames_as_coordinator=deelname)
        .order_by("name", "pk")
    )
