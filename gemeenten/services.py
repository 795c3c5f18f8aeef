"""Every write about municipalities, participation, membership and invitations."""

import datetime
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from leerkring.core import slugs
from leerkring.core.audit import audit_record
from leerkring.core.mail import mail_send, site_url
from leerkring.core.models import AuditEntry, Leerkring

from .errors import CoordinatorError, DeelnameError, LidmaatschapError, UitnodigingError
from .models import Deelname, Gemeente, Lidmaatschap, Uitnodiging
from .selectors import email_confirmed, gemeente_for_email, uitnodiging_hash, uitnodiging_state

# How long an invitation link works, how many invitations one person may send per hour, and
# how long an unused invitation (an address of someone without an account) is kept after it
# expired, so the invitation page can still tell a late colleague that it expired.
UITNODIGING_DAYS = 14
UITNODIGINGEN_PER_HOUR = 20
UITNODIGING_KEEP_DAYS = 30


# --- Deelname: a municipality applies to a circle -----------------------------------------------
@transaction.atomic
def deelname_apply(
    *,
    leerkring: Leerkring,
    name: str,
    cbs_code: str,
    website: str = "",
    contact_name: str,
    contact_email: str,
    motivation: str,
) -> Deelname:
    """Register a municipality's application; the researchers are e-mailed."""
    gemeente = Gemeente.objects.filter(cbs_code=cbs_code).first()
    if gemeente is None:
        slug = slugify(name) or cbs_code.lower()
        # "Aanmelden" must not become /gemeenten/aanmelden/, which the form answers.
        if slugs.is_reserved(slug, namespace=slugs.GEMEENTE) or (
            Gemeente.objects.filter(slug=slug).exists()
        ):
            slug = f"{slug}-{cbs_code}"
        gemeente = Gemeente.objects.create(
            name=name, slug=slug.lower(), cbs_code=cbs_code, website=website
        )
    if Deelname.objects.filter(leerkring=leerkring, gemeente=gemeente).exists():
        raise DeelnameError(
            _("%(gemeente)s heeft zich al aangemeld voor deze leerkring.") % {"gemeente": gemeente}
        )
    deelname = Deelname.objects.create(
        leerkring=leerkring,
        gemeente=gemeente,
        contact_name=contact_name,
        contact_email=contact_email,
        motivation=motivation,
    )
    audit_record(actor=None, action=AuditEntry.Action.DEELNAME_APPLIED, target=deelname)
    mail_send(
        template="gemeenten/email/deelname_applied",
        to=list(leerkring.researchers.values_list("email", flat=True)),
        context={"deelname": deelname},
    )
    return deelname


@dataclass(frozen=True)
class CoordinatorChoice:
    """Who will coordinate a municipality, chosen when admitting it: an existing confirmed
    member (`user`), an invitation to `email` (with an optional `name`), or nobody yet."""

    user: object = None
    email: str = ""
    name: str = ""


LATER = CoordinatorChoice()


@transaction.atomic
def deelname_admit(*, deelname_id: int, actor, coordinator: CoordinatorChoice = LATER) -> Deelname:
    """Admit a municipality, never beyond the circle's maximum, even when two researchers
    admit at the same moment: the circle's row is locked while counting. The coordinator
    chosen on the confirmation step is made (or invited) in the same transaction, so a refused
    choice admits nothing."""
    deelname = Deelname.objects.select_related("gemeente").get(pk=deelname_id)
    leerkring = Leerkring.objects.select_for_update().get(pk=deelname.leerkring_id)
    deelname.refresh_from_db(fields=["status"])
    if deelname.status == Deelname.Status.ADMITTED:
        return deelname
    admitted = leerkring.deelnames.filter(status=Deelname.Status.ADMITTED).count()
    if admitted >= leerkring.max_gemeenten:
        raise DeelnameError(
            _(
                "Deze leerkring heeft al het maximum van %(max)s gemeenten. Wijs een aanmelding "
                "af of verhoog eerst het maximum."
            )
            % {"max": leerkring.max_gemeenten}
        )
    deelname.status = Deelname.Status.ADMITTED
    deelname.decided_at = timezone.now()
    deelname.decided_by = actor
    deelname.decision_reason = ""
    deelname.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
    audit_record(actor=actor, action=AuditEntry.Action.DEELNAME_ADMITTED, target=deelname)
    coordinator_choose(deelname=deelname, choice=coordinator, actor=actor)
    mail_send(
        template="gemeenten/email/deelname_admitted",
        to=[deelname.contact_email],
        context={"deelname": deelname, "leerkring": leerkring, "coordinator": coordinator},
    )
    return deelname


