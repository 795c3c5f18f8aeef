"""Reads one uploaded PDF with pikepdf (qpdf) and says whether it may be published.

Run only as a child process (`leerkring.core.uploads.inspect_pdf`), never imported by the site:
it sets limits on its own memory (address space), CPU time and file writes before it reads a
byte, so a hostile file can at worst end this process. It imports only the standard library
and pikepdf (no Django, no settings, no database connection), reads the PDF from standard
input and writes one line of JSON to standard output:

    {"ok": true, "pages": 3, "unpacked": 123456}
    {"ok": false, "code": "javascript", "found": "/JS, /JavaScript"}

Usage: python -I pdfcheck.py MAX_UNPACKED_BYTES MEMORY_BYTES CPU_SECONDS < upload.pdf

What it refuses, wherever it sits: qpdf parses every object, also those inside object
streams, unpacking any chain of filters (/FlateDecode twice, /ASCIIHexDecode, ...), and
pikepdf hands out names with their #xx escapes decoded, so /J#61vaScript is /JavaScript.
Every object's dictionaries and arrays are walked; then every stream is unpacked once, one at a
time, counting what they unpack to in all, and the check stops as soon as that passes
MAX_UNPACKED_BYTES (a decompression bomb)."""

import io
import json
import logging
import resource
import sys

import pikepdf

# The kinds of refusal, most telling first: when a file has several, the first is reported.
ORDER = ("encrypted", "javascript", "launch", "embedded_files", "xfa", "richmedia", "action")

# Keys whose presence alone is active content.
KEYS = {
    "/JS": "javascript",
    "/JavaScript": "javascript",  # the document's JavaScript name tree (/Names)
    "/XFA": "xfa",  # an XML form (in /AcroForm), which carries its own scripts
    "/EmbeddedFiles": "embedded_files",  # the document's attachments (/Names)
    "/EF": "embedded_files",  # a file specification with the file inside
    "/RichMediaContent": "richmedia",
    "/RichMediaSettings": "richmedia",
}
# Action types (/S) that run code, start programs, send or fetch data, or play media.
ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/GoToE": "embedded_files",
    "/SubmitForm": "action",
    "/ImportData": "action",
    "/GoToR": "action",
    "/RichMediaExecute": "richmedia",
    "/Rendition": "richmedia",
    "/Movie": "richmedia",
    "/Sound": "richmedia",
    "/GoTo3DView": "richmedia",
}
# Filters that pack any data; qpdf unpacks them (at StreamDecodeLevel.specialized).
GENERAL_FILTERS = {
    "/FlateDecode", "/Fl", "/LZWDecode", "/LZW", "/ASCII85Decode", "/A85",
    "/ASCIIHexDecode", "/AHx", "/RunLengthDecode", "/RL",
}  # fmt: skip
# Object types and annotation subtypes.
TYPES = {
    "/EmbeddedFile": "embedded_files",
    "/FileAttachment": "embedded_files",
    "/RichMedia": "richmedia",
    "/Screen": "richmedia",
    "/Movie": "richmedia",
    "/Sound": "richmedia",
    "/3D": "richmedia",
}


def _limit(memory: int, cpu: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))  # no big files
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _name(value) -> str | None:
    return str(value) if isinstance(value, pikepdf.Name) else None


def _inspect_dict(d, found: dict[str, set[str]]) -> None:
    keys = set(d.keys())
    for key in keys & KEYS.keys():
        found.setdefault(KEYS[key], set()).add(key)
    action = _name(d.get("/S")) if "/S" in keys else None
    if action in ACTIONS:
        found.setdefault(ACTIONS[action], set()).add(f"/S {action}")
    for key in ("/Type", "/Subtype"):
        kind = _name(d.get(key)) if key in keys else None
        if kind in TYPES:
            found.setdefault(TYPES[kind], set()).add(f"{key} {kind}")
    if "/AA" in keys:
        # Additional actions: run when a page opens, a field changes, the mouse enters, ...
        extra = d.get("/AA")
        if isinstance(extra, pikepdf.Dictionary) and len(extra.keys()):
            found.setdefault("action", set()).add("/AA")
    if "/OpenAction" in keys:
        # A destination ([page /Fit]) or a plain "go to" only chooses the first view; any other
        # action runs as soon as the document is opened.
        opening = d.get("/OpenAction")
        if isinstance(opening, pikepdf.Dictionary) and (
            _name(opening.get("/S")) != "/GoTo" or "/Next" in opening
        ):
            found.setdefault("action", set()).add("/OpenAction")


