"""Checks for uploaded files, shared by every app that takes files from people (publications'
PDFs and covers, meeting documents).

What a file is, is decided by its content, never by its name: `sniff` reads only its first
bytes. A PDF is checked in two steps. In the request, only what needs no parsing: the size,
that it starts as a PDF and ends with its end marker (`check_pdf`). Whether it carries active
content (JavaScript, actions, embedded files, XFA, multimedia), is encrypted or unpacks to too
much is decided later by a worker, which reads the file with pikepdf (qpdf) in a child process
with limits on its memory, time and what it unpacks (`inspect_pdf`, `pdfcheck.py`); until then
the file waits in the private storage and nobody can download it.

An image must be an image Pillow can read; it is re-encoded, so that nothing else it carried
(metadata, a second file glued behind it) is stored (`image_reencode`). An office document
(docx, pptx, xlsx, odt, odp) is a zip file: `inspect_office` reads its table of contents with
limits (entries, what they unpack to, no absolute or `..` paths), unpacks every entry once to
count what it really unpacks to, and decides the kind from `[Content_Types].xml` (OOXML) or the
`mimetype` entry (OpenDocument); files with macros are refused. Every refusal is a message
for the person who uploaded it.

The limits of the PDF check keep their PUBLICATIE_PDF_* names: they are environment variables
of existing deployments, and they hold for every uploaded PDF."""

import dataclasses
import io
import json
import logging
import posixpath
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

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


def check_time_limit() -> int:
    """The hard time limit of one task that checks an upload (a publication's PDF, a
    meeting's document): the PDF child's own limit and some margin."""
    return settings.PUBLICATIE_PDF_CHECK_SECONDS + 60


def pdf_refusal_reason(code: str, found: str = "") -> str:
    """Why a PDF was refused, and what was found, in the current language (without how to
    fix it: that depends on the page the person uploads on)."""
    reason = REFUSALS.get(code, REFUSALS["damaged"]) % {
        "max": settings.PUBLICATIE_PDF_MAX_UNPACKED_MB,
        "seconds": settings.PUBLICATIE_PDF_CHECK_SECONDS,
    }
    parts = [str(reason)]
    if found:
        parts.append(_("Gevonden: %(found)s.") % {"found": found})
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


def megabytes(size: int) -> str:
    """In Dutch notation, without a needless ",0": 1,5 or 20."""
    return f"{size / 1024 / 1024:.1f}".replace(".0", "").replace(".", ",")


def read_limited(upload, limit: int) -> bytes:
    """The uploaded file's bytes, or a ValidationError when it is larger than `limit`."""
    if upload.size > limit:
        raise ValidationError(
            _("Het bestand is te groot: %(size)s MB. Het mag hooguit %(max)s MB zijn.")
            % {"size": megabytes(upload.size), "max": megabytes(limit)},
            code="too_large",
        )
    upload.seek(0)
    return upload.read()


# --- What a file is, by its first bytes -------------------------------------------------------
PDF, JPEG, PNG, WEBP, ZIP = "pdf", "jpeg", "png", "webp", "zip"


def sniff(data: bytes) -> str:
    """What the file's first bytes say it is: pdf, jpeg, png, webp, zip (an office document
    still to be checked), or "" for anything else. The name plays no part."""
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"PK\x03\x04"):
        return ZIP
    return ""


def check_pdf_bytes(data: bytes) -> None:
    """A ValidationError when `data` is not a PDF at all, or cut off (no parsing)."""
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


def check_pdf(upload, *, limit: int) -> ContentFile:
    """The uploaded PDF as a file to store until a worker has checked it (`inspect_pdf`), or
    a ValidationError when it is too large, not a PDF at all, or cut off."""
    data = read_limited(upload, limit)
    check_pdf_bytes(data)
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


