"""What the worker does for one PDF job (the task `core.render_job`): take the job under a
lock, build its document once, render it, store the file and mark the job ready, in small
steps. Safe to run any number of times for the same job."""

import datetime
import logging
import time
from dataclasses import dataclass

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import RenderJob
from ..storage import UNAVAILABLE
from . import get as kind_get
from . import pdf

logger = logging.getLogger(__name__)

Status = RenderJob.Status


class RenderRetryLater(Exception):
    """A passing problem (database, disk): the task tries again after a pause."""


class RenderFailed(Exception):
    """The render failed for good; the message is for the researchers. `version` is the
    version it failed on, so that asking again for the same content does not loop; `title`
    the document's, when it was built, for the researchers' list of failed PDFs."""

    def __init__(self, message: str, version: str | None = None, title: str = ""):
        super().__init__(message)
        self.version = version
        self.title = title


def render_fail_for_good(*, job_id: int, error: str) -> None:
    """A passing problem that did not pass: show it to the researchers."""
    _render_fail(job_id, _("De PDF kon niet worden opgeslagen: %(error)s") % {"error": error})


def _render_fail(
    job_id: int, message: str, content_hash: str | None = None, title: str = ""
) -> None:
    changes = {"content_hash": content_hash} if content_hash else {}
    if title:
        changes["title"] = title[:300]
    RenderJob.objects.filter(pk=job_id).update(
        status=Status.FAILED,
        last_error=message[:4000],
        finished_at=timezone.now(),
        **changes,
    )
    logger.warning("render job %s failed: %s", job_id, message)


# --- The steps -----------------------------------------------------------------------
@dataclass
class _Claim:
    """A job this worker took: what it was asked for when it took it."""

    job_id: int
    kind: str
    object_id: int
    asked_hash: str


@dataclass
class _Rendered:
    version: str
    title: str
    pdf: bytes
    pages: int
    started: float


def _is_leased_elsewhere(job: RenderJob, now, task_id: str | None) -> bool:
    """Another worker is on it. The same message delivered again (task_id matches) means the
    worker that had it died, so this one takes over."""
    lease = datetime.timedelta(seconds=settings.RENDER_TIME_LIMIT)
    return bool(
        job.status == Status.RENDERING
        and job.started_at
        and job.started_at > now - lease
        and not (task_id and job.task_id == task_id)
    )


@transaction.atomic
def _render_claim(job_id: int, task_id: str | None) -> _Claim | str:
    """Take the job under a lock, or say why not ("gone", "unchanged", "failed", "busy")."""
    now = timezone.now()
    job = RenderJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None:
        return "gone"
    if job.status == Status.READY and job.rendered_hash == job.content_hash:
        return "unchanged"
    if job.status == Status.FAILED:
        return "failed"
    if _is_leased_elsewhere(job, now, task_id):
        return "busy"
    if job.attempts >= settings.RENDER_MAX_ATTEMPTS:
        _render_fail(
            job.pk,
            _(
                "Het maken van de PDF is %(n)s keer begonnen en niet afgekomen. Probeer het "
                "opnieuw; lukt het dan weer niet, meld het aan de beheerder."
            )
            % {"n": job.attempts},
        )
        return "failed"
    job.status = Status.RENDERING
    job.attempts += 1
    job.started_at = now
    job.task_id = task_id or ""
    job.save(update_fields=["status", "attempts", "started_at", "task_id"])
    return _Claim(job.pk, job.kind, job.object_id, job.content_hash)


def _render_document(claim: _Claim) -> _Rendered:
    """Build the document once and render it. The version is read before the document is
    built: should the object change in between, the next request sees a newer version and
    asks again. Raises RenderFailed with the message for the researchers."""
    started = time.monotonic()
    version, title = None, ""
    try:
        pdf_kind = kind_get(claim.kind)
        obj = pdf_kind.get_object(claim.object_id)
        version = pdf.hash_version(pdf_kind.version(obj))
        document = pdf_kind.build(obj)
        title = document.title
        content, pages = pdf.render_pdf(pdf.html_for(document))
    except ObjectDoesNotExist as exc:
        raise RenderFailed(_("Het document bestaat niet meer.")) from exc
    except pdf.RenderError as exc:
        raise RenderFailed(str(exc), version, title) from exc
    except SoftTimeLimitExceeded as exc:
        raise RenderFailed(
            _("Het maken van de PDF duurde langer dan %(n)s seconden en is gestopt.")
            % {"n": settings.RENDER_SOFT_TIME_LIMIT},
            title=title,
        ) from exc
    except (TemplateSyntaxError, TemplateDoesNotExist, LookupError) as exc:
        raise RenderFailed(
            _("Het sjabloon van het document werkt niet: %(error)s")
            % {"error": f"{type(exc).__name__}: {exc}"},
            title=title,
        ) from exc
    return _Rendered(version, title, content, pages, started)


def _render_store(claim: _Claim, rendered: _Rendered) -> str:
    """Save the PDF under a name fixed by its version. A render that died half-way left at
    most this very file behind: replace it rather than add a second one."""
    name = f"pdf/{claim.kind}/{claim.object_id}/{rendered.version[:20]}.pdf"
    storage = storages["private"]
    try:
        if storage.exists(name):
            storage.delete(name)
        return storage.save(name, ContentFile(rendered.pdf))
    except UNAVAILABLE as exc:  # the disk or the object store, for a while
        raise RenderRetryLater(str(exc)) from exc


@transaction.atomic
def _render_finish(claim: _Claim, rendered: _Rendered, name: str) -> RenderJob:
    """Put the file on the job; ready unless someone asked for a newer version meanwhile (then
    it stays queued, and the message sent with that request renders again)."""
    job = RenderJob.objects.select_for_update().get(pk=claim.job_id)
    old_name = job.file.name
    job.file.name = name
    job.title = rendered.title[:300]
    job.rendered_hash = rendered.version
    job.pages = rendered.pages
    job.size = len(rendered.pdf)
    job.finished_at = timezone.now()
    job.duration_ms = int((time.monotonic() - rendered.started) * 1000)
    job.last_error = ""
    if job.content_hash in (claim.asked_hash, rendered.version):
        job.content_hash = rendered.version
        job.status = Status.READY
    job.save()
    if old_name and old_name != name:
        storage = storages["private"]
        transaction.on_commit(lambda: storage.delete(old_name))
    return job


def render_job_run(*, job_id: int, task_id: str | None = None) -> str:
    """Render one job if it still needs it. Safe to call any number of times, also for the
    same job at once: the row decides, under a lock, who renders. Returns what happened."""
    claim = _render_claim(job_id, task_id)
    if isinstance(claim, str):
        return claim
    try:
        rendered = _render_document(claim)
    except RenderFailed as failure:
        _render_fail(job_id, str(failure), failure.version, failure.title)
        return "failed"
    job = _render_finish(claim, rendered, _render_store(claim, rendered))
    logger.info("render job %s ready: %s pages in %s ms", job_id, job.pages, job.duration_ms)
    return "ready"
