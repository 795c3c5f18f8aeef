"""My data, readable (issue 18): the personal data export (leerkring/privacy.py) as a page and
a PDF in plain Dutch, for the person themselves only.

The export is keyed by model label inside; the JSON a person downloads has Dutch keys
(privacy.JSON_KEYS), and its fields are Dutch already. This module puts every key in a
chapter with a Dutch title (CHAPTERS), every field under a Dutch label (LABELS) and every
stored code under its Dutch name (CHOICES). Built from the very same dict as the JSON,
so the readable version holds what the JSON holds; tests/leerkring/test_mijn_gegevens.py fails
when a key or a field has no place or label here. A key that has none is still shown, under
"Overige gegevens", with its field names as they are.

The PDF is one PdfKind (object: the person), rendered by the worker like the certificate;
only the person may see, download or retry it (`leerkring.view_personal_data`)."""

import datetime
import json
import re
from dataclasses import dataclass, field

import rules
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bijeenkomsten.models import Aanmelding, Bericht
from dilemmas.models import Casus
from gemeenten.models import Lidmaatschap, Uitnodiging
from leerkring.core.models import ExportJob
from leerkring.core.rendering import Document, PdfKind
from publicaties.models import PdfUpload

from . import privacy

MIJN_GEGEVENS = privacy.PERSONAL_DATA_PDF
TEMPLATE = "leerkring/pdf/mijn_gegevens.html"


# --- Where each kind of data goes, and what it is called --------------------------------------
@dataclass(frozen=True)
class Part:
    """One key of the export, with its Dutch title; `fields` takes part of a single record
    (the account's own fields and its settings are both in "core.user")."""

    key: str
    title: str
    fields: tuple[str, ...] | None = None


ACCOUNT_FIELDS = ("naam", "e-mailadres", "lid_sinds", "laatst_ingelogd")
SETTINGS_FIELDS = (
    "taal",
    "herinneringen",
    "dagen_van_tevoren",
    "e-mail_bij_nieuws",
    "wekelijks_overzicht",
)

CHAPTERS: list[tuple[str, str, list[Part]]] = [
    (
        "wie-je-bent",
        gettext_lazy("Wie je bent"),
        [
            Part("core.user", gettext_lazy("Je account"), ACCOUNT_FIELDS),
            Part("account.emailaddress", gettext_lazy("Je e-mailadressen")),
        ],
    ),
    (
        "instellingen",
        gettext_lazy("Je instellingen"),
        [
            Part(
                "core.user", gettext_lazy("Wat je van ons krijgt en in welke taal"), SETTINGS_FIELDS
            ),
            Part("bijeenkomsten.agendakoppeling", gettext_lazy("Je agendalink")),
        ],
    ),
    (
        "lidmaatschappen",
        gettext_lazy("Je lidmaatschappen"),
        [
            Part("gemeenten.lidmaatschap", gettext_lazy("Je gemeente")),
            Part("gemeenten.uitnodiging", gettext_lazy("Uitnodigingen die je aannam")),
            Part("gemeenten.deelname_coordinators", gettext_lazy("Waar je coördinator bent")),
            Part(
                "core.leerkring_researchers", gettext_lazy("Leerkringen waarin je onderzoeker bent")
            ),
            Part(
                "core.onderzoekeruitnodiging",
                gettext_lazy("Uitnodigingen om onderzoeker te worden"),
            ),
            Part("core.programma_managers", gettext_lazy("Programma's die je beheert")),
            Part(
                "core.onderzoekeruitnodiging_verstuurd",
                gettext_lazy("Uitnodigingen voor onderzoekers die je stuurde"),
            ),
        ],
    ),
    (
        "aanmeldingen",
        gettext_lazy("Je aanmeldingen"),
        [
            Part(
                "bijeenkomsten.aanmelding", gettext_lazy("Bijeenkomsten waarvoor je je aanmeldde")
            ),
            Part("bijeenkomsten.evaluatieingevuld", gettext_lazy("Evaluaties die je invulde")),
        ],
    ),
    (
        "casussen",
        gettext_lazy("Je casussen en reacties"),
        [
            Part("dilemmas.casus", gettext_lazy("Je casussen")),
            Part("dilemmas.casusversie", gettext_lazy("Wijzigingen die je in casussen maakte")),
            Part("dilemmas.reactie", gettext_lazy("Je reacties")),
        ],
    ),
    (
        "downloads",
        gettext_lazy("Je downloads"),
        [
            Part("publicaties.download", gettext_lazy("Publicaties die je downloadde")),
            Part("core.exportjob", gettext_lazy("Overzichten die je liet maken")),
        ],
    ),
    (
        "berichten",
        gettext_lazy("Berichten"),
        [
            Part("bijeenkomsten.berichtontvanger", gettext_lazy("Berichten die je kreeg")),
            Part("bijeenkomsten.bericht", gettext_lazy("Berichten die je stuurde")),
        ],
    ),
    (
        "werk",
        gettext_lazy("Wat je voor de leerkring maakte"),
        [
            Part("bijeenkomsten.document", gettext_lazy("Documenten bij bijeenkomsten")),
            Part("bijeenkomsten.verslagversie", gettext_lazy("Versies van verslagen")),
            Part(
                "publicaties.publicatie_authors", gettext_lazy("Publicaties waarvan je auteur bent")
            ),
            Part("publicaties.pdfupload", gettext_lazy("PDF's die je uploadde")),
            Part("publicaties.publicatieversie", gettext_lazy("Versies van publicaties")),
        ],
    ),
    (
        "logboek",
        gettext_lazy("Het logboek"),
        [Part("core.auditentry", gettext_lazy("Besluiten over jou en besluiten die je nam"))],
    ),
]

