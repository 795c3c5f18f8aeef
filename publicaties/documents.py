"""A publication version written in Markdown, rendered to PDF by the core pipeline: declared
as one PdfKind, registered in PublicatiesConfig.ready."""

import base64
import re

from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from leerkring.core.markdown import render_markdown
from leerkring.core.rendering import Document, PdfKind

from .models import PublicatieVersie

KIND = "publicatie"


def body_with_contents(markdown: str) -> tuple[str, list[dict]]:
    """The body as HTML with an id on every h2, and the table of contents built from them."""
    html = str(render_markdown(markdown))
    toc = []

    def number(match):
        toc.append({"id": f"h-{len(toc) + 1}", "title": strip_tags(match[1]), "level": 1})
        return f'<h2 id="h-{len(toc)}">{match[1]}</h2>'

    return re.sub(r"<h2>(.*?)</h2>", number, html, flags=re.S), toc


def publicatie_versie_get(versie_id: int) -> PublicatieVersie:
    return PublicatieVersie.objects.select_related("publicatie__leerkring").get(pk=versie_id)


def publicatie_version(versie: PublicatieVersie) -> str:
    """A version's text never changes; its publication's title, authors and cover may, and
    any such change saves the publication."""
    return f"{versie.pk}@{versie.publicatie.updated_at.isoformat()}"


def publicatie_page_url(versie: PublicatieVersie) -> str:
    return reverse("publicaties:publicatie-detail", args=[versie.publicatie.slug])


def publicatie_download_url(versie: PublicatieVersie) -> str:
    """The publication's own download address, where downloads are counted."""
    return reverse("publicaties:publicatie-download", args=[versie.publicatie.slug])


def publicatie_failed_links(ids: list[int], circles) -> dict[int, str]:
    return {
        versie["pk"]: reverse(
            "publicaties:publicatie-detail", kwargs={"slug": versie["publicatie__slug"]}
        )
        for versie in PublicatieVersie.objects.filter(
            pk__in=ids, publicatie__leerkring_id__in=circles
        ).values("pk", "publicatie__slug")
    }


def publicatie_document(versie: PublicatieVersie) -> Document:
    publicatie = versie.publicatie
    body, toc = body_with_contents(versie.body)
    cover = None
    if publicatie.cover:
        # Inline, so that the fetcher has nothing to fetch and the hash covers the image.
        with publicatie.cover.open("rb") as handle:
            mime = "image/png" if publicatie.cover.name.endswith(".png") else "image/jpeg"
            cover = f"data:{mime};base64,{base64.b64encode(handle.read()).decode()}"
    return Document(
        template="publicaties/pdf/publicatie.html",
        context={
            "publicatie": publicatie,
            "versie": versie,
            "leerkring": publicatie.leerkring,
            "body": mark_safe(body),  # noqa: S308 - render_markdown sanitised it
            "toc": toc,
            "cover": cover,
        },
        title=publicatie.title,
        authors=publicatie.author_list,
        filename=publicatie_filename(versie),
    )


def publicatie_filename(versie: PublicatieVersie) -> str:
    return f"{slugify(versie.publicatie.title)[:70]}-v{versie.number}.pdf"


PUBLICATIE_PDF = PdfKind(
    kind=KIND,
    get_object=publicatie_versie_get,
    build=publicatie_document,
    version=publicatie_version,
    permission="publicaties.view_publicatieversie",
    retry_permission="publicaties.manage_publicatieversie",
    filename=publicatie_filename,
    page_url=publicatie_page_url,
    failed_links=publicatie_failed_links,
    download_url=publicatie_download_url,
)
