"""PDF jobs asked for: a request for a document's PDF, "Probeer opnieuw", the sweeper and
the re-render command. The job row is the truth and the queue only a messenger
(docs/architecture.md, Background work). A request compares the kind's cheap version
fingerprint with what the job last asked for; only the worker (worker.py) builds the document,
once per version, and renders it."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..jobs import jobs_sweep, task_send
from ..models import RenderJob
from . import get as kind_get
from . import pdf
from .tasks import render_job

logger = logging.getLogger(__name__)

Status = RenderJob.Status


def _render_enqueue(job_id: int) -> None:
    """Tell a worker about a job once the transaction commits."""
    transaction.on_commit(lambda: task_send(render_job, job_id))


@transaction.atomic
def render_request(*, kind: str, object_id: int) -> RenderJob:
    """Ask for the PDF of one document. The kind's version fingerprint (a query, no render) is
    compared with what was asked before: an unchanged document is not rendered again, nor
    one that failed on this very version (only "retry" tries that again)."""
    pdf_kind = kind_get(kind)
    wanted = pdf.hash_version(pdf_kind.version(pdf_kind.get_object(object_id)))
    job, created = RenderJob.objects.select_for_update().get_or_create(
        kind=kind, object_id=object_id, defaults={"content_hash": wanted}
    )
    if created:
        _render_enqueue(job.pk)
        return job
    if wanted in (job.content_hash, job.rendered_hash) and job.status in (
        Status.READY,
        Status.FAILED,
    ):
        return job  # made from this very version, or failed on it
    if job.is_pending and job.content_hash in ("", wanted):
        return job  # already on its way with this version
    job.content_hash = wanted
    _queue_again(job, also=["content_hash"])
    return job


def _queue_again(job: RenderJob, also: tuple[str, ...] | list[str] = ()) -> None:
    """Back to the start of the queue, with a fresh count of attempts (saving the fields in
    `also` with it)."""
    job.status = Status.QUEUED
    job.attempts = 0
    job.last_error = ""
    job.queued_at = timezone.now()
    job.save(update_fields=["status", "attempts", "last_error", "queued_at", *also])
    _render_enqueue(job.pk)


@transaction.atomic
def render_retry(*, job: RenderJob) -> RenderJob:
    """Try a failed (or stuck) job again from scratch."""
    job = RenderJob.objects.select_for_update().get(pk=job.pk)
    if job.status == Status.READY and job.rendered_hash == job.content_hash:
        return job
    _queue_again(job)
    return job


def render_again(*, kind: str, object_id: int) -> RenderJob:
    """ "Probeer opnieuw" on a document: retry its job, or ask for it when it has none yet."""
    job = RenderJob.objects.filter(kind=kind, object_id=object_id).first()
    if job is None:
        return render_request(kind=kind, object_id=object_id)
    return render_retry(job=job)


# --- The sweeper and the re-render command ----------------------------------------------------
def render_jobs_sweep(*, now=None) -> int:
    """Send again every job that waits too long: queued with no worker taking it (the message
    was lost, or the broker was down), or rendering far past the hard time limit (its worker
    died). Returns how many were sent."""
    return jobs_sweep(
        model=RenderJob,
        running=Status.RENDERING,
        time_limit=settings.RENDER_TIME_LIMIT,
        enqueue=_render_enqueue,
        now=now,
    )


@transaction.atomic
def render_all(*, kinds: list[str] | None = None) -> int:
    """Queue every job again, also unchanged ones (after a change to the PDF layout)."""
    jobs = RenderJob.objects.select_for_update()
    if kinds:
        jobs = jobs.filter(kind__in=kinds)
    ids = list(jobs.values_list("pk", flat=True))
    RenderJob.objects.filter(pk__in=ids).update(
        status=Status.QUEUED,
        attempts=0,
        last_error="",
        rendered_hash="",
        queued_at=timezone.now(),
    )
    for job_id in ids:
        _render_enqueue(job_id)
    return len(ids)
