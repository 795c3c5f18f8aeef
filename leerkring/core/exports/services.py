"""Large CSV exports asked for, made in the background (docs/architecture.md, Background
work): the request, "Probeer opnieuw", the sweeper, and deleting old exports and a person's
exports.

As with PDF jobs, the row is the source of truth and the queue only a messenger: the sweeper
sends again what waits too long (the broker was down, the message was lost, the worker died)
and deletes exports older than EXPORT_KEEP_DAYS with their files. What the worker does is in
worker.py."""

import datetime
import logging

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone, translation

from .. import exports
from ..jobs import jobs_sweep, task_send
from ..models import ExportJob
from . import tasks

logger = logging.getLogger(__name__)

Status = ExportJob.Status


def _export_enqueue(job_id: int) -> None:
    """Tell a worker about a job once the transaction commits."""
    transaction.on_commit(lambda: task_send(tasks.export_run, job_id))


@transaction.atomic
def export_request(*, user, kind: str, params: dict) -> ExportJob:
    """Ask for a large export with the filters of the screen; a worker makes it. The title,
    the headers and yes/no are written in the language the person uses now."""
    spec = exports.get(kind)
    language = exports.language()
    with translation.override(language):
        title = str(spec.title)
    job = ExportJob.objects.create(
        kind=kind,
        user=user,
        params=params,
        language=language,
        title=title[:300],
        filename=exports.filename_for(spec)[:200],
    )
    _export_enqueue(job.pk)
    return job


@transaction.atomic
def export_retry(*, job: ExportJob) -> ExportJob:
    """Make a failed export again from scratch (a ready one stays as it is)."""
    job = ExportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != Status.FAILED:
        return job
    job.status = Status.QUEUED
    job.attempts = 0
    job.last_error = ""
    job.rows_done = 0
    job.rows_total = None
    job.queued_at = timezone.now()
    job.save(
        update_fields=["status", "attempts", "last_error", "rows_done", "rows_total", "queued_at"]
    )
    _export_enqueue(job.pk)
    return job


def export_jobs_sweep(*, now=None) -> int:
    """Send again every export that waits too long: queued with no worker taking it, or
    running far past the time limit (its worker died). Returns how many were sent."""
    return jobs_sweep(
        model=ExportJob,
        running=Status.RUNNING,
        time_limit=settings.EXPORT_TIME_LIMIT,
        enqueue=_export_enqueue,
        now=now,
    )


def exports_expire(*, now=None) -> int:
    """Delete exports asked for more than EXPORT_KEEP_DAYS days ago, with their files: they
    hold personal data and were made for one occasion. Returns how many."""
    now = now or timezone.now()
    old = ExportJob.objects.filter(
        created_at__lt=now - datetime.timedelta(days=settings.EXPORT_KEEP_DAYS)
    )
    return _delete(old)


def _delete(jobs, batch: int = 500) -> int:
    storage = storages["private"]
    deleted = 0
    while True:
        doomed = list(jobs.order_by("pk").values_list("pk", "file")[:batch])
        ExportJob.objects.filter(pk__in=[pk for pk, _name in doomed]).delete()
        names = [name for _pk, name in doomed if name]
        # The files go once the rows are gone for good (a rollback keeps both).
        transaction.on_commit(lambda names=names: [storage.delete(name) for name in names])
        deleted += len(doomed)
        if len(doomed) < batch:
            return deleted


def personal_data_erase(*, user) -> None:
    """A person's exports go with their account."""
    _delete(ExportJob.objects.filter(user=user))
