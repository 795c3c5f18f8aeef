"""The export task. Its name stays "core.export_run", so that messages queued before the core
was split into packages still run."""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import worker


@shared_task(
    name="core.export_run",
    bind=True,
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=max(settings.EXPORT_TIME_LIMIT - 30, 1),
    time_limit=settings.EXPORT_TIME_LIMIT,
    max_retries=settings.RENDER_MAX_ATTEMPTS,
)
def export_run(self, job_id: int):
    """Write one large CSV export (see worker.export_run). A passing problem (database or
    disk) is retried after 10 s, 20 s, 40 s."""
    try:
        worker.export_run(job_id=job_id, task_id=self.request.id)
    except (worker.ExportRetryLater, OperationalError, InterfaceError) as exc:
        if self.request.retries >= self.max_retries:
            worker.export_fail_for_good(job_id=job_id, error=str(exc))
            return
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc
