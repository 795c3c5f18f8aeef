"""The CSV exports of meetings (registered in BijeenkomstenConfig.ready): registrations and
attendance, read through the same selector and FilterSet as the screen
"Aanmeldingen en aanwezigheid" (bijeenkomsten:aanmelding-list)."""

from django.utils.translation import gettext_lazy as _

from gemeenten.selectors import viewer_context
from leerkring.core import exports
from leerkring.core.fields import id_from

from .models import Bijeenkomst
from .selectors import evaluatie as evaluatie_selectors
from .selectors import lists as lists_selectors

AANMELDINGEN = "bijeenkomsten.aanmeldingen"

COLUMNS = [
    _("Bijeenkomst"),
    _("Datum"),
    _("Persoon"),
    _("Gemeente"),
    _("Status"),
    _("Werkgroep"),
    _("Aangemeld op"),
]
# Diet and accessibility are what researchers need to arrange a meeting (catering, the
# venue); they are health-related, so coordinators, who do not arrange meetings, see neither.
NEEDS_COLUMNS = [_("Dieetwensen"), _("Toegankelijkheid")]


def sees_needs(user) -> bool:
    """Researchers see people's needs, in the circles they research."""
    return bool(viewer_context(user).researched)


def aanmelding_columns(user) -> list:
    return COLUMNS + NEEDS_COLUMNS if sees_needs(user) else list(COLUMNS)


def aanmelding_cells(aanmelding, *, researched) -> list:
    """One registration as the screen's table and the CSV show it (needs only when
    `researched`, the ids of the circles the viewer researches, is not empty)."""
    cells = [
        aanmelding.bijeenkomst.title,
        aanmelding.bijeenkomst.starts_at,
        aanmelding.deelnemer.display_name,
        aanmelding.gemeente.name if aanmelding.gemeente else "",
        aanmelding.get_status_display(),
        aanmelding.werkgroep.title if aanmelding.werkgroep else "",
        aanmelding.created_at,
    ]
    if researched:
        mine = aanmelding.bijeenkomst.leerkring_id in researched
        cells += [aanmelding.diet, aanmelding.accessibility] if mine else ["", ""]
    return cells


def aanmelding_rows(user, params) -> exports.Rows:
    aanmelding_filter, aanmeldingen = lists_selectors.aanmelding_export_list(user=user, data=params)
    exports.checked(aanmelding_filter)
    researched = viewer_context(user).researched
    rows = (
        aanmelding_cells(aanmelding, researched=researched)
        for aanmelding in aanmeldingen.iterator(chunk_size=exports.CHUNK_SIZE)
    )
    return aanmeldingen.count(), rows


def aanmelding_filters(user, params) -> list[tuple[str, str]]:
    aanmelding_filter, _aanmeldingen = lists_selectors.aanmelding_export_list(
        user=user, data=params
    )
    return exports.filters_in_words(exports.checked(aanmelding_filter).form)


AANMELDINGEN_SPEC = exports.ExportSpec(
    title=_("Aanmeldingen en aanwezigheid"),
    filename="aanmeldingen",
    columns=aanmelding_columns,
    rows=aanmelding_rows,
    permission="bijeenkomsten.view_aanmeldingen",
    describe=aanmelding_filters,
    screen="bijeenkomsten:aanmelding-list",
)


# --- The answers to a meeting's questionnaire (bijeenkomsten:evaluatie-export) ----------------
EVALUATIE = "bijeenkomsten.evaluatie"


def evaluatie_for_export(user, params):
    """The questionnaire of the meeting `?bijeenkomst=<id>`, when this person researches the
    meeting and it has enough answers to show (selectors.evaluatie.MIN_RESPONSES); otherwise
    ExportError with the reason."""
    bijeenkomst = Bijeenkomst.objects.filter(pk=id_from(params.get("bijeenkomst", "")) or 0).first()
    if bijeenkomst is None or not user.has_perm("bijeenkomsten.view_evaluatie", bijeenkomst):
        raise exports.ExportError(_("Deze evaluatie bestaat niet of is niet voor jou."))
    evaluatie = evaluatie_selectors.evaluatie_of(bijeenkomst=bijeenkomst)
    if evaluatie is None or not evaluatie.is_sent:
        raise exports.ExportError(_("De evaluatie is nog niet verstuurd; er zijn geen antwoorden."))
    results = evaluatie_selectors.Results(count=len(evaluatie_selectors.responses_of(evaluatie)))
    if not results.shown:
        raise exports.ExportError(results.too_few_message)
    return evaluatie


def evaluatie_columns(user, params) -> list:
    return evaluatie_selectors.export_columns(evaluatie_for_export(user, params))


def evaluatie_rows(user, params) -> exports.Rows:
    """One row per response, without anyone's name (selectors.evaluatie.export_rows)."""
    rows = evaluatie_selectors.export_rows(evaluatie_for_export(user, params))
    return len(rows), rows


EVALUATIE_SPEC = exports.ExportSpec(
    title=_("Antwoorden op de evaluatie"),
    filename="evaluatie",
    columns=evaluatie_columns,
    columns_from_params=True,
    rows=evaluatie_rows,
    # Checked per meeting by evaluatie_for_export (the researchers of that meeting), also
    # when a worker makes it.
    permission="",
)
