"""Every write about publications: saving one with a new version when its text changed, an
uploaded PDF checked by a worker before it becomes a version, and the download log."""

import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import normalize_newlines

from gemeenten.models import Partner
from gemeenten.selectors import viewer_context
from leerkring.core.services import jobs_requeue_stuck, render_request, task_send

from . import uploads
from .documents import KIND
from .models import Download, PdfUpload, Publicatie, PublicatieVersie

logger = logging.getLogger(__name__)


def _render(versie: PublicatieVersie) -> None:
    if not versie.is_upload:
        render_request(kind=KIND, object_id=versie.pk)


@transaction.atomic
def publicatie_save(
    *,
    publicatie: Publicatie,
    user,
    authors=None,
    body: str = "",
    upload: ContentFile | None = None,
    cover: ContentFile | None = None,
    remove_cover: bool = False,
    note: str = "",
) -> tuple[Publicatie, PublicatieVersie, bool]:
    """Save a publication (new or changed). A new text makes a new version; the older ones
    stay for the researchers. A new PDF waits for its check (`pdf_upload_create`) and becomes
    a version only when a worker has accepted it. Returns (publication, current version, new
    version?)."""
    if cover is not None:
        publicatie.cover.save(cover.name, cover, save=False)
    elif remove_cover and publicatie.cover:
        publicatie.cover.delete(save=False)
        publicatie.cover_alt = ""
    publicatie.save()
    if authors is not None:
        publicatie.authors.set(authors)
    latest = (
        PublicatieVersie.objects.select_for_update()
        .filter(publicatie=publicatie)
        .order_by("-number")
        .first()
    )
    # Browsers send CRLF, other sources LF: the same text must compare equal.
    body = normalize_newlines(body or "").strip()
    if upload is not None:
        pdf_upload_create(publicatie=publicatie, user=user, upload=upload, note=note)
        if latest is not None and (cover is not None or remove_cover):
            _render(latest)  # the cover is part of the PDF of a written version
        return publicatie, latest, False
    unchanged = latest is not None and (not body or body == latest.body)
    if unchanged:
        if cover is not None or remove_cover:
            _render(latest)  # the cover is part of the PDF: a changed one renders again
        return publicatie, latest, False
    versie = PublicatieVersie.objects.create(
        publicatie=publicatie,
        number=(latest.number + 1) if latest else 1,
        body=body,
        note=note,
        created_by=user,
    )
    _render(versie)
    return publicatie, versie, True


# --- Uploaded PDFs: checked by a worker before they become a version --------------------------
def check_time_limit() -> int:
    """The hard time limit of one check task: the child's own limit and some margin."""
    return settings.PUBLICATIE_PDF_CHECK_SECONDS + 60


class UploadRetryLater(Exception):
    """A passing problem (disk, the checker could not start): the task tries again."""


def _upload_enqueue(upload_id: int) -> None:
    """Tell a worker about an upload once the transaction commits."""
    from .tasks import pdf_upload_check as check_task

    transaction.on_commit(lambda: task_send(check_task, upload_id))


def pdf_upload_create(
    *, publicatie: Publicatie, user, upload: ContentFile, note: str = ""
) -> PdfUpload:
    """Keep an uploaded PDF in the private storage (no URL reaches it) and ask a worker to
    check it. Nothing can be downloaded until the check has accepted it."""
    row = PdfUpload(publicatie=publicatie, note=note, created_by=user)
    row.file.save(
        f"publicaties/{publicatie.pk}/controle/{uuid.uuid4().hex}.pdf", upload, save=False
    )
    row.save()
    _upload_enqueue(row.pk)
    return row


def _claim(upload_id: int, task_id: str | None) -> bool:
    """Queued → checking, in one conditional update: of two messages for one upload, one
    wins. The same message delivered again (its worker died, or a retry) may take over."""
    mine = models.Q(status=PdfUpload.Status.QUEUED)
    if task_id:
        mine |= models.Q(status=PdfUpload.Status.CHECKING, task_id=task_id)
    return bool(
        PdfUpload.objects.filter(
            mine, pk=upload_id, attempts__lt=settings.RENDER_MAX_ATTEMPTS
        ).update(
            status=PdfUpload.Status.CHECKING,
            attempts=models.F("attempts") + 1,
            started_at=timezone.now(),
            task_id=task_id or "",
        )
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
    except OSError as exc:
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


def pdf_uploads_sweep(*, now=None) -> int:
    """Send again every upload whose check waits too long: queued with no worker taking it
    (the broker was down, the message was lost), or checking far past the time limit (its
    worker died). Registered with the core's sweeper. Returns how many were sent."""
    with transaction.atomic():
        ids = jobs_requeue_stuck(
            model=PdfUpload,
            running=PdfUpload.Status.CHECKING,
            time_limit=check_time_limit(),
            now=now or timezone.now(),
        )
        for upload_id in ids:
            _upload_enqueue(upload_id)
    if ids:
        logger.info("sweeper re-sent %d PDF upload check(s)", len(ids))
    return len(ids)


def publicatie_render_again(*, versie: PublicatieVersie) -> None:
    _render(versie)


def download_record(*, publicatie: Publicatie, versie: PublicatieVersie, user) -> Download:
    """Log a download: the person, their municipality (confirmed membership), and the partner
    whose e-mail domain their address is on."""
    gemeente_id = viewer_context(user).gemeente_id if user.is_authenticated else None
    partner = None
    if user.is_authenticated and "@" in user.email:
        domain = user.email.rsplit("@", 1)[1].lower()
        partner = Partner.objects.filter(email_domain__iexact=domain).first()
    return Download.objects.create(
        publicatie=publicatie,
        versie=versie,
        user=user if user.is_authenticated else None,
        gemeente_id=gemeente_id,
        partner=partner,
        created_at=timezone.now(),
    )


def personal_data_erase(*, user) -> None:
    """Downloads stay as counts per municipality, without the person. Authorship stays linked
    and shows as "voormalig deelnemer", like every other contribution."""
    Download.objects.filter(user=user).update(user=None)