# --- Images -----------------------------------------------------------------------------------
def image_reencode(data: bytes) -> tuple[bytes, str]:
    """The image re-encoded as (bytes, "jpeg" or "png"): JPEG, or PNG when it has
    transparency, at most MAX_IMAGE_SIDE pixels on its longest side. A ValidationError when it
    is not a JPEG, PNG or WebP that Pillow can read, or has too many pixels."""
    not_an_image = ValidationError(
        _("Dit bestand is geen afbeelding die we kunnen lezen. Kies een JPG, PNG of WebP."),
        code="not_image",
    )
    too_many = ValidationError(
        _("Deze afbeelding is te groot (te veel pixels)."), code="too_many_pixels"
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise not_an_image from exc
    except Image.DecompressionBombError as exc:
        raise too_many from exc
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(
            _(
                "Een afbeelding van het type %(format)s nemen we niet aan. Kies een JPG, PNG "
                "of WebP."
            )
            % {"format": image_format or "?"},
            code="format",
            params={"format": image_format or "?"},
        )
    if width * height > MAX_IMAGE_PIXELS:
        raise too_many
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            transparent = image.mode in ("RGBA", "LA", "P") and "transparency" in image.info
            out = io.BytesIO()
            if transparent or image.mode in ("RGBA", "LA"):
                image.convert("RGBA").save(out, "PNG", optimize=True)
                kind = PNG
            else:
                image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
                kind = JPEG
    except (OSError, ValueError) as exc:
        raise not_an_image from exc
    except Image.DecompressionBombError as exc:
        raise too_many from exc
    return out.getvalue(), kind


def check_image(upload, *, limit: int, stem: str = "afbeelding") -> ContentFile:
    """The uploaded image, re-encoded (image_reencode), as a file named `stem`.jpg or .png."""
    data, kind = image_reencode(read_limited(upload, limit))
    return ContentFile(data, name=f"{stem}.{'png' if kind == PNG else 'jpg'}")


# --- Office documents (zip files) -------------------------------------------------------------
# The main part of each OOXML kind we take, by its content type in [Content_Types].xml.
OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
}
# The `mimetype` entry of each OpenDocument kind we take.
ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_UNPACKED = 200 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024

OFFICE_REFUSALS = {
    "zip_damaged": gettext_lazy(
        "We kunnen dit bestand niet openen. Misschien is het beschadigd of niet helemaal geüpload."
    ),
    "zip_entries": gettext_lazy(
        "Dit bestand bestaat uit te veel onderdelen (meer dan %(entries)s). Zo'n bestand kan "
        "de computer van een lezer vastzetten."
    ),
    "zip_unpacked": gettext_lazy(
        "Dit bestand is uitgepakt veel groter dan %(max)s MB. Zo'n bestand kan de computer van "
        "een lezer vastzetten."
    ),
    "zip_path": gettext_lazy(
        "Dit bestand bevat onderdelen met een vreemde plek (een pad dat buiten het bestand "
        "wijst). Zo'n bestand kan schade doen."
    ),
    "zip_encrypted": gettext_lazy("Dit bestand is beveiligd met een wachtwoord."),
    "not_office": gettext_lazy(
        "Dit is een zip-bestand, maar geen Word-, PowerPoint-, Excel- of OpenDocument-bestand, "
        "ook al eindigt de naam misschien op .docx, .pptx of .xlsx."
    ),
    "office_kind": gettext_lazy(
        "Dit soort Office-bestand nemen we niet aan (%(found)s). We nemen docx, pptx, xlsx, "
        "odt en odp aan."
    ),
    "macro": gettext_lazy(
        "Dit bestand bevat macro's of andere code (%(found)s). Die kunnen gaan draaien bij "
        "wie het bestand opent."
    ),
}


def office_refusal_reason(code: str, found: str = "") -> str:
    """Why an office document was refused, in the current language."""
    reason = OFFICE_REFUSALS.get(code, OFFICE_REFUSALS["zip_damaged"])
    return str(reason) % {
        "entries": MAX_ZIP_ENTRIES,
        "max": MAX_ZIP_UNPACKED // 1024 // 1024,
        "found": found or "?",
    }


@dataclasses.dataclass(frozen=True)
class OfficeVerdict:
    """What the check of a zip found: its `kind` (docx, pptx, xlsx, odt, odp) when accepted,
    else a `code` of OFFICE_REFUSALS and what was `found`."""

    kind: str = ""
    code: str = ""
    found: str = ""

    @property
    def accepted(self) -> bool:
        return not self.code


def _unsafe_path(name: str) -> bool:
    if name.startswith(("/", "\\")) or "\\" in name or "\x00" in name:
        return True
    if len(name) > 1 and name[1] == ":":  # C:...
        return True
    return ".." in posixpath.normpath(name).split("/") or ".." in name.split("/")


def _is_macro(name: str) -> bool:
    lowered = name.lower()
    base = posixpath.basename(lowered)
    return (
        base == "vbaproject.bin"
        or base == "vbadata.xml"
        or lowered.startswith(("basic/", "scripts/"))  # OpenDocument macros and scripts
        or "/activex/" in f"/{lowered}"
    )


def _ooxml_kind(manifest: bytes) -> tuple[str, str, str]:
    """(kind, code, found) from [Content_Types].xml. A document type definition is refused
    before parsing, so no entity can expand."""
    if b"<!DOCTYPE" in manifest or b"<!ENTITY" in manifest:
        return "", "not_office", ""
    try:
        root = ElementTree.fromstring(manifest)  # noqa: S314 - no DTD, size capped
    except ElementTree.ParseError:
        return "", "not_office", ""
    types = [
        (element.get("ContentType") or "").strip()
        for element in root.iter()
        if element.tag in (f"{CONTENT_TYPES_NS}Override", f"{CONTENT_TYPES_NS}Default")
    ]
    code_types = [t for t in types if "macroenabled" in t.lower() or "vbaproject" in t.lower()]
    if code_types:
        return "", "macro", code_types[0][:100]
    kinds = {OOXML_MAIN[t] for t in types if t in OOXML_MAIN}
    if len(kinds) == 1:
        return kinds.pop(), "", ""
    main = [t for t in types if t.endswith(".main+xml")]
    if main:
        return "", "office_kind", main[0][:100]
    return "", "not_office", ""


