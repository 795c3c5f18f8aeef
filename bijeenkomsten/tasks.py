import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from leerkring.core import uploads

from . import document_checks
from .services import reminders

logger = logging.getLogger(__name__)


@shared_task(name="bijeenkomsten.reminders_send", ignore_result=True)
def reminders_send():
    """Send due meeting reminders (scheduled hourly by beat); safe to run twice."""
    reminders.reminders_send()


@shared_task(
    name="bijeenkomsten.document_check",
    bind=True,
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=uploads.check_time_limit() - 30,
    time_limit=uploads.check_time_limit(),
    max_retries=3,
)
def document_check(self, document_id: int):
    """Check one uploaded meeting document (document_checks.document_check). A passing
    problem (database, disk, the checker could not start) is retried after 10 s, 20 s, 40 s;
    after that the document is refused with a message to try again."""
    try:
        document_checks.document_check(document_id=document_id, task_id=self.request.id)
    except (document_checks.CheckRetryLater, OperationalError, InterfaceError) as exc:
        if self.request.retries >= self.max_retries:
            logger.error("document %s could not be checked: %s", document_id, exc)
            document_checks.document_refuse(document_id=document_id, code="unfinished")
            return
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc
