"""Checks for uploaded files.

A PDF is checked in two steps. In the request, only what needs no parsing: the size, that it
starts as a PDF and ends with its end marker (`check_pdf`). Whether it carries active content
(JavaScript, actions, embedded files, XFA, multimedia), is encrypted or unpacks to too much is
decided later by a worker, which reads the file with pikepdf (qpdf) in a child process with
limits on its memory, time and what it unpacks (`inspect_pdf`, `pdfcheck.py`); until then
the file waits in the private storage and nobody can download it.

An image must be an image Pillow can read; it is re-encoded, so that nothing else it carried
(metadata, a second file glued behind it) is stored. Every refusal is a message for the person
who uploaded it."""

import dataclasses
import io
import json
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)

IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_SIDE = 2400
CHECKER = Path(__file__).with_name("pdfcheck.py")

# Why a PDF was refused (the codes pdfcheck.py answers, and a few of our own), in words.
REFUSALS = {
    "javascript": gettext_lazy(
        "Deze PDF bevat JavaScript: code die kan gaan draaien bij wie de PDF opent."
    ),
    "launch": gettext_lazy(
        "Deze PDF bevat een opdracht die een programma of een ander bestand start."
    ),
    "action": gettext_lazy(
        "Deze PDF doet vanzelf iets bij het openen of bij een pagina, of verstuurt of haalt "
        "gegevens op (acties)."
    ),
    "embedded_files": gettext_lazy("Deze PDF bevat ingesloten bestanden (bijlagen)."),
    "xfa": gettext_lazy("Deze PDF is een XFA-formulier. Zo'n formulier kan code bevatten."),
    "richmedia": gettext_lazy("Deze PDF bevat multimedia: Flash, video, geluid of 3D."),
    "encrypted": gettext_lazy("Deze PDF is beveiligd met een wachtwoord of versleuteld."),
    "unpacked": gettext_lazy(
        "Deze PDF is uitgepakt veel groter dan %(max)s MB. Zo'n bestand kan de computer van "
        "een lezer vastzetten."
    ),
    "timeout": gettext_lazy(
        "Deze PDF is te ingewikkeld: het controleren duurde langer dan %(seconds)s seconden."
    ),
    "damaged": gettext_lazy(
        "We kunnen deze PDF niet lezen. Misschien is hij beschadigd, of is het geen echte PDF."
    ),
    "unfinished": gettext_lazy(
        "Het controleren van deze PDF is een paar keer begonnen en niet afgekomen."
    ),
}
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
    reason = REFUSALS.get(code, REFUSALS["damaged"]) % {
        "max": settings.PUBLICATIE_PDF_MAX_UNPACKED_MB,
        "seconds": settings.PUBLICATIE_PDF_CHECK_SECONDS,
    }
    parts = [str(reason)]
    if found:
        parts.append(_("Gevonden: %(found)s.") % {"found": found})
    parts.append(str(HOW_TO_FIX_ENCRYPTED if code == "encrypted" else HOW_TO_FIX))
    return " ".join(parts)


@dataclasses.dataclass(frozen=True)
class Verdict:
    """What the check found: `code` is empty when the PDF may be published."""

    code: str = ""
    found: str = ""
    pages: int = 0
    peak_kb: int | None = None
    seconds: float = 0.0

    @property
    def accepted(self) -> bool:
        return not self.code


class PdfCheckError(Exception):
    """The check itself could not run (not the file's fault): try again later."""


def _megabytes(size: int) -> str:
    """In Dutch notation, without a needless ",0": 1,5 or 20."""
    return f"{size / 1024 / 1024:.1f}".replace(".0", "").replace(".", ",")


def _read(upload, limit: int) -> bytes:
    if upload.size > limit:
        raise ValidationError(
            _("Het bestand is te groot: %(size)s MB. Het mag hooguit %(max)s MB zijn.")
            % {"size": _megabytes(upload.size), "max": _megabytes(limit)},
            code="too_large",
        )
    upload.seek(0)
    return upload.read()


