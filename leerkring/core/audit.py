"""The audit log: who did what to which row, written by the services that do it."""

from django.db import models

from .models import AuditEntry


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
