"""Checks for a publication's uploaded files: the shared checks of leerkring/core/uploads.py
(a PDF is checked in the request for what needs no parsing, and by a worker with pikepdf in a
child process for the rest; an image is re-encoded), with the publications' own size limits and
the advice on this page for a refused PDF."""

from django.conf import settings
from django.utils.translation import gettext_lazy

from leerkring.core import uploads as core_uploads
from leerkring.core.uploads import REFUSALS, PdfCheckError, Verdict  # noqa: F401 - used by callers

HOW_TO_FIX = gettext_lazy(
    "Sla het document opnieuw op als gewone PDF, bijvoorbeeld met 'Afdrukken als PDF', of "
    "exporteer het als PDF zonder formulieren, bijlagen en media. Kies het bestand daarna "
    "opnieuw bij 'Bewerken of nieuwe versie'."
)
HOW_TO_FIX_ENCRYPTED = gettext_lazy(
    "Sla hem op zonder wachtwoord en zonder beveiliging, en kies hem daarna opnieuw bij "
    "'Bewerken of nieuwe versie'."
)


def refusal_message(code: str, found: str = "") -> str:
    """Why a PDF was refused and how to make one that is accepted, in the current language."""
    fix = HOW_TO_FIX_ENCRYPTED if code == "encrypted" else HOW_TO_FIX
    return f"{core_uploads.pdf_refusal_reason(code, found)} {fix}"


def check_pdf(upload):
    """The uploaded PDF to store until a worker has checked it (core_uploads.check_pdf)."""
    return core_uploads.check_pdf(upload, limit=settings.PUBLICATIE_MAX_PDF_BYTES)


def inspect_pdf(data: bytes) -> Verdict:
    """Read a PDF in a child process with limits (core_uploads.inspect_pdf)."""
    return core_uploads.inspect_pdf(data)


def check_image(upload):
    """The uploaded cover, re-encoded as JPEG (or PNG when it has transparency)."""
    return core_uploads.check_image(
        upload, limit=settings.PUBLICATIE_MAX_IMAGE_BYTES, stem="omslag"
    )
