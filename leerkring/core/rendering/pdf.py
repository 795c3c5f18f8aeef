"""Documents to PDF with WeasyPrint: the parts that do not touch the job row.

The job services (`services.py`) decide when to render; this module turns a `Document` into
HTML and the HTML into PDF bytes, with a URL fetcher that can only read the project's own
static files."""

import atexit
import hashlib
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from ..text import clean_text
from . import Document

# Bump to re-render every document after a change to the PDF layout that the HTML does not show
# (the command `rerender_pdfs` does the same by hand).
PIPELINE_VERSION = "2"  # 2: the theme's Noto fonts (issue 16)
# The origin under which the document's own files are addressed while rendering. It is not a
# real host: the fetcher maps its paths to files on disk and never opens a connection.
BASE_URL = "https://leerkring.document/"
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


def html_for(document: Document) -> str:
    """The document's HTML, cleaned of control characters (leerkring.core.text): the title
    and authors also go into the PDF's metadata, and stored text may predate the cleaning
    forms."""
    with translation.override(document.language):
        return clean_text(
            render_to_string(
                document.template,
                {
                    **document.context,
                    "document": document,
                    "pdf_css": BASE_URL + "static/css/pdf.css",
                },
            )
        )


def hash_version(version: str) -> str:
    """What a job keeps of a kind's version fingerprint: with the pipeline's version in it, so
    that bumping PIPELINE_VERSION makes every document new."""
    return hashlib.sha256(f"{PIPELINE_VERSION}\n{version}".encode()).hexdigest()


class RenderError(Exception):
    """A document that cannot be rendered; the message is for the researchers."""


def _static_file(path: str) -> Path | None:
    """The file behind /static/..., only when it lies inside the static folders. Static files
    ship with the code on every host; stored files (uploads, media) are never fetched: a
    document that shows one inlines it as a data: URL (publicaties.documents, the cover)."""
    static_prefix = urlsplit(settings.STATIC_URL).path.lstrip("/")
    if not path.startswith(static_prefix):
        return None
    relative = path[len(static_prefix) :]
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    root = Path(settings.STATIC_ROOT).resolve()
    candidate = (root / relative).resolve()
    if root not in candidate.parents or not candidate.is_file():
        return None
    return candidate


def url_fetcher_class():
    # WeasyPrint is imported here, not at the top: it is heavy (and loads Pango), and only the
    # worker renders; web requests and the other tasks import this module without needing it.
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ProjectFilesFetcher(URLFetcher):
        """Serves the project's static files from disk, and `data:` URLs. Anything
        else stops the render with a message that names the address, so nothing is ever
        fetched from the internet or from elsewhere on the machine."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(BASE_URL):
                path = unquote(urlsplit(url).path).lstrip("/")
                found = _static_file(path)
                if found is not None:
                    mime, _encoding = mimetypes.guess_type(found.name)
                    return URLFetcherResponse(
                        url,
                        found.read_bytes(),
                        headers={"Content-Type": mime or "application/octet-stream"},
                    )
            raise FatalURLFetchingError(
                _("Het document verwijst naar een bestand dat niet gebruikt mag worden: %(url)s")
                % {"url": url}
            )

    return ProjectFilesFetcher


_font_config = None


def _fonts():
    """One WeasyPrint FontConfiguration per process. It keeps the faces of pdf.css's
    @font-face rules once loaded, so that a PDF does not load the same font files again:
    that was 1.9 s of a 2.5 s render. The faces come from the project's own files only (the
    URL fetcher refuses anything else), so what one document loaded is what every document
    may use."""
    global _font_config
    if _font_config is None:
        # Lazy on purpose, as in render_pdf: only the worker needs WeasyPrint.
        from weasyprint.text.fonts import FontConfiguration

        _font_config = FontConfiguration()
        # Let it delete its folder of fonts while the interpreter can still do so (its __del__
        # fails once shutdown has emptied the modules).
        atexit.register(_forget_fonts)
    return _font_config


def _forget_fonts():
    global _font_config
    _font_config = None


def render_pdf(html: str) -> tuple[bytes, int]:
    """PDF bytes and the number of pages. Raises RenderError with a readable message."""
    # Lazy on purpose, as in url_fetcher_class: only the worker needs WeasyPrint.
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=url_fetcher_class()()).render(
            font_config=_fonts(), **PDF_OPTIONS
        )
        return document.write_pdf(**PDF_OPTIONS), len(document.pages)
    except FatalURLFetchingError as exc:
        raise RenderError(str(exc)) from None
    except RecursionError as exc:
        raise RenderError(_("Het document is te diep genest om op te maken.")) from exc
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
        raise RenderError(
            _("WeasyPrint kon het document niet opmaken: %(error)s")
            % {"error": f"{type(exc).__name__}: {exc}"}
        ) from exc
