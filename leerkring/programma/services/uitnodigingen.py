"""A programme manager invites a circle's researchers by e-mail; the link makes whoever is
logged in when they accept it a researcher of that circle. As gemeenten.Uitnodiging: a random
token in the link, only its SHA-256 stored, one use, ONDERZOEKER_UITNODIGING_DAYS days."""

import datetime
import secrets

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeenten.selectors import uitnodiging_hash
from leerkring.core.audit import audit_record
from leerkring.core.mail import mail_send, site_url
from leerkring.core.models import AuditEntry, Leerkring, OnderzoekerUitnodiging

from ..errors import OnderzoekerUitnodigingError
from ..selectors.kringen import onderzoeker_uitnodiging_state

ONDERZOEKER_UITNODIGING_DAYS = 14


def onderzoeker_uitnodiging_link(token: str) -> str:
    return site_url(reverse("programma:onderzoeker-uitnodiging", args=[token]))


def onderzoeker_invite(
    *, leerkring: Leerkring, email: str, name: str = "", actor, resend: bool = False
) -> OnderzoekerUitnodiging:
    """E-mail `email` a link to become a researcher of `leerkring`. Refused when that person
    is a researcher of it already, or when an invitation to the address still works; with
    `resend` that one stops working and a new link goes out (the e-mail did not arrive, or
    was deleted). The circle's row is locked, so two clicks do not send two invitations."""
    email = email.strip().lower()
    with transaction.atomic():
        Leerkring.objects.select_for_update().filter(pk=leerkring.pk).first()
        if leerkring.researchers.filter(email__iexact=email).exists():
            raise OnderzoekerUitnodigingError(
                _("%(email)s is al onderzoeker van deze leerkring. Een uitnodiging is niet nodig.")
                % {"email": email}
            )
        now = timezone.now()
        still_open = OnderzoekerUitnodiging.objects.filter(
            leerkring=leerkring, email__iexact=email, accepted_at__isnull=True, expires_at__gt=now
        )
        if resend:
            still_open.update(expires_at=now)
        elif still_open.exists():
            raise OnderzoekerUitnodigingError(
                _(
                    "%(email)s heeft al een uitnodiging die nog werkt. Is de e-mail niet "
                    "aangekomen? Kies dan ‘Opnieuw sturen’ bij de uitnodigingen die nog werken."
                )
                % {"email": email}
            )
        token = secrets.token_urlsafe(32)
        uitnodiging = OnderzoekerUitnodiging.objects.create(
            leerkring=leerkring,
            email=email,
            name=name.strip(),
            token_hash=uitnodiging_hash(token),
            invited_by=actor,
            created_at=now,
            expires_at=now + datetime.timedelta(days=ONDERZOEKER_UITNODIGING_DAYS),
        )
        audit_record(
            actor=actor,
            action=AuditEntry.Action.ONDERZOEKER_INVITED,
            target=uitnodiging,
            detail=f"{email}{' (opnieuw)' if resend else ''}",
        )
        mail_send(
            template="programma/email/onderzoeker_uitnodiging",
            to=[email],
            context={
                "uitnodiging": uitnodiging,
                "leerkring": leerkring,
                "link": onderzoeker_uitnodiging_link(token),
                "inviter": actor.display_name,
            },
        )
    return uitnodiging


def invitation_refusal(kind: str) -> str:
    """What a person reads when a link no longer works."""
    if kind == "used":
        return _("Deze uitnodiging is al gebruikt. Een link werkt maar één keer.")
    if kind == "expired":
        return _(
            "Deze uitnodiging is verlopen. Vraag de programmamanager om een nieuwe uitnodiging."
        )
    return _(
        "We kennen deze link niet. Misschien is hij niet helemaal gekopieerd. Kopieer de hele "
        "link uit de e-mail en probeer het opnieuw."
    )


@transaction.atomic
def onderzoeker_accept(*, token: str, user) -> OnderzoekerUitnodiging:
    """The logged-in person accepts the invitation: they become a researcher of its circle.
    Whoever holds the link may use it, also with an account under another address (the link
    went to that person's mailbox); the page says which account becomes researcher. The
    invitation is locked and checked again, so it works once."""
    state = onderzoeker_uitnodiging_state(token)
    if not state.valid:
        raise OnderzoekerUitnodigingError(invitation_refusal(state.kind))
    uitnodiging = (
        OnderzoekerUitnodiging.objects.select_for_update()
        .select_related("leerkring")
        .get(pk=state.uitnodiging.pk)
    )
    if uitnodiging.accepted_at is not None:
        raise OnderzoekerUitnodigingError(invitation_refusal("used"))
    if uitnodiging.expires_at <= timezone.now():
        raise OnderzoekerUitnodigingError(invitation_refusal("expired"))
    uitnodiging.accepted_at = timezone.now()
    uitnodiging.accepted_by = user
    uitnodiging.save(update_fields=["accepted_at", "accepted_by"])
    uitnodiging.leerkring.researchers.add(user)
    audit_record(
        actor=user,
        action=AuditEntry.Action.ONDERZOEKER_ACCEPTED,
        target=uitnodiging,
        subject=user,
        detail=uitnodiging.email,
    )
    return uitnodiging
