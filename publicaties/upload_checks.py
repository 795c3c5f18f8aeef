"""What the worker does with an uploaded PDF (the task `publicaties.pdf_upload_check`):
claim it, check it in a child process (uploads.inspect_pdf), and accept it as the
publication's next version or refuse it. Safe to run any number of times for one upload."""

import logging

from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from leerkring.core.jobs import job_claim
from leerkring.core.storage import UNAVAILABLE

from . import uploads
from .models import PdfUpload, Publicatie, PublicatieVersie

logger = logging.getLogger(__name__)


class UploadRetryLater(Exception):
    """A passing problem (disk, the checker could not start): the task tries again."""


def _claim(upload_id: int, task_id: str | None) -> bool:
    """Queued → checking (leerkring.core.jobs.job_claim)."""
    return job_claim(
        model=PdfUpload, pk=upload_id, task_id=task_id, running=PdfUpload.Status.CHECKING
    )


def pdf_upload_refuse(*, upload_id: int, code: str, found: str = "") -> bool:
    """Refuse an upload that is still waiting or being checked: the file is deleted (after
    commit), the row keeps why. Returns whether it refused."""
    with transaction.atomic():
        row = (
            PdfUpload.objects.select_for_update()
            .filter(pk=upload_id, status__in=[PdfUpload.Status.QUEUED, PdfUpload.Status.CHECKING])
            .first()
        )
        if row is None:
            return False
        name = row.file.name
        row.status = PdfUpload.Status.REFUSED
        row.refusal = code
        row.found = found[:200]
        row.file = ""
        row.finished_at = timezone.now()
        row.save(update_fields=["status", "refusal", "found", "file", "finished_at"])
        if name:
            storage = storages["private"]
            transaction.on_commit(lambda: storage.delete(name))
    logger.info("PDF upload %s refused: %s %s", upload_id, code, found)
    return True


def _accept(upload_id: int) -> str:
    """The checked file becomes the publication's next version (the same file: nothing is
    copied or changed)."""
    with transaction.atomic():
        row = (
            PdfUpload.objects.select_for_update()
            .filter(pk=upload_id, status=PdfUpload.Status.CHECKING)
            .first()
        )
        if row is None:  # refused, or handed to another worker meanwhile
            return "lost"
        # Numbers are handed out one at a time per publication (publicatie_save takes the
        # same row lock when it saves the publication).
        Publicatie.objects.select_for_update().filter(pk=row.publicatie_id).first()
        latest = (
            PublicatieVersie.objects.filter(publicatie_id=row.publicatie_id)
            .order_by("-number")
            .first()
        )
        versie = PublicatieVersie.objects.create(
            publicatie_id=row.publicatie_id,
            number=(latest.number + 1) if latest else 1,
            file=row.file.name,
            note=row.note,
            created_by_id=row.created_by_id,
            created_at=row.created_at,
        )
        row.status = PdfUpload.Status.ACCEPTED
        row.versie = versie
        row.file = ""
        row.finished_at = timezone.now()
        row.save(update_fields=["status", "versie", "file", "finished_at"])
    return "accepted"


def pdf_upload_check(*, upload_id: int, task_id: str | None = None) -> str:
    """Check one uploaded PDF if it still needs it (see uploads.inspect_pdf) and accept or
    refuse it. Safe to call any number of times. Returns what happened."""
    if not _claim(upload_id, task_id):
        row = PdfUpload.objects.filter(pk=upload_id).first()
        if row is None:
            return "gone"
        if row.status == PdfUpload.Status.QUEUED:  # started too often without finishing
            pdf_upload_refuse(upload_id=upload_id, code="unfinished")
            return "refused"
        return row.status  # being checked elsewhere, accepted or refused: nothing to do
    row = PdfUpload.objects.get(pk=upload_id)
    try:
        with row.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        pdf_upload_refuse(upload_id=upload_id, code="unfinished")
        return "refused"
    except UNAVAILABLE as exc:  # the disk or the object store, for a while
        raise UploadRetryLater(str(exc)) from exc
    try:
        verdict = uploads.inspect_pdf(data)
    except uploads.PdfCheckError as exc:
        raise UploadRetryLater(str(exc)) from exc
    logger.info(
        "PDF upload %s checked in %.1f s (peak %s kB): %s",
        upload_id,
        verdict.seconds,
        verdict.peak_kb,
        verdict.code or "accepted",
    )
    if not verdict.accepted:
        pdf_upload_refuse(upload_id=upload_id, code=verdict.code, found=verdict.found)
        return "refused"
    return _accept(upload_id)
