import logging
import socket

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="core.heartbeat_record", bind=True, ignore_result=True)
def heartbeat_record(self):
    """Record that a worker is alive (scheduled every minute by beat)."""
    hostname = self.request.hostname or socket.gethostname()
    services.heartbeat_record(hostname=hostname)
    logger.info("heartbeat recorded for %s", hostname)


@shared_task(
    name="core.email_send",
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def email_send(*, subject: str, body: str, to: list[str], attachments: list | None = None):
    """Send one rendered e-mail; SMTP hiccups are retried with backoff. Attachments are
    (filename, text, mimetype) triples, so the message stays JSON for the broker."""
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
    logger.info("e-mail %r sent to %d recipient(s)", subject, len(to))
