"""Every write about publications: saving one with a new version when its text changed, an
uploaded PDF asked to be checked by a worker before it becomes a version (what the worker
does is upload_checks.py), and the download log."""

import datetime
import logging
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.functions import Trunc
from django.utils import timezone
from django.utils.text import normalize_newlines

from gemeenten.models import Partner
from gemeenten.selectors import viewer_context
from leerkring.core import uploads as core_uploads
from leerkring.core.jobs import jobs_sweep, task_send
from leerkring.core.rendering.services import render_request

from . import tasks
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
    old_cover = publicatie.cover.name or ""
    if cover is not None:
        publicatie.cover.save(cover.name, cover, save=False)
    elif remove_cover and publicatie.cover:
        publicatie.cover = ""
        publicatie.cover_alt = ""
    publicatie.save()
    if old_cover and old_cover != publicatie.cover.name:
        # A replaced or removed cover's file goes once the row no longer names it for good
        # (a rollback keeps both).
        storage = publicatie.cover.storage
        transaction.on_commit(lambda: storage.delete(old_cover))
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
def _upload_enqueue(upload_id: int) -> None:
    """Tell a worker about an upload once the transaction commits."""
    transaction.on_commit(lambda: task_send(tasks.pdf_upload_check, upload_id))


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


def pdf_uploads_sweep(*, now=None) -> int:
    """Send again every upload whose check waits too long: queued with no worker taking it
    (the broker was down, the message was lost), or checking far past the time limit (its
    worker died). Registered with the core's sweeper. Returns how many were sent."""
    return jobs_sweep(
        model=PdfUpload,
        running=PdfUpload.Status.CHECKING,
        time_limit=core_uploads.check_time_limit(),
        enqueue=_upload_enqueue,
        now=now,
    )


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


def downloads_forget(*, downloads, keep=None) -> int:
    """Forget who made these downloads: the person goes, the time is kept to the month, the
    publication, municipality and partner stay, so every count per municipality stays the
    same. One download of each person per publication, municipality and partner is marked to
    count as one person, unless that person has downloads in `keep` (the ones not forgotten
    yet, which count them until they are forgotten in turn). Returns how many."""
    downloads = downloads.filter(user__isnull=False)
    groups = ("publicatie_id", "gemeente_id", "partner_id", "user_id")
    kept = set(keep.filter(user__isnull=False).values_list(*groups)) if keep is not None else set()
    last = {}
    for pk, *key in downloads.order_by("pk").values_list("pk", *groups):
        last[tuple(key)] = pk
    person_rows = [pk for key, pk in last.items() if key not in kept]
    Download.objects.filter(pk__in=person_rows).update(counts_as_person=True)
    return Download.objects.filter(pk__in=downloads.values("pk")).update(
        # The month in UTC (the database's time zone): a download keeps its month, no more.
        user=None,
        created_at=Trunc("created_at", "month", tzinfo=datetime.UTC),
    )


def personal_data_erase(*, user) -> None:
    """Downloads stay as counts per municipality, without the person. Authorship stays linked
    and shows as "voormalig deelnemer", like every other contribution."""
    downloads_forget(downloads=Download.objects.filter(user=user))
