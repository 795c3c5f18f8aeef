"""The outbox seen from the worker: send one queued e-mail, or give up on it."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction

from ..models import OutgoingEmail

logger = logging.getLogger(__name__)


def email_send(*, email_id: int) -> bool:
    """Send one queued e-mail and delete it. The row stays locked while it is sent, so a
    duplicate message (the sweeper, a redelivery) finds nothing to do. Returns whether this
    call sent it."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutgoingEmail.Status.QUEUED)
            .first()
        )
        if email is None:
            return False
        message = EmailMultiAlternatives(
            email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.to
        )
        if email.html:
            message.attach_alternative(email.html, "text/html")
        for filename, content, mimetype in email.attachments:
            message.attach(filename, content, mimetype)
        try:
            message.send()
        except Exception as exc:
            OutgoingEmail.objects.filter(pk=email.pk).update(
                attempts=models.F("attempts") + 1, last_error=str(exc)[:2000]
            )
            raise
        email.delete()
    logger.info("e-mail %r sent to %d recipient(s)", email.subject, len(email.to))
    return True


def email_failed(*, email_id: int, error: str) -> None:
    OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.QUEUED).update(
        status=OutgoingEmail.Status.FAILED, last_error=error[:2000]
    )
    logger.error("e-mail %s failed for good: %s", email_id, error)