@transaction.atomic
def deelname_decline(*, deelname_id: int, actor, reason: str) -> Deelname:
    """Decline an application, with the reason the municipality is told."""
    deelname = (
        Deelname.objects.select_for_update()
        .select_related("leerkring", "gemeente")
        .get(pk=deelname_id)
    )
    if deelname.status == Deelname.Status.ADMITTED:
        raise DeelnameError(_("Deze gemeente is al toegelaten; afwijzen kan niet meer."))
    deelname.status = Deelname.Status.DECLINED
    deelname.decided_at = timezone.now()
    deelname.decided_by = actor
    deelname.decision_reason = reason
    deelname.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
    audit_record(
        actor=actor, action=AuditEntry.Action.DEELNAME_DECLINED, target=deelname, detail=reason
    )
    mail_send(
        template="gemeenten/email/deelname_declined",
        to=[deelname.contact_email],
        context={"deelname": deelname},
    )
    return deelname


def deelname_card_update(*, deelname: Deelname, actor, **fields) -> Deelname:
    """Update the municipality's project card (portfolio holder, status and notes)."""
    allowed = {
        "portfolio_holder",
        "quality_status",
        "quality_note",
        "time_status",
        "time_note",
        "money_status",
        "money_note",
    }
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"not a project card field: {name}")
        setattr(deelname, name, value)
    deelname.save(update_fields=[*fields, "updated_at"])
    return deelname


@transaction.atomic
def coordinator_set(*, deelname: Deelname, user, actor, is_coordinator: bool) -> None:
    """Make a confirmed member of the municipality its coordinator in this circle, or undo it."""
    if is_coordinator:
        if not Lidmaatschap.objects.filter(
            user=user, gemeente=deelname.gemeente, status=Lidmaatschap.Status.CONFIRMED
        ).exists():
            raise CoordinatorError(
                _("Alleen een bevestigd lid van de gemeente kan coördinator zijn.")
            )
        deelname.coordinators.add(user)
        action = AuditEntry.Action.ROLE_GRANTED
    else:
        deelname.coordinators.remove(user)
        action = AuditEntry.Action.ROLE_REVOKED
        if not Deelname.objects.filter(gemeente=deelname.gemeente, coordinators=user).exists():
            # Their invitations stand for a trust they no longer have.
            Uitnodiging.objects.filter(
                gemeente=deelname.gemeente, invited_by=user, accepted_at__isnull=True
            ).delete()
    audit_record(actor=actor, action=action, target=deelname, subject=user, detail=_("coördinator"))


@transaction.atomic
def coordinator_choose(*, deelname: Deelname, choice: CoordinatorChoice, actor) -> None:
    """Carry out a choice of coordinator: make the chosen member coordinator (they get an
    e-mail), or invite the address to sign up as coordinator, or (LATER) nothing."""
    if choice.user is not None:
        coordinator_set(deelname=deelname, user=choice.user, actor=actor, is_coordinator=True)
        mail_send(
            template="gemeenten/email/coordinator_appointed",
            to=[choice.user.email],
            context={"deelname": deelname, "user": choice.user},
        )
    elif choice.email:
        uitnodiging_send(
            gemeente=deelname.gemeente,
            email=choice.email,
            name=choice.name,
            actor=actor,
            deelname=deelname,
        )


# --- Lidmaatschap: a person in a municipality -------------------------------------------------
def lidmaatschap_request(*, user, gemeente: Gemeente, job_title: str) -> Lidmaatschap:
    """Record the municipality a person named at sign-up; it waits for confirmation."""
    lidmaatschap, _created = Lidmaatschap.objects.update_or_create(
        user=user,
        defaults={
            "gemeente": gemeente,
            "job_title": job_title,
            "status": Lidmaatschap.Status.PENDING,
        },
    )
    audit_record(
        actor=user,
        action=AuditEntry.Action.LIDMAATSCHAP_REQUESTED,
        target=lidmaatschap,
        subject=user,
    )
    return lidmaatschap