LABELS = {
    # who you are and your settings
    "naam": gettext_lazy("Naam"),
    "e-mailadres": gettext_lazy("E-mailadres"),
    "lid_sinds": gettext_lazy("Account gemaakt op"),
    "laatst_ingelogd": gettext_lazy("Laatst ingelogd op"),
    "e-mail_bij_nieuws": gettext_lazy("E-mail over reacties op je casussen"),
    "wekelijks_overzicht": gettext_lazy("Wekelijks overzicht per e-mail"),
    "taal": gettext_lazy("Taal"),
    "herinneringen": gettext_lazy("Herinneringen aan bijeenkomsten"),
    "dagen_van_tevoren": gettext_lazy("Herinnering hoeveel dagen van tevoren"),
    "bevestigd": gettext_lazy("Bevestigd"),
    "hoofdadres": gettext_lazy("Hoofdadres"),
    "heeft_agendalink": gettext_lazy("Je hebt een persoonlijke agendalink"),
    # memberships
    "gemeente": gettext_lazy("Gemeente"),
    "functie": gettext_lazy("Functie"),
    "status": gettext_lazy("Status"),
    "zichtbaar_voor_collegas": gettext_lazy("Zichtbaar voor collega's"),
    "toelichting_besluit": gettext_lazy("Toelichting bij het besluit"),
    "besloten_op": gettext_lazy("Besloten op"),
    "aangevraagd_op": gettext_lazy("Aangevraagd op"),
    "rol": gettext_lazy("Rol"),
    "verstuurd_op": gettext_lazy("Verstuurd op"),
    "aangenomen_op": gettext_lazy("Aangenomen op"),
    "aangenomen": gettext_lazy("Aangenomen"),
    "verloopt_op": gettext_lazy("Verloopt op"),
    "leerkring": gettext_lazy("Leerkring"),
    # registrations
    "bijeenkomst": gettext_lazy("Bijeenkomst"),
    "begint": gettext_lazy("Begint op"),
    "werkgroep": gettext_lazy("Werkgroep"),
    "dieetwensen": gettext_lazy("Dieetwensen"),
    "toegankelijkheid": gettext_lazy("Wat je nodig hebt om mee te doen"),
    "aangemeld_op": gettext_lazy("Aangemeld op"),
    "afgemeld_op": gettext_lazy("Afgemeld op"),
    "reden_van_afmelden": gettext_lazy("Reden van afmelden"),
    "evaluatie_van": gettext_lazy("Evaluatie van"),
    # cases and comments
    "titel": gettext_lazy("Titel"),
    "dilemma": gettext_lazy("Dilemma"),
    "situatie": gettext_lazy("Situatie"),
    "vraag": gettext_lazy("Vraag aan de leerkring"),
    "zichtbaarheid": gettext_lazy("Wie mag de casus zien"),
    "geanonimiseerd": gettext_lazy("Geanonimiseerde versie"),
    "gemaakt_op": gettext_lazy("Gemaakt op"),
    "gepubliceerd_op": gettext_lazy("Gepubliceerd op"),
    "casus": gettext_lazy("Casus"),
    "tekst": gettext_lazy("Tekst"),
    "geplaatst_op": gettext_lazy("Geplaatst op"),
    "verborgen": gettext_lazy("Verborgen door een onderzoeker"),
    "reden_verborgen": gettext_lazy("Reden van verbergen"),
    "tijdstip": gettext_lazy("Tijdstip"),
    "gewijzigd": gettext_lazy("Gewijzigde velden"),
    # downloads, messages, work
    "publicatie": gettext_lazy("Publicatie"),
    "export": gettext_lazy("Overzicht"),
    "onderwerp": gettext_lazy("Onderwerp"),
    "aan": gettext_lazy("Aan"),
    "document": gettext_lazy("Document"),
    "geupload": gettext_lazy("Geüpload op"),
    "geupload_op": gettext_lazy("Geüpload op"),
    "verslag": gettext_lazy("Verslag"),
    "versie": gettext_lazy("Versie"),
    "opgeslagen_op": gettext_lazy("Opgeslagen op"),
    # the audit log
    "handeling": gettext_lazy("Wat er gebeurde"),
    "object": gettext_lazy("Waarover"),
    "toelichting": gettext_lazy("Toelichting"),
    "door_jou": gettext_lazy("Door jou"),
}

