"""Large CSV exports, made in the background (DESIGN.md, Background work).

As with PDF jobs, the row is the source of truth and the queue only a messenger: a job is
claimed by a conditional update, so a duplicate message finds nothing to do; the sweeper sends
again what waits too long (the broker was down, the message was lost, the worker died) and
deletes exports older than EXPORT_KEEP_DAYS with their files."""

import datetime
import io
import logging
import tempfile

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import InterfaceError, OperationalError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import exports
from .models import ExportJob
from .services import jobs_requeue_stuck, task_send

logger = logging.getLogger(__name__)

Status = ExportJob.Status


class ExportRetryLater(Exception):
    """A passing problem (disk): the task tries again after a pause."""


def _export_enqueue(job_id: int) -> None:
    """Tell a worker about a job once the transaction commits."""
    from .tasks import export_run as export_run_task

    transaction.on_commit(lambda: task_send(export_run_task, job_id))


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


def _fail(job_id: int, message: str) -> None:
    ExportJob.objects.filter(pk=job_id).exclude(status=Status.READY).update(
        status=Status.FAILED, last_error=message[:4000], finished_at=timezone.now()
    )
    logger.warning("export job %s failed: %s", job_id, message)


def export_fail_for_good(*, job_id: int, error: str) -> None:
    """A passing problem that did not pass: show it to the person who asked."""
    _fail(job_id, _("Het bestand kon niet worden opgeslagen: %(error)s") % {"error": error})


def _claim(job_id: int, task_id: str | None) -> bool:
    """Queued → running, in one conditional update: of two messages for one job, one wins.
    The same message delivered again (its worker died, or a retry) may take over."""
    mine = models.Q(status=Status.QUEUED)
    if task_id:
        mine |= models.Q(status=Status.RUNNING, task_id=task_id)
    return bool(
        ExportJob.objects.filter(mine, pk=job_id, attempts__lt=settings.RENDER_MAX_ATTEMPTS).update(
            status=Status.RUNNING,
            attempts=models.F("attempts") + 1,
            started_at=timezone.now(),
            task_id=task_id or "",
            rows_done=0,
            last_error="",
        )
    )


def export_run(*, job_id: int, task_id: str | None = None) -> str:
    """Write one export if it still needs it: the CSV to a temporary file, rows from the
    database in chunks, the progress in its own short update every EXPORT_PROGRESS_EVERY rows,
    then the file to the private storage and the job ready. Safe to call any number of times.
    Returns what happened."""
    if not _claim(job_id, task_id):
        job = ExportJob.objects.filter(pk=job_id).first()
        if job is None:
            return "gone"
        if job.status == Status.QUEUED:  # started too often without finishing
            _fail(
                job_id,
                _(
                    "Het maken van de export is %(n)s keer begonnen en niet afgekomen. Probeer "
                    "het opnieuw; lukt het dan weer niet, meld het aan de beheerder."
                )
                % {"n": job.attempts},
            )
            return "failed"
        return job.status  # running elsewhere, ready or failed: nothing to do
    job = ExportJob.objects.select_related("user").get(pk=job_id)

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job_id, status=Status.RUNNING).update(rows_done=done)

    storage = storages["private"]
    try:
        spec = exports.get(job.kind)
        with translation.override(job.language), tempfile.TemporaryFile() as raw:
            if spec.permission and not job.user.has_perm(spec.permission):
                raise exports.ExportError(_("Je mag deze export niet meer maken."))
            total, rows = spec.rows(job.user, exports.query_from(job.params))
            ExportJob.objects.filter(pk=job_id).update(rows_total=total)
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            written = exports.write_csv(
                text,
                spec.headers(job.user),
                rows,
                progress=progress,
                every=settings.EXPORT_PROGRESS_EVERY,
            )
            text.flush()
            text.detach()
            raw.seek(0)
            name = f"exports/{job.user_id}/{job.pk}/{job.filename}"
            try:
                # A run that died after saving left this very file: replace it, not add one.
                if storage.exists(name):
                    storage.delete(name)
                name = storage.save(name, File(raw))
            except OSError as exc:
                raise ExportRetryLater(str(exc)) from exc
    except LookupError:
        _fail(job_id, _("Deze soort export bestaat niet meer."))
        return "failed"
    except exports.ExportError as exc:
        _fail(job_id, str(exc))
        return "failed"
    except SoftTimeLimitExceeded:
        _fail(
            job_id,
            _("Het maken van de export duurde langer dan %(n)s seconden en is gestopt.")
            % {"n": settings.EXPORT_TIME_LIMIT},
        )
        return "failed"
    except (ExportRetryLater, OperationalError, InterfaceError):
        raise  # passing: the task tries again
    except Exception as exc:
        # A fault in the export itself: trying again would fail the same way.
        logger.exception("export job %s failed", job_id)
        _fail(
            job_id,
            _(
                "Er ging iets mis bij het maken van de export (%(error)s). Meld het aan de "
                "beheerder."
            )
            % {"error": type(exc).__name__},
        )
        return "failed"
    ready = ExportJob.objects.filter(pk=job_id, status=Status.RUNNING).update(
        status=Status.READY,
        file=name,
        rows_done=written,
        rows_total=written,
        finished_at=timezone.now(),
        last_error="",
    )
    if not ready:  # the job was deleted or handed to another worker meanwhile
        storage.delete(name)
        return "lost"
    logger.info("export job %s ready: %s rows", job_id, written)
    return "ready"


def export_jobs_sweep(*, now=None) -> int:
    """Send again every export that waits too long: queued with no worker taking it, or
    running far past the time limit (its worker died). Returns how many were sent."""
    with transaction.atomic():
        ids = jobs_requeue_stuck(
            model=ExportJob,
            running=Status.RUNNING,
            time_limit=settings.EXPORT_TIME_LIMIT,
            now=now or timezone.now(),
        )
        for job_id in ids:
            _export_enqueue(job_id)
    if ids:
        logger.info("sweeper re-sent %d export job(s)", len(ids))
    return len(ids)


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
