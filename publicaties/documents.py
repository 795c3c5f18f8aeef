"""A publication version written in Markdown, rendered to PDF by the core pipeline
(registered in PublicatiesConfig.ready)."""

import base64
import re

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from leerkring.core.markdown import render_markdown
from leerkring.core.rendering import Document

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


def publicatie_document(versie_id: int) -> Document:
    versie = PublicatieVersie.objects.select_related("publicatie__leerkring").get(pk=versie_id)
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
        filename=f"{slugify(publicatie.title)[:70]}-v{versie.number}.pdf",
    )


def publicatie_filename(publicatie, versie) -> str:
    return f"{slugify(publicatie.title)[:70]}-v{versie.number}.pdf"