def _walk(obj, found: dict[str, set[str]]) -> None:
    """Every dictionary inside one object (its direct children; indirect ones are objects of
    their own, walked in their turn)."""
    stack = [obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Dictionary):
            _inspect_dict(item, found)
            children = item.values()
        elif isinstance(item, pikepdf.Array):
            children = list(item)
        else:
            continue
        stack.extend(
            child
            for child in children
            if isinstance(child, (pikepdf.Dictionary, pikepdf.Array)) and not child.is_indirect
        )


def _unpacked_size(pdf, stream) -> int:
    """What a stream unpacks to through its general filters (Flate, LZW, ASCII85, ASCIIHex,
    RunLength), however many and in whatever order. Image codecs (JPEG, JPEG 2000, JBIG2,
    fax) that follow them are left alone: their data counts as it is."""
    filters = stream.stream_dict.get("/Filter")
    if isinstance(filters, pikepdf.Name):
        filters = [filters]
    elif not isinstance(filters, pikepdf.Array):
        filters = []
    filters = list(filters)
    general = 0
    while general < len(filters) and _name(filters[general]) in GENERAL_FILTERS:
        general += 1
    if general == 0:
        return memoryview(stream.get_raw_stream_buffer()).nbytes
    target = stream
    if general < len(filters):
        # Unpack only the general filters: a copy of the raw data with the chain cut short.
        target = pikepdf.Stream(pdf, stream.read_raw_bytes())
        target.Filter = pikepdf.Array(filters[:general])
        parms = stream.stream_dict.get("/DecodeParms")
        if isinstance(parms, pikepdf.Array):
            target.DecodeParms = pikepdf.Array(list(parms)[:general])
        elif isinstance(parms, pikepdf.Dictionary) and general == 1:
            target.DecodeParms = parms
    buffer = target.get_stream_buffer(decode_level=pikepdf.StreamDecodeLevel.specialized)
    size = memoryview(buffer).nbytes
    del buffer
    return size


def inspect(data: bytes, max_unpacked: int) -> dict:
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        return {"ok": False, "code": "encrypted", "found": "/Encrypt"}
    except pikepdf.PdfError:
        return {"ok": False, "code": "damaged", "found": ""}
    with pdf:
        if pdf.is_encrypted:
            return {"ok": False, "code": "encrypted", "found": "/Encrypt"}
        found: dict[str, set[str]] = {}
        objects = list(pdf.objects)
        for obj in [pdf.trailer, *objects]:
            _walk(obj, found)
        for code in ORDER:
            if code in found:
                return {"ok": False, "code": code, "found": ", ".join(sorted(found[code])[:5])}
        pages = len(pdf.pages)
        if not pages:
            return {"ok": False, "code": "damaged", "found": ""}
        unpacked = 0
        for obj in objects:
            if isinstance(obj, pikepdf.Stream):
                unpacked += _unpacked_size(pdf, obj)
                if unpacked > max_unpacked:
                    return {"ok": False, "code": "unpacked", "found": ""}
        return {"ok": True, "pages": pages, "unpacked": unpacked}


def _peak_kb() -> int | None:
    """This process's own high-water mark of resident memory, as the kernel counts it (its
    ru_maxrss would include the parent's, copied before exec)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def main(argv: list[str]) -> int:
    max_unpacked, memory, cpu = (int(arg) for arg in argv[1:4])
    _limit(memory, cpu)
    logging.disable(logging.CRITICAL)  # qpdf's warnings about damaged files: not our output
    try:
        result = inspect(sys.stdin.buffer.read(), max_unpacked)
    except MemoryError:
        result = {"ok": False, "code": "unpacked", "found": ""}
    except pikepdf.PdfError as exc:
        # qpdf reports running out of memory (the limit above) as a decoding error.
        code = "unpacked" if "bad_alloc" in str(exc) else "damaged"
        result = {"ok": False, "code": code, "found": ""}
    except RecursionError:
        result = {"ok": False, "code": "damaged", "found": ""}
    except Exception as exc:  # a file qpdf cannot make sense of, whatever the exception
        result = {"ok": False, "code": "damaged", "found": "", "error": repr(exc)[:300]}
    result["peak_kb"] = _peak_kb()
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
