"""What the worker does for one background export (the task `core.export_run`): claim the job
by a conditional update, so that a duplicate message finds nothing to do, write the CSV and
mark it ready."""

import io
import logging
import tempfile

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import InterfaceError, OperationalError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .. import exports
from ..jobs import job_claim
from ..models import ExportJob
from ..storage import UNAVAILABLE

logger = logging.getLogger(__name__)

Status = ExportJob.Status


class ExportRetryLater(Exception):
    """A passing problem (disk): the task tries again after a pause."""


def _fail(job_id: int, message: str) -> None:
    ExportJob.objects.filter(pk=job_id).exclude(status=Status.READY).update(
        status=Status.FAILED, last_error=message[:4000], finished_at=timezone.now()
    )
    logger.warning("export job %s failed: %s", job_id, message)


def export_fail_for_good(*, job_id: int, error: str) -> None:
    """A passing problem that did not pass: show it to the person who asked."""
    _fail(job_id, _("Het bestand kon niet worden opgeslagen: %(error)s") % {"error": error})


def _claim(job_id: int, task_id: str | None) -> bool:
    """Queued → running (jobs.job_claim), starting the count of rows again."""
    return job_claim(
        model=ExportJob,
        pk=job_id,
        task_id=task_id,
        running=Status.RUNNING,
        rows_done=0,
        last_error="",
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
            query = exports.query_from(job.params)
            total, rows = spec.rows(job.user, query)
            ExportJob.objects.filter(pk=job_id).update(rows_total=total)
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            written = exports.write_csv(
                text,
                spec.headers(job.user, query),
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
            except UNAVAILABLE as exc:  # the disk or the object store, for a while
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