def inspect_office(
    data: bytes, *, max_entries: int = MAX_ZIP_ENTRIES, max_unpacked: int = MAX_ZIP_UNPACKED
) -> OfficeVerdict:
    """Check a zip that should be an office document, within limits: at most `max_entries`
    entries, no absolute or `..` paths, no encrypted entries, at most `max_unpacked` bytes
    unpacked in all (counted as the entries are really unpacked, one chunk at a time, so a
    table of contents that lies about the sizes does not help), no macros, and a kind we
    take, from [Content_Types].xml or the `mimetype` entry."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return OfficeVerdict(code="zip_damaged")
    with archive:
        entries = archive.infolist()
        if len(entries) > max_entries:
            return OfficeVerdict(code="zip_entries")
        if not entries:
            return OfficeVerdict(code="not_office")
        for entry in entries:
            if _unsafe_path(entry.filename):
                return OfficeVerdict(code="zip_path", found=entry.filename[:100])
            if entry.flag_bits & 0x1:
                return OfficeVerdict(code="zip_encrypted")
        if sum(entry.file_size for entry in entries) > max_unpacked:
            return OfficeVerdict(code="zip_unpacked")
        macros = [e.filename for e in entries if _is_macro(e.filename)]
        if macros:
            return OfficeVerdict(code="macro", found=macros[0][:100])
        # Unpack everything once, counting; keep only the two small entries that name the kind.
        total = 0
        kept: dict[str, bytes] = {}
        try:
            for entry in entries:
                if entry.is_dir():
                    continue
                keep = entry.filename in ("[Content_Types].xml", "mimetype")
                chunks = []
                with archive.open(entry) as handle:
                    while chunk := handle.read(1 << 16):
                        total += len(chunk)
                        if total > max_unpacked:
                            return OfficeVerdict(code="zip_unpacked")
                        if keep:
                            chunks.append(chunk)
                            if sum(len(c) for c in chunks) > MAX_MANIFEST_BYTES:
                                return OfficeVerdict(code="not_office")
                if keep:
                    kept[entry.filename] = b"".join(chunks)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
            return OfficeVerdict(code="zip_damaged")
    if "[Content_Types].xml" in kept:
        kind, code, found = _ooxml_kind(kept["[Content_Types].xml"])
        return OfficeVerdict(kind=kind, code=code, found=found)
    if "mimetype" in kept:
        mimetype = kept["mimetype"].decode("ascii", errors="replace").strip()
        if mimetype in ODF_MIMETYPES:
            return OfficeVerdict(kind=ODF_MIMETYPES[mimetype])
        if mimetype.startswith("application/vnd.oasis.opendocument."):
            return OfficeVerdict(code="office_kind", found=mimetype[:100])
    return OfficeVerdict(code="not_office")


# --- Any refusal, in words --------------------------------------------------------------------
IMAGE_REFUSALS = {
    "not_image": gettext_lazy(
        "Dit bestand is geen afbeelding die we kunnen lezen. Kies een JPG, PNG of WebP."
    ),
    "too_many_pixels": gettext_lazy("Deze afbeelding is te groot (te veel pixels)."),
    "format": gettext_lazy(
        "Een afbeelding van het type %(format)s nemen we niet aan. Kies een JPG, PNG of WebP."
    ),
}
FILE_REFUSALS = {
    "unknown": gettext_lazy(
        "Dit soort bestand nemen we niet aan, wat de naam ook zegt. Kies een PDF, een "
        "afbeelding (JPG, PNG of WebP) of een document in docx, pptx, xlsx, odt of odp."
    ),
    "unfinished": gettext_lazy(
        "Het controleren van dit bestand is een paar keer begonnen en niet afgekomen. Probeer "
        "het later nog eens."
    ),
}


def refusal_reason(code: str, found: str = "") -> str:
    """Why an uploaded file of any kind was refused (the codes of the PDF check, the office
    check, the image check and FILE_REFUSALS), in the current language."""
    if code in FILE_REFUSALS:
        return str(FILE_REFUSALS[code])
    if code in IMAGE_REFUSALS:
        return str(IMAGE_REFUSALS[code]) % {"format": found or "?"}
    if code in OFFICE_REFUSALS:
        return office_refusal_reason(code, found)
    return pdf_refusal_reason(code, found)