@transaction.atomic
def lidmaatschap_confirm_by_domain(*, user, email: str) -> Lidmaatschap | None:
    """After an address is verified: confirm the pending membership when the address is in the
    municipality's domains; otherwise tell the coordinators someone waits for them."""
    lidmaatschap = (
        Lidmaatschap.objects.select_for_update()
        .select_related("gemeente")
        .filter(user=user, status=Lidmaatschap.Status.PENDING)
        .first()
    )
    if lidmaatschap is None:
        return None
    owner = gemeente_for_email(email)
    if owner is not None and owner.pk == lidmaatschap.gemeente_id:
        _decide(lidmaatschap, actor=None, status=Lidmaatschap.Status.CONFIRMED, reason="")
        return lidmaatschap
    coordinators = (
        get_user_model()
        .objects.filter(deelnames_as_coordinator__gemeente=lidmaatschap.gemeente, is_active=True)
        .distinct()
    )
    mail_send(
        template="gemeenten/email/lidmaatschap_waiting",
        to=list(coordinators.values_list("email", flat=True)),
        context={"lidmaatschap": lidmaatschap},
    )
    return lidmaatschap


@transaction.atomic
def lidmaatschap_confirm(
    *, lidmaatschap_id: int, actor, expected_status: str | None = None
) -> Lidmaatschap:
    """Admit a person to their municipality; only once they confirmed their e-mail address.
    `expected_status` is the status the confirmation page showed: when someone decided in
    between (or the button was pressed twice), nothing happens and the person is told."""
    lidmaatschap = _locked(lidmaatschap_id)
    if expected_status is not None and lidmaatschap.status != expected_status:
        _already_decided(lidmaatschap)
    if lidmaatschap.status != Lidmaatschap.Status.CONFIRMED:
        _require_confirmed_address(lidmaatschap)
        _decide(lidmaatschap, actor=actor, status=Lidmaatschap.Status.CONFIRMED, reason="")
    return lidmaatschap


@transaction.atomic
def lidmaatschap_refuse(*, lidmaatschap_id: int, actor, reason: str) -> Lidmaatschap:
    """Refuse a request, with the reason the person is told; only once they confirmed their
    address, because the refusal is e-mailed to it (docs/decisions.md, D33). Refusing twice
    (a stale page, a double click) mails nobody again and says so."""
    lidmaatschap = _locked(lidmaatschap_id)
    if lidmaatschap.status == Lidmaatschap.Status.CONFIRMED:
        raise LidmaatschapError(_("Dit lidmaatschap is al bevestigd; weigeren kan niet meer."))
    if lidmaatschap.status == Lidmaatschap.Status.REFUSED:
        _already_decided(lidmaatschap)
    _require_confirmed_address(lidmaatschap)
    _decide(lidmaatschap, actor=actor, status=Lidmaatschap.Status.REFUSED, reason=reason)
    return lidmaatschap


def lidmaatschap_update(*, lidmaatschap: Lidmaatschap, job_title: str, visible: bool) -> None:
    lidmaatschap.job_title = job_title
    lidmaatschap.visible_to_colleagues = visible
    lidmaatschap.save(update_fields=["job_title", "visible_to_colleagues"])


def _locked(lidmaatschap_id: int) -> Lidmaatschap:
    return (
        Lidmaatschap.objects.select_for_update(of=("self",))
        .select_related("user", "gemeente")
        .get(pk=lidmaatschap_id)
    )


def _already_decided(lidmaatschap: Lidmaatschap) -> None:
    name = lidmaatschap.user.display_name
    if lidmaatschap.status == Lidmaatschap.Status.CONFIRMED:
        message = _("%(name)s is al lid. Er is geen e-mail meer gestuurd.")
    elif lidmaatschap.status == Lidmaatschap.Status.REFUSED:
        message = _("De aanvraag van %(name)s is al geweigerd. Er is geen e-mail meer gestuurd.")
    else:
        message = _("Er is iets veranderd aan de aanvraag van %(name)s. Kijk het opnieuw na.")
    raise LidmaatschapError(message % {"name": name})


