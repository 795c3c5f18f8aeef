"""The PDF task. Its name stays "core.render_job", so that messages queued before the core was
split into packages still run."""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import worker


@shared_task(
    name="core.render_job",
    bind=True,
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.RENDER_SOFT_TIME_LIMIT,
    time_limit=settings.RENDER_TIME_LIMIT,
    max_retries=settings.RENDER_MAX_ATTEMPTS,
)
def render_job(self, job_id: int):
    """Render one PDF job (see worker.render_job_run). A passing problem (database or disk)
    is retried with a growing pause: 10 s, 20 s, 40 s."""
    try:
        worker.render_job_run(job_id=job_id, task_id=self.request.id)
    except (worker.RenderRetryLater, OperationalError, InterfaceError) as exc:
        if self.request.retries >= self.max_retries:
            worker.render_fail_for_good(job_id=job_id, error=str(exc))
            return
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc
