"""The core's own writes that belong to no subject package: a worker's heartbeat, and erasing
a person from the core. (PDF jobs: rendering/; e-mail: mail/; exports: exports/; the audit
log: audit.py.)"""

from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AuditEntry, WorkerHeartbeat


def heartbeat_record(*, hostname: str) -> WorkerHeartbeat:
    """Note that the worker on `hostname` is alive now."""
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(
        hostname=hostname, defaults={"seen_at": timezone.now()}
    )
    return heartbeat


@transaction.atomic
def user_anonymise(*, user) -> None:
    """Erase a person's personal data from the core, keeping the row so that what they
    contributed stays, shown as "voormalig deelnemer"."""
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
