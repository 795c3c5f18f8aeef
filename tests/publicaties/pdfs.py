"""Crafted PDFs for the upload check, made in the test (no binaries in the repository): a
writer of raw PDF bytes that can pack objects into an object stream behind any chain of
filters, and a few ready-made hostile files."""

import binascii
import io
import zlib

import pikepdf

ENCODERS = {
    "/FlateDecode": zlib.compress,
    "/ASCIIHexDecode": lambda data: binascii.hexlify(data) + b">",
}

PAGES = {
    1: b"<< /Type /Catalog /Pages 2 0 R >>",
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
}


def encode(data: bytes, filters: tuple[str, ...]) -> bytes:
    """`data` encoded so that a reader applying `filters` in order gets it back."""
    for name in reversed(filters):
        data = ENCODERS[name](data)
    return data


def _filter_entry(filters: tuple[str, ...]) -> bytes:
    if not filters:
        return b""
    return b" /Filter [" + b" ".join(f.encode() for f in filters) + b"]"


def stream(data: bytes, filters: tuple[str, ...] = (), extra: bytes = b"") -> bytes:
    """The body of a stream object."""
    encoded = encode(data, filters)
    head = b"<< /Length %d" % len(encoded) + _filter_entry(filters) + extra + b" >>"
    return head + b"\nstream\n" + encoded + b"\nendstream"


def write_pdf(
    objects: dict[int, bytes],
    *,
    packed: frozenset[int] | set[int] = frozenset(),
    filters: tuple[str, ...] = ("/FlateDecode",),
    root: int = 1,
) -> bytes:
    """A PDF with `objects` (number → body). The numbers in `packed` go into one object
    stream encoded with `filters`; the cross-reference table is then a stream too, as the
    format requires."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, tuple[int, int, int]] = {}  # number -> (type, field2, field3)
    for number, body in sorted(objects.items()):
        if number in packed:
            continue
        offsets[number] = (1, out.tell(), 0)
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    size = max(objects) + 1
    if packed:
        objstm = size
        size += 1
        header, bodies = [], b""
        for index, number in enumerate(sorted(packed)):
            header.append(b"%d %d" % (number, len(bodies)))
            bodies += objects[number] + b"\n"
            offsets[number] = (2, objstm, index)
        head = b" ".join(header) + b"\n"
        offsets[objstm] = (1, out.tell(), 0)
        extra = b" /Type /ObjStm /N %d /First %d" % (len(packed), len(head))
        out.write(b"%d 0 obj\n" % objstm + stream(head + bodies, filters, extra) + b"\nendobj\n")
        xref = size
        size += 1
        offsets[xref] = (1, out.tell(), 0)
        rows = b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")
        for number in range(1, size):
            kind, a, b = offsets.get(number, (0, 0, 0))
            rows += bytes([kind]) + a.to_bytes(4, "big") + b.to_bytes(2, "big")
        extra = b" /Type /XRef /Size %d /W [1 4 2] /Root %d 0 R" % (size, root)
        out.write(b"%d 0 obj\n" % xref + stream(rows, (), extra) + b"\nendobj\n")
        out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[xref][1])
        return out.getvalue()
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        kind, offset, _ = offsets.get(number, (0, 0, 0))
        out.write(b"%010d 00000 n \n" % offset if kind else b"0000000000 65535 f \n")
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, start)
    )
    return out.getvalue()


def with_catalog(extra: bytes, **kwargs) -> bytes:
    """A one-page PDF whose catalogue carries `extra`."""
    return write_pdf({**PAGES, 1: PAGES[1][:-2] + extra + b" >>"}, **kwargs)


def with_page(extra: bytes, **kwargs) -> bytes:
    """A one-page PDF whose page carries `extra`."""
    return write_pdf({**PAGES, 3: PAGES[3][:-2] + extra + b" >>"}, **kwargs)


def zeros_flate_twice(megabytes: int) -> bytes:
    """`megabytes` MB of zeros, compressed twice with Flate (a few hundred bytes per 100 MB),
    made a megabyte at a time so that the test itself never holds them."""
    packer = zlib.compressobj(9)
    chunk = b"\0" * (1024 * 1024)
    once = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    return zlib.compress(once, 9)


def bomb(streams: int = 8, megabytes: int = 128, *, twice: bool = True) -> bytes:
    """A small file whose streams each unpack to `megabytes` MB of zeros, packed with Flate
    twice (a few hundred bytes each) or once (about 100 KB per 100 MB)."""
    zeros = zeros_flate_twice(megabytes) if twice else zlib.decompress(zeros_flate_twice(megabytes))
    filters = b"[/FlateDecode /FlateDecode]" if twice else b"/FlateDecode"
    objects = dict(PAGES)
    refs = []
    for index in range(streams):
        number = 4 + index
        objects[number] = (
            b"<< /Length %d /Filter %s >>\nstream\n" % (len(zeros), filters)
            + zeros
            + b"\nendstream"
        )
        refs.append(b"/X%d %d 0 R" % (index, number))
    objects[3] = PAGES[3][:-2] + b" /Resources << /XObject << " + b" ".join(refs) + b" >> >> >>"
    return write_pdf(objects)


def encrypted(*, user_password: str = "") -> bytes:
    """A plain PDF saved with encryption (an owner password; a user password if given)."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="eigenaar", user=user_password))
    return out.getvalue()
