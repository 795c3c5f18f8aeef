from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AuditEntry, WorkerHeartbeat


def heartbeat_record(*, hostname: str) -> WorkerHeartbeat:
    """Note that the worker on `hostname` is alive now."""
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(
        hostname=hostname, defaults={"seen_at": timezone.now()}
    )
    return heartbeat


def audit_record(
    *, actor, action: str, target: models.Model, subject=None, detail: str = ""
) -> AuditEntry:
    """Write one line in the audit log."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        target_repr=str(target)[:300],
        subject=subject,
        detail=detail,
    )


@transaction.atomic
def user_anonymise(*, user) -> None:
    """Erase a person's personal data from the core, keeping the row so that what they
    contributed stays, shown as "voormalig deelnemer"."""
    from allauth.account.models import EmailAddress
    from django.contrib.sessions.models import Session

    EmailAddress.objects.filter(user=user).delete()
    for session in Session.objects.iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
    user.leerkringen_as_researcher.clear()
    user.groups.clear()
    user.user_permissions.clear()
    user.name = ""
    user.email = f"verwijderd-{user.pk}@leerkring.invalid"
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_removed = True
    user.email_notifications = False
    user.weekly_digest = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    AuditEntry.objects.filter(subject=user).update(target_repr=_("voormalig deelnemer"))