# Stored codes under their Dutch names: (key of the export, field) → {code: name}.
CHOICES = {
    ("core.user", "taal"): dict(settings.LANGUAGES),
    ("gemeenten.lidmaatschap", "status"): dict(Lidmaatschap.Status.choices),
    ("gemeenten.uitnodiging", "rol"): dict(Uitnodiging.Role.choices),
    ("bijeenkomsten.aanmelding", "status"): dict(Aanmelding.Status.choices),
    ("bijeenkomsten.bericht", "aan"): dict(Bericht.Audience.choices),
    ("dilemmas.casus", "status"): dict(Casus.Status.choices),
    ("dilemmas.casus", "zichtbaarheid"): dict(Casus.Visibility.choices),
    ("core.exportjob", "status"): dict(ExportJob.Status.choices),
    ("publicaties.pdfupload", "status"): dict(PdfUpload.Status.choices),
}
# The names of the changed fields of a case version.
CASE_FIELDS = {
    "title": gettext_lazy("titel"),
    "situation": gettext_lazy("situatie"),
    "question": gettext_lazy("vraag"),
    "dilemma": gettext_lazy("dilemma"),
    "rollen": gettext_lazy("rollen"),
    "waarden": gettext_lazy("democratische waarden"),
    "visibility": gettext_lazy("zichtbaarheid"),
    "anonymise": gettext_lazy("geanonimiseerd delen"),
    "anon_title": gettext_lazy("titel (geanonimiseerd)"),
    "anon_situation": gettext_lazy("situatie (geanonimiseerd)"),
    "anon_question": gettext_lazy("vraag (geanonimiseerd)"),
    "status": gettext_lazy("status"),
}

ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


# --- The readable version ---------------------------------------------------------------------
@dataclass
class Section:
    title: str
    records: list[list[tuple[str, str]]] = field(default_factory=list)
    values: list[str] = field(default_factory=list)  # a list of names (titles of circles)


@dataclass
class Chapter:
    slug: str
    title: str
    sections: list[Section]


