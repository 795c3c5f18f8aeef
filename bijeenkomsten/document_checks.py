"""The worker's side of a meeting's documents (bijeenkomsten.services.documenten is the
request's side): claim a waiting document, read it by its content with the core's checks
(leerkring.core.uploads), and accept or refuse it. Imported by the task, never by it back."""

import logging
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from leerkring.core import uploads
from leerkring.core.jobs import job_claim
from leerkring.core.storage import UNAVAILABLE

from .models import Document
from .services.verslagen import verslag_render_for_documents

logger = logging.getLogger(__name__)


class CheckRetryLater(Exception):
    """A passing problem (disk, the checker could not start): the task tries again."""


def _claim(document_id: int, task_id: str | None) -> bool:
    """Queued → checking (leerkring.core.jobs.job_claim)."""
    return job_claim(
        model=Document, pk=document_id, task_id=task_id, running=Document.Status.CHECKING
    )


def document_refuse(*, document_id: int, code: str, found: str = "") -> bool:
    """Refuse a document that is still waiting or being checked: the file is deleted (after
    commit), the row keeps why. Returns whether it refused."""
    with transaction.atomic():
        row = (
            Document.objects.select_for_update()
            .filter(pk=document_id, status__in=Document.PENDING)
            .first()
        )
        if row is None:
            return False
        name = row.file.name
        row.status = Document.Status.REFUSED
        row.refusal = code[:20]
        row.found = found[:200]
        row.file = ""
        row.finished_at = timezone.now()
        row.save(update_fields=["status", "refusal", "found", "file", "finished_at"])
        if name:
            storage = storages["private"]
            transaction.on_commit(lambda: storage.delete(name))
    logger.info("document %s refused: %s %s", document_id, code, found)
    return True


def _accept(document_id: int, kind: str, reencoded: bytes | None) -> str:
    """The checked file becomes downloadable. A re-encoded image replaces the uploaded file
    (written before the row changes; the old one is deleted after commit)."""
    storage = storages["private"]
    new_name = ""
    if reencoded is not None:
        row = Document.objects.filter(pk=document_id).values("bijeenkomst_id").first()
        if row is None:
            return "gone"
        extension = Document.CONTENT_TYPES[kind][1]
        new_name = storage.save(
            f"bijeenkomsten/{row['bijeenkomst_id']}/documenten/{uuid.uuid4().hex}.{extension}",
            ContentFile(reencoded),
        )
    with transaction.atomic():
        row = (
            Document.objects.select_for_update()
            .filter(pk=document_id, status=Document.Status.CHECKING)
            .first()
        )
        if row is None:  # refused or deleted meanwhile
            if new_name:
                storage.delete(new_name)
            return "lost"
        old_name = row.file.name
        row.status = Document.Status.ACCEPTED
        row.kind = kind
        row.finished_at = timezone.now()
        fields = ["status", "kind", "finished_at"]
        if new_name:
            row.file = new_name
            row.size = len(reencoded)
            fields += ["file", "size"]
            transaction.on_commit(lambda: storage.delete(old_name))
        row.save(update_fields=fields)
        verslag_render_for_documents(bijeenkomst_id=row.bijeenkomst_id, visibility=row.visibility)
    return "accepted"


def _inspect(data: bytes) -> tuple[str, str, str, bytes | None]:
    """(kind, refusal code, found, re-encoded bytes) for a file, by its content."""
    sniffed = uploads.sniff(data)
    if sniffed == uploads.PDF:
        verdict = uploads.inspect_pdf(data)  # PdfCheckError: try again later
        return (uploads.PDF, verdict.code, verdict.found, None)
    if sniffed in (uploads.JPEG, uploads.PNG, uploads.WEBP):
        try:
            reencoded, kind = uploads.image_reencode(data)
        except ValidationError as exc:
            params = exc.params or {}
            return ("", exc.code or "not_image", str(params.get("format", "")), None)
        return (kind, "", "", reencoded)
    if sniffed == uploads.ZIP:
        verdict = uploads.inspect_office(data)
        return (verdict.kind, verdict.code, verdict.found, None)
    return ("", "unknown", "", None)


def document_check(*, document_id: int, task_id: str | None = None) -> str:
    """Check one document if it still needs it and accept or refuse it. Safe to call any
    number of times. Returns what happened."""
    if not _claim(document_id, task_id):
        row = Document.objects.filter(pk=document_id).first()
        if row is None:
            return "gone"
        if row.status == Document.Status.QUEUED:  # started too often without finishing
            document_refuse(document_id=document_id, code="unfinished")
            return "refused"
        return row.status
    row = Document.objects.get(pk=document_id)
    try:
        with row.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        document_refuse(document_id=document_id, code="unfinished")
        return "refused"
    except UNAVAILABLE as exc:  # the disk or the object store, for a while
        raise CheckRetryLater(str(exc)) from exc
    try:
        kind, code, found, reencoded = _inspect(data)
    except uploads.PdfCheckError as exc:
        raise CheckRetryLater(str(exc)) from exc
    logger.info("document %s checked: %s", document_id, code or kind)
    if code:
        document_refuse(document_id=document_id, code=code, found=found)
        return "refused"
    return _accept(document_id, kind, reencoded)
