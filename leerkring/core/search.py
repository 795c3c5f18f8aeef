"""Full-text search as every app does it (docs/architecture.md, "Search").

On PostgreSQL: the text search configuration `dutch_unaccent` (core migration 0007: the Dutch
Snowball stemmer after `unaccent`, so "cooperatie" finds "coöperatie"), each query word ORed
with its Dutch f/v and s/z spelling (D12: "initiatieven" finds "initiatief"), and the last
word also as a prefix, so a word being typed already finds ("initia" finds "initiatief").
Snippets come from `ts_headline` with two private-use characters around the hits; `highlight`
escapes everything and turns only those into `<mark>`.

On SQLite (the embedded demo): plain matching of every word (in any of its spellings) in the
text with accents folded and case ignored, by `lk_fold`, a Python function registered on each
SQLite connection (CoreConfig.ready); `python_snippet` quotes the hit the same way.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.expressions import Func
from django.db.models.functions import Coalesce, Concat, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SEARCH_CONFIG = "dutch_unaccent"
MAX_QUERY_CHARS = 200
MAX_SEARCH_WORDS = 12
# The shortest last word that also matches as a prefix: "in" would match half of Dutch.
MIN_PREFIX = 3

START, STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
_MARKDOWN_NOISE = re.compile(r"[#*`>|]+|(?<!\w)_+|_+(?!\w)|!?\[|\]\([^)\s]*\)")


def normalise(text: str) -> str:
    """The query as searched: one space between words, at most MAX_QUERY_CHARS."""
    return " ".join((text or "").split())[:MAX_QUERY_CHARS].strip()


def fold(text: str | None) -> str | None:
    """Lower case without accents: "Coöperatie" → "cooperatie" (also SQLite's lk_fold)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", normalise(text))[:MAX_SEARCH_WORDS]


def dutch_variants(word: str) -> set[str]:
    """The word plus the spellings Dutch inflection alternates with, which the Snowball
    stemmer does not join: initiatief/initiatieven (f-v), huis/huizen (s-z)."""
    word = word.lower()
    variants = {word}
    if len(word) > 4 and word.endswith("ven"):
        variants.add(word[:-3] + "f")
    if len(word) > 4 and word.endswith("zen"):
        variants.add(word[:-3] + "s")
    if len(word) > 3 and word.endswith("f"):
        variants.add(word[:-1] + "ven")
    if len(word) > 3 and word.endswith("s") and word[-2] in "aeiouy":
        variants.add(word[:-1] + "zen")
    return variants


def search_query(text: str) -> SearchQuery | None:
    """Every word must match, in any of its spellings, each stemmed by `dutch_unaccent`; the
    last word also as the start of a word. None when there is no word to search for."""
    found = words(text)
    query = None
    for index, word in enumerate(found):
        term = None
        for variant in sorted(dutch_variants(word)):
            part = SearchQuery(variant, config=SEARCH_CONFIG, search_type="plain")
            term = part if term is None else term | part
        if index == len(found) - 1 and len(word) >= MIN_PREFIX:
            # \w+ holds no tsquery operator, so the raw form is safe.
            term |= SearchQuery(f"{word}:*", config=SEARCH_CONFIG, search_type="raw")
        query = term if query is None else query & term
    return query


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _without_markers(expression):
    """Text from the database with our two marker characters taken out, so that only a hit
    is ever marked."""
    expression = Coalesce(expression, Value(""), output_field=TextField())
    return Replace(Replace(expression, Value(START), Value("")), Value(STOP), Value(""))


def headline(expression, query: SearchQuery, *, words_max: int = 30) -> SearchHeadline:
    """The passage of `expression` around the hits, hits between START and STOP (see
    highlight)."""
    return SearchHeadline(
        _without_markers(expression),
        query,
        config=SEARCH_CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=words_max,
        min_words=min(12, words_max),
        max_fragments=1,
    )


def highlight(passage: str | None) -> SafeString:
    """A snippet as HTML: every character escaped, only the hits in <mark>."""
    text = " ".join(_MARKDOWN_NOISE.sub(" ", passage or "").split())
    text = _MARKED.sub(lambda m: f"<mark>{escape(m.group(1))}</mark>", escape(text))
    return mark_safe(text.replace(START, "").replace(STOP, ""))  # noqa: S308 (escaped above)


# --- SQLite ---------------------------------------------------------------------------------
class Fold(Func):
    """lk_fold(text): `fold` in SQLite (registered by register_sqlite_functions)."""

    function = "lk_fold"
    output_field = TextField()


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """connection_created: give every SQLite connection lk_fold."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("lk_fold", 1, fold, deterministic=True)


def folded(*fields) -> Fold:
    """The fields as one folded text, for `matches`."""
    parts = []
    for name in fields:
        parts += [Coalesce(name, Value(""), output_field=TextField()), Value(" ")]
    return Fold(Concat(*parts, output_field=TextField()))


def matches(annotation: str, text: str) -> Q | None:
    """On SQLite: every word (in any of its spellings) occurs in the folded `annotation`.
    None when there is no word to search for."""
    condition = None
    for word in words(text):
        term = Q()
        for variant in dutch_variants(fold(word)):
            term |= Q(**{f"{annotation}__contains": variant})
        condition = term if condition is None else condition & term
    return condition


def python_snippet(text: str, query: str, *, width: int = 90) -> SafeString:
    """On SQLite: the passage of `text` around the first hit of any word of the query, the
    hits marked (compared with accents folded), as `highlight` makes it."""
    text = " ".join((text or "").replace(START, "").replace(STOP, "").split())
    needles = sorted(
        {v for w in words(query) for v in dutch_variants(fold(w)) if v}, key=len, reverse=True
    )
    # Fold character by character, remembering where each folded character came from.
    folded_text, origin = [], []
    for index, char in enumerate(text):
        for part in fold(char):
            folded_text.append(part)
            origin.append(index)
    haystack = "".join(folded_text)
    spans = []
    for needle in needles:
        for found in re.finditer(re.escape(needle), haystack):
            start, end = origin[found.start()], origin[found.end() - 1] + 1
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
    spans.sort()
    if not spans:
        return highlight(text[:width])
    first = spans[0][0]
    begin = max(0, text.rfind(" ", 0, max(0, first - width // 3)) + 1) if first > width // 3 else 0
    end = min(len(text), begin + width)
    if end < len(text) and " " in text[end:]:
        end = text.find(" ", end)
    marked, cursor = [], begin
    for start, stop in spans:
        if start < begin or stop > end:
            continue
        marked += [text[cursor:start], START, text[start:stop], STOP]
        cursor = stop
    marked.append(text[cursor:end])
    return highlight("".join(marked))


def find(rows, query: str, *, vector, passage, fields, text, order, limit: int) -> list:
    """The rows of `rows` (already limited to what the person may read) that match `query`:
    at most `limit` + 1 (so the caller can say "more"), best first, each with `snippet`.

    On PostgreSQL `vector` (a stored vector's field name, or an expression made as the query
    runs) is searched and ranked, and `passage` (an expression) quoted around the hits; on
    SQLite the folded `fields` are matched and `text(row)` is quoted. `order` breaks ties."""
    if on_postgresql():
        terms = search_query(query)
        if terms is None:
            return []
        if not isinstance(vector, str):
            rows, vector = rows.annotate(found=vector), "found"
        found = list(
            rows.filter(**{vector: terms})
            .annotate(rank=SearchRank(F(vector), terms), passage=headline(passage, terms))
            .order_by("-rank", *order)[: limit + 1]
        )
        for row in found:
            row.snippet = highlight(row.passage)
        return found
    condition = matches("found", query)
    if condition is None:
        return []
    found = list(
        rows.annotate(found=folded(*fields)).filter(condition).order_by(*order)[: limit + 1]
    )
    for row in found:
        row.snippet = python_snippet(text(row), query)
    return found