def _value(key: str, name: str, value) -> str:
    """One stored value in words: dates as dates, yes/no, codes by their Dutch name."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, list):
        if key == "dilemmas.casusversie":
            return ", ".join(str(CASE_FIELDS.get(item, item)) for item in value)
        return ", ".join(str(item) for item in value)
    if isinstance(value, str) and ISO_DATETIME.match(value):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "j F Y, H:i")
    choices = CHOICES.get((key, name))
    if choices and value in choices:
        return str(choices[value])
    return str(value)


def _label(name: str) -> str:
    return str(LABELS.get(name, name))


def _record(key: str, data: dict, names=None) -> list[tuple[str, str]]:
    rows = []
    for name in names or data:
        value = data.get(name)
        if isinstance(value, dict):  # the anonymised version of a case
            rows += [
                (f"{_label(name)}: {_label(sub).lower()}", _value(key, sub, item))
                for sub, item in value.items()
            ]
        else:
            rows.append((_label(name), _value(key, name, value)))
    return rows


def _section(key: str, title: str, data, names=None) -> Section:
    section = Section(title=str(title))
    if isinstance(data, dict):
        section.records.append(_record(key, data, names))
    else:
        for item in data or []:
            if isinstance(item, dict):
                section.records.append(_record(key, item))
            else:
                section.values.append(str(item))
    return section


def readable(data: dict) -> list[Chapter]:
    """The export (privacy.personal_data_export) in chapters, with Dutch titles and labels."""
    chapters = []
    placed = {"export"}
    for slug, title, parts in CHAPTERS:
        sections = []
        for part in parts:
            if part.key not in data:
                continue
            placed.add(part.key)
            sections.append(_section(part.key, part.title, data[part.key], part.fields))
        chapters.append(Chapter(slug=slug, title=str(title), sections=sections))
    rest = [key for key in data if key not in placed]
    if rest:
        chapters.append(
            Chapter(
                slug="overig",
                title=_("Overige gegevens"),
                sections=[_section(key, key, data[key]) for key in rest],
            )
        )
    return chapters


def personal_data_readable(*, user) -> dict:
    """What the page and the PDF show: the person's own data, never anyone else's (the export
    is built for `user` alone; there is no id to ask for another person's)."""
    data = privacy.personal_data_export(user=user)
    return {
        "chapters": readable(data),
        "made_at": timezone.now(),
        "name": user.display_name,
    }


# --- Who may see it ---------------------------------------------------------------------------
@rules.predicate
def is_the_person(user, person) -> bool:
    return person is not None and user.is_authenticated and user.pk == person.pk


rules.add_perm("leerkring.view_personal_data", is_the_person)


# --- The PDF ----------------------------------------------------------------------------------
def person_for_pdf(pk: int):
    """The person whose data the PDF holds; DoesNotExist once the account is removed."""
    return get_user_model().objects.get(pk=pk, is_active=True, is_removed=False)


def mijn_gegevens_version(person) -> str:
    """What the PDF shows: the export itself, without the moment it was made and the last
    log-in (every log-in would make it again)."""
    data = privacy.personal_data_export(user=person)
    data.pop("export", None)
    data["core.user"].pop("laatst_ingelogd", None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def mijn_gegevens_filename(person) -> str:
    return f"mijn-gegevens-{slugify(person.name)[:60] or person.pk}.pdf"


def mijn_gegevens_document(person) -> Document:
    """In the person's language: the labels, dates and yes/no are put in words here."""
    language = getattr(person, "language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        return Document(
            template=TEMPLATE,
            context=personal_data_readable(user=person),
            # The job's title is seen in the researchers' list of failed PDFs: no name in it.
            title=_("Mijn gegevens bij Leerkring"),
            filename=mijn_gegevens_filename(person),
            language=language,
        )


MIJN_GEGEVENS_PDF = PdfKind(
    kind=MIJN_GEGEVENS,
    get_object=person_for_pdf,
    build=mijn_gegevens_document,
    version=mijn_gegevens_version,
    permission="leerkring.view_personal_data",
    retry_permission="leerkring.view_personal_data",
    filename=mijn_gegevens_filename,
    page_url=lambda person: reverse("profile-data"),
    # Nobody else is sent to this page, also not from the researchers' list of failed PDFs.
    failed_links=lambda ids, circles: {},
)