def _require_confirmed_address(lidmaatschap: Lidmaatschap) -> None:
    if not Lidmaatschap.objects.filter(pk=lidmaatschap.pk).filter(email_confirmed()).exists():
        raise LidmaatschapError(
            _(
                "%(name)s heeft het e-mailadres %(email)s nog niet bevestigd. Je kunt pas "
                "besluiten als dat is gebeurd: zo weet je zeker dat het adres van deze persoon "
                "is."
            )
            % {"name": lidmaatschap.user.display_name, "email": lidmaatschap.user.email}
        )


def _decide(lidmaatschap: Lidmaatschap, *, actor, status: str, reason: str) -> None:
    lidmaatschap.status = status
    lidmaatschap.decision_reason = reason
    lidmaatschap.decided_at = timezone.now()
    lidmaatschap.decided_by = actor
    lidmaatschap.save(update_fields=["status", "decision_reason", "decided_at", "decided_by"])
    confirmed = status == Lidmaatschap.Status.CONFIRMED
    audit_record(
        actor=actor,
        action=(
            AuditEntry.Action.LIDMAATSCHAP_CONFIRMED
            if confirmed
            else AuditEntry.Action.LIDMAATSCHAP_REFUSED
        ),
        target=lidmaatschap,
        subject=lidmaatschap.user,
        detail=reason if reason else ("" if actor else _("bevestigd via e-maildomein")),
    )
    mail_send(
        template=f"gemeenten/email/lidmaatschap_{'confirmed' if confirmed else 'refused'}",
        to=[lidmaatschap.user.email],
        context={"lidmaatschap": lidmaatschap, "reason": reason},
    )


# --- Uitnodiging: a coordinator invites a colleague, a researcher a coordinator ----------------
def uitnodiging_link(token: str) -> str:
    return site_url(reverse("gemeenten:uitnodiging", args=[token]))


@transaction.atomic
def uitnodiging_send(
    *, gemeente: Gemeente, email: str, name: str = "", actor, deelname: Deelname | None = None
) -> Uitnodiging:
    """E-mail `email` a link to sign up for `gemeente`: as a colleague, or, with `deelname`,
    as its coordinator in that circle. Who may invite is the view's permission; the limits
    are here: UITNODIGINGEN_PER_HOUR per person (the person's row is locked while counting,
    so two tabs cannot both send the last one), only for a municipality admitted to a
    circle, not to someone who has an account, and not twice to the same address."""
    User = get_user_model()
    email = email.strip().lower()
    User.objects.select_for_update().filter(pk=actor.pk).first()
    now = timezone.now()
    sent = Uitnodiging.objects.filter(
        invited_by=actor, created_at__gt=now - datetime.timedelta(hours=1)
    ).count()
    if sent >= UITNODIGINGEN_PER_HOUR:
        raise UitnodigingError(
            _(
                "Je hebt het afgelopen uur al %(n)s uitnodigingen gestuurd; meer kan niet. "
                "Probeer het over een uur opnieuw."
            )
            % {"n": sent}
        )
    if not Deelname.objects.filter(gemeente=gemeente, status=Deelname.Status.ADMITTED).exists():
        raise UitnodigingError(
            _("%(gemeente)s doet nog niet mee aan een leerkring; uitnodigen kan nog niet.")
            % {"gemeente": gemeente.name}
        )
    if User.objects.filter(email__iexact=email).exists():
        raise UitnodigingError(
            _(
                "Er is al een account met het e-mailadres %(email)s. Deze persoon hoeft geen "
                "account te maken: vraag om in te loggen."
            )
            % {"email": email}
        )
    role = Uitnodiging.Role.COORDINATOR if deelname is not None else Uitnodiging.Role.COLLEAGUE
    if Uitnodiging.objects.filter(
        gemeente=gemeente,
        email__iexact=email,
        role=role,
        accepted_at__isnull=True,
        expires_at__gt=now,
    ).exists():
        raise UitnodigingError(
            _("%(email)s heeft al een uitnodiging die nog werkt. Een tweede is niet nodig.")
            % {"email": email}
        )
    token = secrets.token_urlsafe(32)
    uitnodiging = Uitnodiging.objects.create(
        gemeente=gemeente,
        deelname=deelname,
        email=email,
        name=name.strip(),
        role=role,
        token_hash=uitnodiging_hash(token),
        invited_by=actor,
        expires_at=now + datetime.timedelta(days=UITNODIGING_DAYS),
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UITNODIGING_SENT,
        target=uitnodiging,
        detail=f"{role}: {email}",
    )
    mail_send(
        template="gemeenten/email/uitnodiging",
        to=[email],
        context={
            "uitnodiging": uitnodiging,
            "link": uitnodiging_link(token),
            "inviter": actor.display_name,
        },
    )
    return uitnodiging


