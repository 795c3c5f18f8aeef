"""Checks for uploaded files. A PDF must be a PDF by its content, not by its name, within the
size limit, with no JavaScript, no actions that start programs and no embedded files. An
image must be an image Pillow can read; it is re-encoded, so that nothing else it carried
(metadata, a second file glued behind it) is stored. Every refusal is a message for the person
who uploaded it."""

import io
import re
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

# Names in a PDF that run code, start programs or carry files. `#xx` escapes in names are
# decoded before looking, so /J#61vaScript is found as /JavaScript.
ACTIVE_CONTENT = (b"/JavaScript", b"/JS", b"/Launch", b"/RichMedia", b"/XFA", b"/SubmitForm")
EMBEDDED_FILES = (b"/EmbeddedFiles", b"/EmbeddedFile", b"/FileAttachment")
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_SIDE = 2400


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


def _decode_names(data: bytes) -> bytes:
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), data)


def _pdf_objects(data: bytes) -> bytes:
    """The PDF's text with every compressed stream unpacked (object streams hide the
    dictionaries that matter)."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        if end == -1:
            break
        try:
            parts.append(zlib.decompressobj().decompress(data[match.end() : end], 50_000_000))
        except zlib.error:
            continue
    return _decode_names(b"\n".join(parts))


def _has_name(objects: bytes, names: tuple[bytes, ...]) -> bool:
    # A name ends at a delimiter: /JS must not match /JSomething.
    return any(re.search(re.escape(name) + rb"(?![A-Za-z0-9])", objects) for name in names)


def check_pdf(upload) -> ContentFile:
    """The uploaded PDF as a file to store, or a ValidationError that says what is wrong."""
    data = _read(upload, settings.PUBLICATIE_MAX_PDF_BYTES)
    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
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
    objects = _pdf_objects(data)
    if b"/Encrypt" in objects:
        raise ValidationError(
            _(
                "Deze PDF is beveiligd met een wachtwoord. Sla hem op zonder beveiliging en "
                "kies hem dan opnieuw."
            ),
            code="encrypted",
        )
    if _has_name(objects, ACTIVE_CONTENT):
        raise ValidationError(
            _(
                "Deze PDF bevat JavaScript of acties die een programma starten. Zulke PDF's "
                "nemen we niet aan. Sla het document opnieuw op als gewone PDF (bijvoorbeeld "
                "met 'Afdrukken als PDF')."
            ),
            code="javascript",
        )
    if _has_name(objects, EMBEDDED_FILES):
        raise ValidationError(
            _(
                "Deze PDF bevat ingesloten bestanden (bijlagen). Zulke PDF's nemen we niet aan. "
                "Haal de bijlagen eruit of sla het document opnieuw op als gewone PDF."
            ),
            code="embedded_files",
        )
    return ContentFile(data)


def check_image(upload) -> ContentFile:
    """The uploaded image, re-encoded as JPEG (or PNG when it has transparency)."""
    from PIL import Image, UnidentifiedImageError

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
