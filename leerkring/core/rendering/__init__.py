"""Documents to PDF: what an app declares to have a kind of PDF.

An app declares each kind of PDF it offers as one `PdfKind` (as it declares a CSV export with
`ExportSpec`) and registers it from its AppConfig.ready. The core then does the rest for every
kind alike: the job row and the worker (`services`, `tasks`), the WeasyPrint part (`pdf`), and
one set of views and URLs for the status box, the download and "Probeer opnieuw" (`views`,
`urls`). Nothing here imports an app, nor this package's services or tasks."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Document:
    template: str
    context: dict
    title: str
    filename: str
    language: str = "nl"
    authors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PdfKind:
    """One kind of PDF.

    - `get_object(id)`: the object the job's id stands for; raises the model's DoesNotExist.
    - `build(object)`: its `Document` (template, context, title, file name). Only the worker
      calls it, once per version.
    - `version(object)`: a cheap fingerprint of what the document shows (a query, not a
      render): when it is the one the job last asked for, nothing is rendered again.
    - `permission` (who may see the status and download) and `retry_permission` (who may try a
      failed render again and sees its error): django-rules permissions, checked against the
      object; whoever may not gets a 404.
    - `filename(object)`: the name of the download.
    - `page_url(object)`: the page the person goes back to (the one with the status box).
    - `failed_links(ids, circles)`: for the researcher's list of failed jobs, the page of each
      object among `ids` that belongs to one of `circles`, {id: url}, in one query.
    - `download_url(object)`: where the status box links the download; the core's own
      download URL unless the kind has a public address of its own.
    """

    kind: str
    get_object: Callable[[int], Any]
    build: Callable[[Any], "Document"]
    version: Callable[[Any], str]
    permission: str
    retry_permission: str
    filename: Callable[[Any], str]
    page_url: Callable[[Any], str]
    failed_links: Callable[[list[int], Iterable[int]], dict[int, str]]
    download_url: Callable[[Any], str] | None = None


_kinds: dict[str, PdfKind] = {}


def register(pdf_kind: PdfKind) -> None:
    """Offer PDFs of this kind (called from an AppConfig.ready)."""
    _kinds[pdf_kind.kind] = pdf_kind


def get(kind: str) -> PdfKind:
    """The declaration of one kind; LookupError for an unknown kind."""
    try:
        return _kinds[kind]
    except KeyError as exc:
        raise LookupError(f"unknown document kind {kind!r}") from exc


def kinds() -> list[PdfKind]:
    return list(_kinds.values())


def build(kind: str, object_id: int) -> Document:
    """The document of one job; raises LookupError for an unknown kind and the model's
    DoesNotExist when the object is gone."""
    pdf_kind = get(kind)
    return pdf_kind.build(pdf_kind.get_object(object_id))
