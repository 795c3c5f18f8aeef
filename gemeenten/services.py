"""Every write about municipalities, participation and membership."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from leerkring.core import slugs
from leerkring.core.audit import audit_record
from leerkring.core.mail import mail_send
from leerkring.core.models import AuditEntry, Leerkring

from .errors import CoordinatorError, DeelnameError, LidmaatschapError
from .models import Deelname, Gemeente, Lidmaatschap
from .selectors import email_confirmed, gemeente_for_email


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


@transaction.atomic
def deelname_admit(*, deelname_id: int, actor) -> Deelname:
    """Admit a municipality, never beyond the circle's maximum, even when two researchers
    admit at the same moment: the circle's row is locked while counting."""
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
    mail_send(
        template="gemeenten/email/deelname_admitted",
        to=[deelname.contact_email],
        context={"deelname": deelname, "leerkring": leerkring},
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
    audit_record(actor=actor, action=action, target=deelname, subject=user, detail=_("coördinator"))


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
def lidmaatschap_confirm(*, lidmaatschap_id: int, actor) -> Lidmaatschap:
    """Admit a person to their municipality; only once they confirmed their e-mail address."""
    lidmaatschap = _locked(lidmaatschap_id)
    if lidmaatschap.status != Lidmaatschap.Status.CONFIRMED:
        _require_confirmed_address(lidmaatschap)
        _decide(lidmaatschap, actor=actor, status=Lidmaatschap.Status.CONFIRMED, reason="")
    return lidmaatschap


@transaction.atomic
def lidmaatschap_refuse(*, lidmaatschap_id: int, actor, reason: str) -> Lidmaatschap:
    """Refuse a request, with the reason the person is told; only once they confirmed their
    address, because the refusal is e-mailed to it (docs/decisions.md, D33)."""
    lidmaatschap = _locked(lidmaatschap_id)
    if lidmaatschap.status == Lidmaatschap.Status.CONFIRMED:
        raise LidmaatschapError(_("Dit lidmaatschap is al bevestigd; weigeren kan niet meer."))
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


# --- Personal data ------------------------------------------------------------------------------
def personal_data_erase(*, user) -> None:
    """Remove what this app holds about a person whose account is deleted."""
    Lidmaatschap.objects.filter(user=user).delete()
    for deelname in Deelname.objects.filter(coordinators=user):
        deelname.coordinators.remove(user)
