import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from leerkring.core import uploads as core_uploads

from . import upload_checks

logger = logging.getLogger(__name__)


@shared_task(
    name="publicaties.pdf_upload_check",
    bind=True,
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=core_uploads.check_time_limit() - 30,
    time_limit=core_uploads.check_time_limit(),
    max_retries=3,
)
def pdf_upload_check(self, upload_id: int):
    """Check one uploaded PDF (see upload_checks.pdf_upload_check). A passing problem (database,
    disk, the checker could not start) is retried after 10 s, 20 s, 40 s; after that the
    upload is refused with a message to try again."""
    try:
        upload_checks.pdf_upload_check(upload_id=upload_id, task_id=self.request.id)
    except (upload_checks.UploadRetryLater, OperationalError, InterfaceError) as exc:
        if self.request.retries >= self.max_retries:
            logger.error("PDF upload %s could not be checked: %s", upload_id, exc)
            upload_checks.pdf_upload_refuse(upload_id=upload_id, code="unfinished")
            return
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc
