"""A meeting's documents: uploaded by a researcher, checked by a worker by their content
before anyone can download them, deleted by a researcher.

The upload lands in the private storage as "waiting for its check" (`document_upload`); the
request has only looked at the first bytes and the size. A worker (`document_check`, the task
`bijeenkomsten.document_check`) claims the row, reads the file and decides by what it is: a
PDF is read with pikepdf in a child process with limits, an image is re-encoded with Pillow
(the stored file becomes the re-encoded one), an office document is opened as a zip with
limits. Accepted, the document can be downloaded by whom its visibility names; refused, the
file is deleted and the row keeps why. The row is the truth and the task only a messenger: the
sweeper sends again what waits too long; running a check twice does no harm."""

import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils.translation import gettext as _

from leerkring.core import uploads
from leerkring.core.audit import audit_record
from leerkring.core.jobs import jobs_sweep, task_send
from leerkring.core.models import AuditEntry
from leerkring.core.text import clean_line

from .. import tasks
from ..errors import DocumentError
from ..models import Bijeenkomst, Document, Werkgroep
from .verslagen import verslag_render_for_documents

logger = logging.getLogger(__name__)

# How a file waits for its check, by what its first bytes say (uploads.sniff).
WAITING_EXTENSIONS = {
    uploads.PDF: "pdf",
    uploads.JPEG: "jpg",
    uploads.PNG: "png",
    uploads.WEBP: "webp",
    uploads.ZIP: "zip",
}


def max_megabytes() -> int:
    """The largest document one may upload, in MB (BIJEENKOMST_DOCUMENT_MAX_BYTES)."""
    return settings.BIJEENKOMST_DOCUMENT_MAX_BYTES // 1024 // 1024


# --- Upload -----------------------------------------------------------------------------------
def document_read(upload) -> tuple[ContentFile, str]:
    """The uploaded file to store until a worker has checked it, with what its first bytes say
    it is; a ValidationError with a message for the person when it is too large, of a kind we
    do not take (whatever its name), or a PDF that is cut off. Nothing is parsed here."""
    data = uploads.read_limited(upload, settings.BIJEENKOMST_DOCUMENT_MAX_BYTES)
    sniffed = uploads.sniff(data)
    if not sniffed:
        raise ValidationError(uploads.refusal_reason("unknown"), code="unknown")
    if sniffed == uploads.PDF:
        uploads.check_pdf_bytes(data)
    return ContentFile(data), sniffed


def _enqueue(document_id: int) -> None:
    """Tell a worker about a document once the transaction commits."""
    transaction.on_commit(lambda: task_send(tasks.document_check, document_id))


@transaction.atomic
def document_upload(
    *,
    bijeenkomst: Bijeenkomst,
    user,
    title: str,
    visibility: str,
    content: ContentFile,
    sniffed: str,
    werkgroep: Werkgroep | None = None,
) -> Document:
    """Keep an uploaded document in the private storage (no URL reaches it) and ask a worker
    to check it (see the module). "For everyone" is refused at a meeting that is not public;
    a work group must be one of this meeting's."""
    if visibility not in Document.Visibility.values:
        raise DocumentError(_("Kies wie het document mag zien."))
    if visibility == Document.Visibility.PUBLIC and not bijeenkomst.is_public:
        raise DocumentError(
            _(
                "Deze bijeenkomst is niet openbaar, dus een document kan niet voor iedereen "
                "zijn. Kies 'deelnemers van de leerkring' of 'wie een plek had'."
            )
        )
    if werkgroep is not None and werkgroep.bijeenkomst_id != bijeenkomst.pk:
        raise DocumentError(_("Deze werkgroep hoort niet bij deze bijeenkomst."))
    title = clean_line(title)[:200]
    if not title:
        raise DocumentError(_("Geef het document een titel."))
    document = Document(
        bijeenkomst=bijeenkomst,
        werkgroep=werkgroep,
        title=title,
        visibility=visibility,
        size=content.size,
        created_by=user,
    )
    extension = WAITING_EXTENSIONS.get(sniffed, "bin")
    document.file.save(
        f"bijeenkomsten/{bijeenkomst.pk}/documenten/controle/{uuid.uuid4().hex}.{extension}",
        content,
        save=False,
    )
    document.save()
    audit_record(
        actor=user,
        action=AuditEntry.Action.DOCUMENT_UPLOADED,
        target=document,
        detail=f"{document.get_visibility_display()}; {uploads.megabytes(document.size)} MB",
    )
    _enqueue(document.pk)
    return document


def document_delete(*, document: Document, actor) -> None:
    """Delete a document and its file (once the deletion is committed)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditEntry.Action.DOCUMENT_DELETED,
            target=document,
            detail=document.get_visibility_display(),
        )
        name = document.file.name
        accepted = document.is_accepted
        document.delete()
        if accepted:
            verslag_render_for_documents(
                bijeenkomst_id=document.bijeenkomst_id, visibility=document.visibility
            )
        if name:
            storage = storages["private"]
            transaction.on_commit(lambda: storage.delete(name))


def documenten_sweep(*, now=None) -> int:
    """Send again every document whose check waits too long (the broker was down, its worker
    died). Registered with the core's sweeper. Returns how many were sent."""
    return jobs_sweep(
        model=Document,
        running=Document.Status.CHECKING,
        time_limit=uploads.check_time_limit(),
        enqueue=_enqueue,
        now=now,
    )
