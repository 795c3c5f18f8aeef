"""CSV exports: the parts that do not touch the job row.

Each app registers the kinds of export it offers (`register`, from its AppConfig.ready) with
a title, a filename stem, the column headers and a function `rows(user, params)` that reads
through the very selector and FilterSet of the screen the export belongs to, so the file holds
exactly the rows the screen shows for the same filters. A small export is answered at once
(`csv_response`); a large one becomes an `ExportJob` that a worker writes in the background
(services.py and worker.py beside this module; its page in views.py).

The files are made for Dutch Excel: UTF-8 with a byte order mark and `;` between the cells
(docs/decisions.md, D28), a header row first, times in Europe/Amsterdam as `YYYY-MM-DD HH:MM`,
and every text cell that a spreadsheet would read as a formula defused with a leading `'`."""

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django import forms
from django.http import HttpResponse, QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..text import clean_text

# Rows fetched from the database at a time. At least as many as an export answered at once may
# have, so that such an export costs the same few queries however many rows it has.
CHUNK_SIZE = 2000
DELIMITER = ";"
BOM = "\ufeff"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets.
# Line breaks are "\n" by then (defuse cleans first), so a carriage return shows up as one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# The screen's page number is not a filter.
NOT_PARAMS = {"pagina", "csrfmiddlewaretoken"}

Rows = tuple[int, Iterable[Sequence]]


class ExportError(Exception):
    """An export that cannot be made; the message is for the person who asked."""


class InvalidFilters(ExportError):
    """The filters are not valid; the screen shows which and why."""


@dataclass(frozen=True)
class ExportSpec:
    """One kind of export. `columns` are the headers (lazily translated), or a function of
    the user that gives them; `rows(user, params)` returns (number of rows, the rows) and
    raises InvalidFilters when the screen would show a form error; `describe(user, params)`
    gives the filters in words, (label, value) pairs, for the job's page; `permission` is
    checked again when a worker makes it."""

    title: str
    filename: str
    columns: Sequence[str] | Callable[..., Sequence[str]]
    rows: Callable[..., Rows]
    permission: str = ""
    describe: Callable[..., list[tuple[str, str]]] | None = None
    screen: str = ""  # the URL name of the screen whose rows and filters these are
    # Columns that depend on what is exported (the questions of one questionnaire): `columns`
    # is then a function of (user, params).
    columns_from_params: bool = False

    def headers(self, user, params=None) -> list[str]:
        if not callable(self.columns):
            columns = self.columns
        elif self.columns_from_params:
            columns = self.columns(user, params)
        else:
            columns = self.columns(user)
        return [str(column) for column in columns]


_specs: dict[str, ExportSpec] = {}


def register(kind: str, spec: ExportSpec) -> None:
    """Offer exports of `kind` (called from an AppConfig.ready)."""
    _specs[kind] = spec


def get(kind: str) -> ExportSpec:
    """The spec of one kind; LookupError for an unknown kind."""
    try:
        return _specs[kind]
    except KeyError as exc:
        raise LookupError(f"unknown export kind {kind!r}") from exc


# --- Filters ----------------------------------------------------------------------------------
def params_from(query: QueryDict) -> dict[str, list[str]]:
    """The filters of a request as plain data, to keep on a job."""
    return {key: values for key, values in query.lists() if key not in NOT_PARAMS}


def query_from(params: dict[str, list[str]] | QueryDict) -> QueryDict:
    """The filters kept on a job as the request's QueryDict they came from."""
    if isinstance(params, QueryDict):
        return params
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, [str(v) for v in (values if isinstance(values, list) else [values])])
    query._mutable = False
    return query


def checked(filterset):
    """The FilterSet, when its form is valid; otherwise InvalidFilters with the errors. The
    screen leaves out an invalid filter and shows its error; an export must not silently
    hold more than was asked for."""
    if not filterset.is_valid():
        errors = "; ".join(
            f"{filterset.form.fields[name].label if name in filterset.form.fields else name}: "
            f"{' '.join(messages)}"
            for name, messages in filterset.form.errors.items()
        )
        raise InvalidFilters(_("De filters kloppen niet: %(errors)s") % {"errors": errors})
    return filterset


def filters_in_words(form: forms.Form) -> list[tuple[str, str]]:
    """(label, chosen value) of every filter that is set, as a person reads them."""
    described = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        if value in (None, "", [], ()):
            continue
        if isinstance(field, forms.ModelChoiceField):
            shown = field.label_from_instance(value)
        elif isinstance(field, forms.ChoiceField):
            shown = str(dict(field.choices).get(value, value))
        else:
            shown = str(value)
        described.append((str(field.label), shown))
    return described


# --- Writing ----------------------------------------------------------------------------------
def cell(value) -> str | int | Decimal | float:
    """One value as a CSV cell: numbers stay numbers, times in Amsterdam, yes/no in words,
    lists joined, and text that a spreadsheet would run as a formula is defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(AMSTERDAM)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, list | tuple | set | frozenset):
        return defuse(", ".join(str(v) for v in value))
    return defuse(str(value))


def defuse(text: str) -> str:
    """Text cleaned of control characters (leerkring.core.text; line breaks stay, as "\n"
    inside the quoted cell), and when it starts like a formula a leading apostrophe, so it
    stays text (OWASP, CSV injection)."""
    text = clean_text(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(
    handle,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    progress: Callable[[int], None] | None = None,
    every: int = 500,
) -> int:
    """Write the byte order mark, the header row and the rows to a text handle; call
    `progress(rows written so far)` every `every` rows. Returns the number of rows."""
    handle.write(BOM)
    writer = csv.writer(handle, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([defuse(str(h)) for h in headers])
    written = 0
    for row in rows:
        writer.writerow([cell(value) for value in row])
        written += 1
        if progress is not None and written % every == 0:
            progress(written)
    return written


def filename_for(spec: ExportSpec) -> str:
    return f"{spec.filename}-{timezone.localdate():%Y-%m-%d}.csv"


def csv_response(*, filename: str, headers: Sequence[str], rows: Iterable[Sequence]):
    """A small export as a download, made in this request. Personal data: no cache keeps it."""
    buffer = io.StringIO()
    write_csv(buffer, headers, rows)
    response = HttpResponse(
        buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def spec_response(kind: str, *, user, rows: Iterable[Sequence], params=None) -> HttpResponse:
    """The CSV of one registered kind, with its headers in the active language."""
    spec = get(kind)
    return csv_response(filename=filename_for(spec), headers=spec.headers(user, params), rows=rows)


def language() -> str:
    return translation.get_language() or "nl"
