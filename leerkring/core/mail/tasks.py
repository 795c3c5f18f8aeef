"""The e-mail tasks. Their names stay "core.email_send" and "core.email_send_many", so that
messages queued before the core was split into packages still run."""

from smtplib import SMTPException

from celery import shared_task

from . import outbox

OPTIONS = {
    "bind": True,
    "ignore_result": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": 5,
}


def _send(task, email_ids: list[int]) -> None:
    """Send each e-mail and delete it on its own, so that a retry after a failure half-way
    sends only what is left. SMTP hiccups are retried after 30 s, 1, 2, 4 and 8 minutes; after
    that what is left is marked failed for the administrator."""
    try:
        for email_id in email_ids:
            outbox.email_send(email_id=email_id)
    except (OSError, SMTPException) as exc:
        if task.request.retries >= task.max_retries:
            for email_id in email_ids:
                outbox.email_failed(email_id=email_id, error=str(exc))
            return
        raise task.retry(exc=exc, countdown=30 * 2**task.request.retries) from exc


@shared_task(name="core.email_send", **OPTIONS)
def email_send(self, email_id: int):
    """Send one e-mail from the outbox."""
    _send(self, [email_id])


@shared_task(name="core.email_send_many", **OPTIONS)
def email_send_many(self, email_ids: list[int]):
    """Send a batch from the outbox (one message for a whole mailing)."""
    _send(self, email_ids)
