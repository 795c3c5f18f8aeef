"""A publication as a citation: BibTeX and RIS."""

import re

from django.utils import timezone

KIND_BIBTEX = {"essay": "misc", "slotpublicatie": "techreport", "overig": "misc"}
KIND_RIS = {"essay": "GEN", "slotpublicatie": "RPRT", "overig": "GEN"}
PUBLISHER = "Tilburg University"


def _bibtex_escape(text: str) -> str:
    text = text.replace("\\", r"\textbackslash{}")
    for char in "&%$#_{}":
        text = text.replace(char, "\\" + char)
    return text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def _key(publicatie) -> str:
    authors = publicatie.author_list
    surname = re.sub(r"[^A-Za-z]", "", (authors[0].split()[-1] if authors else "leerkring"))
    return f"{surname.lower() or 'leerkring'}{timezone.localtime(publicatie.release_at):%Y}"


def bibtex(publicatie, url: str) -> str:
    released = timezone.localtime(publicatie.release_at)
    report = publicatie.kind == "slotpublicatie"
    fields = [
        ("title", publicatie.title),
        ("author", " and ".join(publicatie.author_list) or "Leerkring"),
        ("year", f"{released:%Y}"),
        ("month", f"{released.month}"),
        ("institution" if report else "publisher", PUBLISHER),
        ("type" if report else "howpublished", str(publicatie.get_kind_display())),
        ("note", publicatie.leerkring.title),
        ("url", url),
        ("abstract", " ".join(publicatie.abstract.split())),
    ]
    body = ",\n".join(f"  {name} = {{{_bibtex_escape(value)}}}" for name, value in fields)
    return f"@{KIND_BIBTEX[publicatie.kind]}{{{_key(publicatie)},\n{body}\n}}\n"


def ris(publicatie, url: str) -> str:
    released = timezone.localtime(publicatie.release_at)
    lines = [("TY", KIND_RIS[publicatie.kind]), ("TI", publicatie.title)]
    lines += [("AU", name) for name in publicatie.author_list]
    lines += [
        ("PY", f"{released:%Y}"),
        ("DA", f"{released:%Y/%m/%d}"),
        ("PB", PUBLISHER),
        ("T2", publicatie.leerkring.title),
        ("AB", " ".join(publicatie.abstract.split())),
        ("UR", url),
        ("LA", "nl"),
        ("ER", ""),
    ]
    # One tag per line: "XX  - value"; line breaks inside a value would start a new tag.
    return (
        "\r\n".join(f"{tag}  - {' '.join(value.split())}".rstrip() for tag, value in lines) + "\r\n"
    )
