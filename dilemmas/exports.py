"""The CSV export of the case library (registered in DilemmasConfig.ready), for researchers:
the rows of the library screen for the same filters, in the same order.

The file leaves the platform, so a case whose author asked for an anonymised version is
exported anonymised, even though researchers read the original on the screen: its anonymised
title, situation and question, and neither its municipality nor its author. The library of a
researcher in a programme also holds the cases other circles opened to it; the last column
names every case's circle."""

from django.utils.translation import gettext_lazy as _

from leerkring.core import exports

from . import selectors

CASUSSEN = "dilemmas.casussen"

COLUMNS = [
    _("Titel"),
    _("Dilemma"),
    _("Gemeente"),
    _("Rollen"),
    _("Democratische waarden"),
    _("Situatie"),
    _("Vraag"),
    _("Gepubliceerd op"),
    _("Aantal reacties"),
    _("Geanonimiseerd"),
    _("Leerkring"),
]
LEFT_OUT = _("(geanonimiseerd)")
NOT_YET = _("(nog niet geanonimiseerd)")


def casus_cells(casus) -> list:
    """One case as a row of the export (rollen and waarden prefetched)."""
    if casus.anonymise:
        title, situation, question = (
            text or str(NOT_YET)
            for text in (casus.anon_title, casus.anon_situation, casus.anon_question)
        )
        gemeente = str(LEFT_OUT)
    else:
        title, situation, question = casus.title, casus.situation, casus.question
        gemeente = casus.gemeente.name if casus.gemeente else ""
    return [
        title,
        casus.dilemma.title if casus.dilemma_id else "",
        gemeente,
        [rol.name for rol in casus.rollen.all()],
        [waarde.name for waarde in casus.waarden.all()],
        situation,
        question,
        casus.published_at,
        casus.reactie_count,
        casus.anonymise,
        casus.leerkring.title,
    ]


def casus_rows(user, params) -> exports.Rows:
    casus_filter, casussen = selectors.casus_library(user=user, data=params)
    exports.checked(casus_filter)
    rows = (casus_cells(casus) for casus in casussen.iterator(chunk_size=exports.CHUNK_SIZE))
    return casussen.count(), rows


def casus_filters(user, params) -> list[tuple[str, str]]:
    casus_filter, _casussen = selectors.casus_library(user=user, data=params)
    return exports.filters_in_words(exports.checked(casus_filter).form)


CASUSSEN_SPEC = exports.ExportSpec(
    title=_("Casussen uit de praktijk"),
    filename="casussen",
    columns=COLUMNS,
    rows=casus_rows,
    permission="dilemmas.export_casussen",
    describe=casus_filters,
    screen="dilemmas:casus-list",
)
