"""Cleaning text that people type, for the form boundary and for every output that writes
stored text (calendar files, the Atom feed, CSV, PDFs, e-mail subjects). Rows stored before
the forms cleaned their input pass through the same functions on the way out.

What goes (docs/decisions.md, D35):
- control characters (Unicode category Cc) other than tab and line feed in multi-line text;
  in single-line text line breaks of every kind become one space;
- the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they
  reorder how the text around them is shown ("Trojan Source"), which no title needs;
- the invisible zero-width space, word joiner and byte order mark (U+200B, U+2060, U+FEFF):
  they make two titles that look the same differ.
What stays: the zero-width (non-)joiner (U+200C, U+200D), which emoji and Persian or Indic
scripts need, and the left-to-right and right-to-left marks (U+200E, U+200F, U+061C), which
only steer neutral characters such as punctuation in Arabic or Hebrew names."""

import re
import unicodedata

# Every kind of line break Python's str.splitlines knows, plus CR LF as one.
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Bidi embeddings, overrides and isolates; zero-width space, word joiner, byte order mark; and
# the two noncharacters XML 1.0 forbids.
_DROPPED = dict.fromkeys(
    map(
        ord,
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060\ufeff\ufffe\uffff",
    )
)


def _without_controls(text: str, keep: str = "") -> str:
    text = text.translate(_DROPPED)
    return "".join(
        char for char in text if char in keep or unicodedata.category(char) not in ("Cc", "Cs")
    )


def clean_line(value) -> str:
    """One line of plain text: line breaks become a space, other control and invisible
    formatting characters go, and the ends are trimmed."""
    if value is None:
        return ""
    text = _LINE_BREAKS.sub(" ", str(value))
    return _without_controls(text, keep="\t").replace("\t", " ").strip()


def clean_text(value) -> str:
    """Multi-line plain text (Markdown bodies): line breaks become "\\n" and stay, tabs stay,
    other control and invisible formatting characters go."""
    if value is None:
        return ""
    text = _LINE_BREAKS.sub("\n", str(value))
    return _without_controls(text, keep="\n\t")