def check_pdf(upload) -> ContentFile:
    """The uploaded PDF as a file to store until a worker has checked it (`inspect_pdf`), or
    a ValidationError when it is too large, not a PDF at all, or cut off."""
    data = _read(upload, settings.PUBLICATIE_MAX_PDF_BYTES)
    if b"%PDF-" not in data[:1024]:
        raise ValidationError(
            _(
                "Dit bestand is geen PDF, ook al eindigt de naam misschien op .pdf. Sla het "
                "document opnieuw op als PDF en kies het dan nog een keer."
            ),
            code="not_pdf",
        )
    if b"%%EOF" not in data[-2048:]:
        raise ValidationError(
            _("Deze PDF is beschadigd of niet helemaal geüpload. Probeer het opnieuw."),
            code="truncated",
        )
    return ContentFile(data)


def inspect_pdf(data: bytes) -> Verdict:
    """Read a PDF in a child process (pdfcheck.py) with limits on its memory, CPU and wall
    time and on what its streams unpack to, and say whether it may be published. The child
    gets no environment (no settings, no secrets) and only the file on its standard input.
    A child that is stopped by a limit means the file is refused; PdfCheckError when the
    check could not run at all."""
    seconds = settings.PUBLICATIE_PDF_CHECK_SECONDS
    command = [
        sys.executable,
        "-I",  # no PYTHON* variables, no user site, not the current directory on the path
        str(CHECKER),
        str(settings.PUBLICATIE_PDF_MAX_UNPACKED_MB * 1024 * 1024),
        str(settings.PUBLICATIE_PDF_CHECK_MEMORY_MB * 1024 * 1024),
        str(seconds),
    ]
    started = time.monotonic()
    with tempfile.TemporaryFile() as errors:
        try:
            done = subprocess.run(  # noqa: S603 - our own script, with fixed arguments
                command,
                input=data,
                stdout=subprocess.PIPE,
                stderr=errors,
                env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"},
                timeout=seconds + 5,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Verdict(code="timeout", seconds=time.monotonic() - started)
        except OSError as exc:
            raise PdfCheckError(f"the PDF check could not start: {exc}") from exc
        errors.seek(0)
        stderr = errors.read()[-2000:].decode(errors="replace")
    elapsed = time.monotonic() - started
    if done.returncode < 0:
        # Stopped by a signal: the CPU limit (SIGXCPU), or killed when out of memory.
        logger.warning("PDF check stopped by signal %s: %s", -done.returncode, stderr)
        return Verdict(code="timeout" if elapsed >= seconds else "unpacked", seconds=elapsed)
    try:
        answer = json.loads(done.stdout.decode().strip().splitlines()[-1])
    except (ValueError, IndexError) as exc:
        raise PdfCheckError(
            f"the PDF check answered nothing (exit {done.returncode}): {stderr}"
        ) from exc
    if answer.get("error"):
        logger.warning("PDF check could not read a file: %s", answer["error"])
    return Verdict(
        code="" if answer.get("ok") else str(answer.get("code") or "damaged"),
        found=str(answer.get("found") or "")[:200],
        pages=int(answer.get("pages") or 0),
        peak_kb=answer.get("peak_kb"),
        seconds=elapsed,
    )


def check_image(upload) -> ContentFile:
    """The uploaded image, re-encoded as JPEG (or PNG when it has transparency)."""
    data = _read(upload, settings.PUBLICATIE_MAX_IMAGE_BYTES)
    not_an_image = ValidationError(
        _("Dit bestand is geen afbeelding die we kunnen lezen. Kies een JPG, PNG of WebP."),
        code="not_image",
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise not_an_image from exc
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            _("Deze afbeelding is te groot (te veel pixels)."), code="too_many_pixels"
        ) from exc
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _(
                "Een afbeelding van het type %(format)s nemen we niet aan. Kies een JPG, PNG "
                "of WebP."
            )
            % {"format": image_format or "?"},
            code="format",
        )
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("Deze afbeelding is te groot (te veel pixels)."), code="too_many_pixels"
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            transparent = image.mode in ("RGBA", "LA", "P") and "transparency" in image.info
            out = io.BytesIO()
            if transparent or image.mode in ("RGBA", "LA"):
                image.convert("RGBA").save(out, "PNG", optimize=True)
                name = "omslag.png"
            else:
                image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
                name = "omslag.jpg"
    except (OSError, ValueError) as exc:
        raise not_an_image from exc
    return ContentFile(out.getvalue(), name=name)
