"""Every write about publications: saving one with a new version when its text or PDF
changed, and the download log."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import normalize_newlines

from gemeenten.models import Partner
from gemeenten.selectors import viewer_context
from leerkring.core.services import render_request

from .documents import KIND
from .models import Download, Publicatie, PublicatieVersie


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
    """Save a publication (new or changed). A new text or a new PDF makes a new version; the
    older ones stay for the researchers. Returns (publication, current version, new version?)."""
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
    unchanged = latest is not None and upload is None and (not body or body == latest.body)
    if unchanged:
        if cover is not None or remove_cover:
            _render(latest)  # the cover is part of the PDF: a changed one renders again
        return publicatie, latest, False
    versie = PublicatieVersie(
        publicatie=publicatie,
        number=(latest.number + 1) if latest else 1,
        body="" if upload is not None else body,
        note=note,
        created_by=user,
    )
    if upload is not None:
        versie.file.save(f"publicaties/{publicatie.pk}/v{versie.number}.pdf", upload, save=False)
    versie.save()
    _render(versie)
    return publicatie, versie, True


def publicatie_render_again(*, versie: PublicatieVersie) -> None:
    _render(versie)


def download_record(*, publicatie: Publicatie, versie: PublicatieVersie, user) -> Download:
    """Log a download: the person, their municipality (confirmed membership), and the partner
    whose e-mail domain their address is on."""
    gemeente_id = viewer_context(user)[0] if user.is_authenticated else None
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