@transaction.atomic
def uitnodiging_accept(*, token: str, user, job_title: str) -> Lidmaatschap | None:
    """A person signed up through an invitation link with the invited address: mark it
    accepted and make them a confirmed member (and, for a coordinator's invitation, the
    coordinator). Following the link proves the address is theirs, and the one who invited
    them could have confirmed them anyway (docs: decisions-h6). None when the invitation can
    no longer be used (used, expired or unknown at this moment): the caller then records an
    ordinary request."""
    state = uitnodiging_state(token)
    if not state.valid:
        return None
    uitnodiging = Uitnodiging.objects.select_for_update().get(pk=state.uitnodiging.pk)
    if uitnodiging.accepted_at is not None or uitnodiging.email.lower() != user.email.lower():
        return None
    uitnodiging.accepted_at = timezone.now()
    uitnodiging.accepted_by = user
    uitnodiging.save(update_fields=["accepted_at", "accepted_by"])
    inviter = uitnodiging.invited_by
    lidmaatschap, _created = Lidmaatschap.objects.update_or_create(
        user=user,
        defaults={
            "gemeente": uitnodiging.gemeente,
            "job_title": job_title,
            "status": Lidmaatschap.Status.CONFIRMED,
            "decided_at": uitnodiging.accepted_at,
            "decided_by": inviter,
            "decision_reason": "",
        },
    )
    audit_record(
        actor=user,
        action=AuditEntry.Action.UITNODIGING_ACCEPTED,
        target=uitnodiging,
        subject=user,
    )
    audit_record(
        actor=inviter,
        action=AuditEntry.Action.LIDMAATSCHAP_CONFIRMED,
        target=lidmaatschap,
        subject=user,
        detail=_("bevestigd via uitnodiging"),
    )
    if uitnodiging.deelname is not None:
        uitnodiging.deelname.coordinators.add(user)
        audit_record(
            actor=inviter,
            action=AuditEntry.Action.ROLE_GRANTED,
            target=uitnodiging.deelname,
            subject=user,
            detail=_("coördinator, via uitnodiging"),
        )
    return lidmaatschap


def uitnodigingen_expire(*, now=None) -> int:
    """Delete invitations that were never used and expired more than UITNODIGING_KEEP_DAYS
    ago: they hold the address of someone without an account. Used ones stay with the account
    they made. Returns how many (a sweeper, leerkring.core.sweepers)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=UITNODIGING_KEEP_DAYS)
    deleted, _per_model = Uitnodiging.objects.filter(
        accepted_at__isnull=True, expires_at__lt=cutoff
    ).delete()
    return deleted


# --- Personal data ------------------------------------------------------------------------------
def personal_data_erase(*, user) -> None:
    """Remove what this app holds about a person whose account is deleted."""
    Lidmaatschap.objects.filter(user=user).delete()
    Uitnodiging.objects.filter(accepted_by=user).delete()
    Uitnodiging.objects.filter(email__iexact=user.email).delete()
    # Invitations they sent still work for whom they were for, without the sender's name.
    Uitnodiging.objects.filter(invited_by=user).update(invited_by=None)
    for deelname in Deelname.objects.filter(coordinators=user):
        deelname.coordinators.remove(user)
