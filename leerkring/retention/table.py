"""The retention table: what personal data Leerkring holds, why, and how long (see the package's
docstring). Change a period here; the privacy statement and the daily run follow.

Periods that are settings elsewhere are read from there (a callable), so that they too are
stated as they are: EXPORT_KEEP_DAYS (the sweeper deletes exports), UITNODIGING_KEEP_DAYS
(the sweeper deletes unused invitations) and SESSION_COOKIE_AGE (Django's sessions)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gemeenten.services import UITNODIGING_KEEP_DAYS

# How a rule removes data.
DELETE = "delete"  # the rows go
BLANK = "blank"  # the rows stay, the fields with personal data are emptied
ANONYMISE = "anonymise"  # the rows stay as counts; who it was goes

HOW = {
    DELETE: _("dan verwijderen we ze"),
    BLANK: _("dan wissen we ze"),
    ANONYMISE: _("dan halen we weg wie het was; alleen de aantallen per gemeente blijven"),
}


@dataclass(frozen=True)
class Rule:
    """One retention period: `days` after `after` the data in `fields` is removed `how`."""

    key: str
    what: str
    days: int | Callable[[], int]
    after: str
    how: str
    fields: tuple[str, ...]

    @property
    def period_days(self) -> int:
        return self.days() if callable(self.days) else self.days

    def period(self) -> str:
        """ "30 dagen na de bijeenkomst", "1 jaar na de download"."""
        days = self.period_days
        if days % 365 == 0:
            years = days // 365
            amount = ngettext("%(n)s jaar", "%(n)s jaar", years) % {"n": years}
        else:
            amount = ngettext("%(n)s dag", "%(n)s dagen", days) % {"n": days}
        return f"{amount} {self.after}"

    def sentence(self) -> str:
        """The rule as the privacy statement says it."""
        return str(format_lazy(_("{period}: {how}."), period=self.period(), how=HOW[self.how]))


def _session_days() -> int:
    return max(1, settings.SESSION_COOKIE_AGE // (24 * 60 * 60))


def _export_days() -> int:
    return settings.EXPORT_KEEP_DAYS


def _uitnodiging_days() -> int:
    return UITNODIGING_KEEP_DAYS


AFTER_MEETING = _("na de bijeenkomst")

RULES: tuple[Rule, ...] = (
    Rule(
        key="aanmelding_behoeften",
        what=_("Dieetwensen en toegankelijkheid bij een aanmelding"),
        days=30,
        after=AFTER_MEETING,
        how=BLANK,
        fields=("bijeenkomsten.Aanmelding.diet", "bijeenkomsten.Aanmelding.accessibility"),
    ),
    Rule(
        key="aanmelding_afmeldreden",
        what=_("De reden van afmelden"),
        days=30,
        after=AFTER_MEETING,
        how=BLANK,
        fields=("bijeenkomsten.Aanmelding.cancel_reason",),
    ),
    Rule(
        key="bijeenkomst_contactpersoon",
        what=_("De contactpersoon op de dag van een bijeenkomst"),
        days=30,
        after=AFTER_MEETING,
        how=BLANK,
        fields=(
            "bijeenkomsten.Bijeenkomst.contact_name",
            "bijeenkomsten.Bijeenkomst.contact_phone",
        ),
    ),
    Rule(
        key="downloads",
        what=_("Wie een publicatie downloadde"),
        days=365,
        after=_("na de download"),
        how=ANONYMISE,
        fields=("publicaties.Download.user", "publicaties.Download.created_at"),
    ),
    Rule(
        key="uitgaande_email",
        what=_("E-mails die niet verstuurd konden worden"),
        days=30,
        after=_("na het schrijven"),
        how=DELETE,
        fields=(
            "core.OutgoingEmail.to",
            "core.OutgoingEmail.subject",
            "core.OutgoingEmail.body",
            "core.OutgoingEmail.html",
            "core.OutgoingEmail.attachments",
        ),
    ),
    Rule(
        key="exports",
        what=_("Exports die je aanvroeg"),
        days=_export_days,
        after=_("na het aanvragen"),
        how=DELETE,
        fields=("core.ExportJob.user", "core.ExportJob.params", "core.ExportJob.file"),
    ),
    Rule(
        key="pdf_met_namen",
        what=_("PDF's met namen: deelnamebewijzen, presentielijsten en de PDF van je gegevens"),
        days=30,
        after=_("na het maken"),
        how=DELETE,
        fields=("core.RenderJob.file", "core.RenderJob.title"),
    ),
    Rule(
        key="uitnodiging_ongebruikt",
        what=_("Uitnodigingen die niet zijn gebruikt"),
        days=_uitnodiging_days,
        after=_("nadat de uitnodiging verliep"),
        how=DELETE,
        fields=("gemeenten.Uitnodiging.email", "gemeenten.Uitnodiging.name"),
    ),
    Rule(
        key="uitnodiging_gebruikt",
        what=_("Uitnodigingen die zijn gebruikt"),
        days=30,
        after=_("nadat de uitnodiging werd gebruikt"),
        how=DELETE,
        fields=(
            "gemeenten.Uitnodiging.email",
            "gemeenten.Uitnodiging.name",
            "gemeenten.Uitnodiging.invited_by",
            "gemeenten.Uitnodiging.accepted_by",
        ),
    ),
    Rule(
        key="onderzoeker_uitnodiging",
        what=_("Uitnodigingen om onderzoeker te worden, die zijn gebruikt of verlopen"),
        days=30,
        after=_("nadat de uitnodiging werd gebruikt of verliep"),
        how=DELETE,
        fields=(
            "core.OnderzoekerUitnodiging.email",
            "core.OnderzoekerUitnodiging.name",
            "core.OnderzoekerUitnodiging.invited_by",
            "core.OnderzoekerUitnodiging.accepted_by",
        ),
    ),
    Rule(
        key="gemeente_afgewezen_contact",
        what=_("De contactpersoon van een gemeente die niet is toegelaten"),
        days=90,
        after=_("na het besluit"),
        how=BLANK,
        fields=("gemeenten.Deelname.contact_name", "gemeenten.Deelname.contact_email"),
    ),
    Rule(
        key="logboek",
        what=_("Regels in het logboek"),
        days=730,
        after=_("na de handeling"),
        how=DELETE,
        fields=(
            "core.AuditEntry.actor",
            "core.AuditEntry.subject",
            "core.AuditEntry.target_repr",
            "core.AuditEntry.detail",
        ),
    ),
    Rule(
        key="sessies",
        what=_("Sessies (dat je bent ingelogd)"),
        days=_session_days,
        after=_("na het inloggen"),
        how=DELETE,
        fields=("sessions.Session.session_data",),
    ),
)

RULES_BY_KEY = {rule.key: rule for rule in RULES}

# How long data without a rule of its own is kept.
ACCOUNT = _("Zolang je account bestaat. Verwijder je je account, dan wissen we ze meteen.")
CONTRIBUTION = _(
    "Zolang de leerkring ze bewaart. Verwijder je je account, dan blijven ze staan onder "
    "de naam “voormalig deelnemer”."
)
PUBLIC_RECORD = _("Zolang het verslag, de publicatie of de pagina van de leerkring bestaat.")


@dataclass(frozen=True)
class Gegeven:
    """One kind of personal data: one line of the privacy statement. `fields` are the model
    fields it lives in ("app.Model.field"); `kept` says how long without a rule (ACCOUNT,
    CONTRIBUTION, PUBLIC_RECORD or a text of its own), `rules` are the keys of RULES that
    remove it."""

    key: str
    what: str
    why: str
    fields: tuple[str, ...]
    kept: str = ""
    rules: tuple[str, ...] = ()
    health: bool = False

    def retention(self) -> list[str]:
        sentences = [str(self.kept)] if self.kept else []
        return sentences + [RULES_BY_KEY[key].sentence() for key in self.rules]


PERSONAL_DATA: tuple[Gegeven, ...] = (
    Gegeven(
        key="account",
        what=_("Je naam, je e-mailadres en je wachtwoord (versleuteld)"),
        why=_("Om in te loggen, je te herkennen in de leerkring en je e-mail te sturen."),
        fields=(
            "core.User.name",
            "core.User.email",
            "core.User.password",
            "core.User.date_joined",
            "core.User.last_login",
            "core.User.is_active",
            "account.EmailAddress.user",
            "account.EmailAddress.email",
            "account.EmailAddress.verified",
            "account.EmailAddress.primary",
        ),
        kept=ACCOUNT,
    ),
    Gegeven(
        key="instellingen",
        what=_(
            "Je instellingen: je taal, herinneringen aan bijeenkomsten (aan of uit, hoeveel "
            "dagen van tevoren), e-mail bij nieuws en het wekelijkse overzicht. En de geheime "
            "link van je agenda-koppeling."
        ),
        why=_("Om je pagina's en e-mails in jouw taal te tonen en alleen te sturen wat je wilt."),
        fields=(
            "core.User.language",
            "core.User.reminders",
            "core.User.reminder_days",
            "core.User.email_notifications",
            "core.User.weekly_digest",
            "core.User.digest_week",
            "bijeenkomsten.Agendakoppeling.user",
            "bijeenkomsten.Agendakoppeling.token",
        ),
        kept=ACCOUNT,
    ),
    Gegeven(
        key="gemeente",
        what=_("Je gemeente, je functie, of collega's je zien, en je rol in de leerkring"),
        why=_(
            "Om te bepalen wat je mag zien, en zodat de coördinator van je gemeente weet wie "
            "meedoet."
        ),
        fields=(
            "gemeenten.Lidmaatschap.user",
            "gemeenten.Lidmaatschap.job_title",
            "gemeenten.Lidmaatschap.visible_to_colleagues",
            "gemeenten.Lidmaatschap.decision_reason",
            "gemeenten.Deelname.coordinators",
            "core.Leerkring.researchers",
        ),
        kept=ACCOUNT,
    ),
    Gegeven(
        key="aanmeldingen",
        what=_(
            "Je aanmeldingen voor bijeenkomsten: je plek of wachtlijst, je werkgroep en of "
            "je er was"
        ),
        why=_(
            "Om bijeenkomsten te organiseren en het onderzoek te verantwoorden aan de "
            "financiers (alleen in aantallen per gemeente)."
        ),
        fields=("bijeenkomsten.Aanmelding.deelnemer",),
        kept=ACCOUNT,
    ),
    Gegeven(
        key="behoeften",
        what=_(
            "Je dieetwensen en wat je nodig hebt om mee te doen (toegankelijkheid). Dit kan "
            "iets zeggen over je gezondheid."
        ),
        why=_(
            "Om eten en de zaal voor je te regelen. Alleen jij en de onderzoekers zien het. "
            "Je vult het alleen in als je wilt."
        ),
        fields=("bijeenkomsten.Aanmelding.diet", "bijeenkomsten.Aanmelding.accessibility"),
        rules=("aanmelding_behoeften",),
        health=True,
    ),
    Gegeven(
        key="afmeldreden",
        what=_("De reden die je geeft als je je afmeldt"),
        why=_(
            "Zodat de onderzoekers bijeenkomsten beter kunnen plannen. Invullen mag, hoeft niet."
        ),
        fields=("bijeenkomsten.Aanmelding.cancel_reason",),
        rules=("aanmelding_afmeldreden",),
    ),
    Gegeven(
        key="contactpersoon_dag",
        what=_("De naam en het telefoonnummer van de contactpersoon op de dag van een bijeenkomst"),
        why=_("Zodat deelnemers iemand kunnen bellen als ze de weg niet vinden of later komen."),
        fields=(
            "bijeenkomsten.Bijeenkomst.contact_name",
            "bijeenkomsten.Bijeenkomst.contact_phone",
        ),
        rules=("bijeenkomst_contactpersoon",),
    ),
    Gegeven(
        key="evaluatie",
        what=_("Dat je een evaluatie hebt ingevuld. Wat je antwoordde bewaren we zonder je naam."),
        why=_("Zodat je een evaluatie maar één keer invult."),
        fields=("bijeenkomsten.EvaluatieIngevuld.user",),
        kept=ACCOUNT,
    ),
    Gegeven(
        key="bijdragen",
        what=_("Casussen en reacties die je schrijft, met hun eerdere versies"),
        why=_("Om ervan te leren in de leerkring. Jij kiest wie ze ziet."),
        fields=(
            "dilemmas.Casus.author",
            "dilemmas.Casus.title",
            "dilemmas.Casus.situation",
            "dilemmas.Casus.question",
            "dilemmas.Casus.anon_title",
            "dilemmas.Casus.anon_situation",
            "dilemmas.Casus.anon_question",
            "dilemmas.CasusVersie.editor",
            "dilemmas.CasusVersie.snapshot",
            "dilemmas.Reactie.author",
            "dilemmas.Reactie.body",
            "dilemmas.Reactie.hidden_reason",
        ),
        kept=CONTRIBUTION,
    ),
    Gegeven(
        key="berichten",
        what=_("Berichten die je via Leerkring krijgt of stuurt"),
        why=_("Zodat je ze ook op de site kunt teruglezen."),
        fields=(
            "bijeenkomsten.BerichtOntvanger.user",
            "bijeenkomsten.Bericht.sender",
            "bijeenkomsten.Bericht.subject",
            "bijeenkomsten.Bericht.body",
        ),
        kept=ACCOUNT,
    ),
    Gegeven(
        key="downloads",
        what=_(
            "Welke publicaties je downloadt, wanneer, en bij welke gemeente of partner je hoort"
        ),
        why=_(
            "Om aan de financiers te laten zien hoeveel de publicaties gelezen worden, per "
            "gemeente en per partner."
        ),
        fields=(
            "publicaties.Download.user",
            "publicaties.Download.created_at",
            "publicaties.Download.gemeente",
            "publicaties.Download.partner",
        ),
        rules=("downloads",),
    ),
    Gegeven(
        key="werk",
        what=_(
            "Wie iets opsloeg of besliste: een verslag, document of publicatie, het toelaten "
            "van een persoon of gemeente, het verbergen van een reactie"
        ),
        why=_("Zodat de onderzoekers weten wie wat deed, en het kunnen uitleggen."),
        fields=(
            "bijeenkomsten.VerslagVersie.created_by",
            "bijeenkomsten.Document.created_by",
            "publicaties.PublicatieVersie.created_by",
            "publicaties.PdfUpload.created_by",
            "dilemmas.Casus.anon_approved_by",
            "dilemmas.Reactie.hidden_by",
            "gemeenten.Lidmaatschap.decided_by",
            "gemeenten.Deelname.decided_by",
        ),
        kept=CONTRIBUTION,
    ),
    Gegeven(
        key="namen_openbaar",
        what=_(
            "Namen bij verslagen, publicaties en programma's: auteurs, sprekers, begeleiders "
            "van werkgroepen, en de contactpersoon van een leerkring"
        ),
        why=_("Omdat zij het schreven of het aanspreekpunt zijn."),
        fields=(
            "bijeenkomsten.VerslagVersie.authors",
            "bijeenkomsten.Programmaonderdeel.speaker",
            "bijeenkomsten.Werkgroep.facilitator",
            "publicaties.Publicatie.authors",
            "publicaties.Publicatie.author_names",
            "core.Leerkring.contact_name",
            "core.Leerkring.contact_email",
        ),
        kept=PUBLIC_RECORD,
    ),
    Gegeven(
        key="gemeente_aanmelding",
        what=_(
            "Bij de aanmelding van een gemeente: de contactpersoon, het e-mailadres en de "
            "portefeuillehouder"
        ),
        why=_("Om over de aanmelding te beslissen en de gemeente te bereiken."),
        fields=(
            "gemeenten.Deelname.contact_name",
            "gemeenten.Deelname.contact_email",
            "gemeenten.Deelname.portfolio_holder",
        ),
        kept=_("Zolang de gemeente meedoet aan de leerkring."),
        rules=("gemeente_afgewezen_contact",),
    ),
    Gegeven(
        key="uitnodigingen",
        what=_(
            "Uitnodigingen: de naam en het e-mailadres van wie is uitgenodigd, en wie uitnodigde"
        ),
        why=_("Om de uitnodiging te sturen en maar één keer te laten gebruiken."),
        fields=(
            "gemeenten.Uitnodiging.email",
            "gemeenten.Uitnodiging.name",
            "gemeenten.Uitnodiging.invited_by",
            "gemeenten.Uitnodiging.accepted_by",
        ),
        rules=("uitnodiging_ongebruikt", "uitnodiging_gebruikt"),
    ),
    Gegeven(
        key="onderzoeker_uitnodigingen",
        what=_(
            "Uitnodigingen om onderzoeker van een leerkring te worden: de naam en het "
            "e-mailadres van wie is uitgenodigd, wie uitnodigde en wie de uitnodiging aannam"
        ),
        why=_("Om de uitnodiging te sturen en maar één keer te laten gebruiken."),
        fields=(
            "core.OnderzoekerUitnodiging.email",
            "core.OnderzoekerUitnodiging.name",
            "core.OnderzoekerUitnodiging.invited_by",
            "core.OnderzoekerUitnodiging.accepted_by",
        ),
        rules=("onderzoeker_uitnodiging",),
    ),
    Gegeven(
        key="programmamanagers",
        what=_("Dat je programmamanager bent, en van welk programma"),
        why=_(
            "Zodat je de leerkringen van je programma kunt beheren: kringen maken, "
            "onderzoekers uitnodigen, openen en afsluiten."
        ),
        fields=("core.Programma.managers",),
        kept=ACCOUNT,
    ),
    Gegeven(
        key="logboek",
        what=_(
            "Het logboek: wie wat besliste of veranderde, bijvoorbeeld je toelating tot je "
            "gemeente of een verborgen reactie"
        ),
        why=_("Om besluiten over personen te kunnen controleren en uitleggen."),
        fields=(
            "core.AuditEntry.actor",
            "core.AuditEntry.subject",
            "core.AuditEntry.target_repr",
            "core.AuditEntry.detail",
        ),
        rules=("logboek",),
    ),
    Gegeven(
        key="email_wachtrij",
        what=_("E-mails die we nog moeten versturen"),
        why=_("Zodat geen e-mail verloren gaat als de mailserver even niet werkt."),
        fields=(
            "core.OutgoingEmail.to",
            "core.OutgoingEmail.subject",
            "core.OutgoingEmail.body",
            "core.OutgoingEmail.html",
            "core.OutgoingEmail.attachments",
        ),
        kept=_("Een verstuurde e-mail verwijderen we meteen."),
        rules=("uitgaande_email",),
    ),
    Gegeven(
        key="bestanden",
        what=_("Exports (CSV) en PDF's met namen, zoals deelnamebewijzen en presentielijsten"),
        why=_("Om ze te kunnen downloaden. We maken ze opnieuw als je erom vraagt."),
        fields=(
            "core.ExportJob.user",
            "core.ExportJob.params",
            "core.ExportJob.file",
            "core.RenderJob.file",
            "core.RenderJob.title",
        ),
        rules=("exports", "pdf_met_namen"),
    ),
    Gegeven(
        key="inloggen",
        what=_("Dat je bent ingelogd (je sessie) en mislukte inlogpogingen"),
        why=_("Om je ingelogd te houden en je account te beschermen tegen inbraak."),
        fields=("sessions.Session.session_data",),
        kept=_("Mislukte inlogpogingen tellen we hooguit een uur."),
        rules=("sessies",),
    ),
)

PERSONAL_FIELDS: dict[str, str] = {
    name: gegeven.key for gegeven in PERSONAL_DATA for name in gegeven.fields
}

# Fields that the check in tests/leerkring/test_retention.py looks at (fields of the user, fields
# that point at a person, text on models that point at a person, e-mail addresses, names and
# phone numbers anywhere) but that hold no personal data, with the reason.
CONTENT = "content of the circle, written for its members; not about a person"
TECHNICAL = "a technical value (a status, code, name of a file kind, error or secret)"
VOCABULARY = "a fixed vocabulary or the name of an organisation"
NOT_PERSONAL: dict[str, str] = {
    "core.User.is_staff": "a permission",
    "core.User.is_superuser": "a permission",
    "core.User.is_removed": "says the account was deleted; nothing about the person",
    "core.User.groups": "permissions (not used)",
    "core.User.user_permissions": "permissions (not used)",
    "admin.LogEntry.user": "the Django admin's record of what staff changed; staff only",
    "admin.LogEntry.object_repr": "the Django admin's record; staff only",
    "admin.LogEntry.object_id": "the Django admin's record; staff only",
    "admin.LogEntry.change_message": "the Django admin's record; staff only",
    "auth.Permission.name": VOCABULARY,
    "auth.Group.name": VOCABULARY,
    "gemeenten.Partner.name": VOCABULARY,
    "gemeenten.Partner.email_domain": "an organisation's domain",
    "gemeenten.Gemeente.name": VOCABULARY,
    "dilemmas.Rol.name": VOCABULARY,
    "dilemmas.Rol.name_nl": VOCABULARY,
    "dilemmas.Rol.name_en": VOCABULARY,
    "dilemmas.Waarde.name": VOCABULARY,
    "dilemmas.Waarde.name_nl": VOCABULARY,
    "dilemmas.Waarde.name_en": VOCABULARY,
    "bijeenkomsten.Bijeenkomst.address": "the address of a venue, not of a person",
    "bijeenkomsten.Bijeenkomst.venue_accessibility": "how accessible a venue is",
    "core.WorkerHeartbeat.hostname": TECHNICAL,
    "auth.Permission.codename": VOCABULARY,
    "gemeenten.Deelname.motivation": "why a municipality applies; about the municipality",
    "gemeenten.Deelname.decision_reason": "a decision about a municipality",
    "gemeenten.Deelname.quality_note": "the municipality's project card",
    "gemeenten.Deelname.time_note": "the municipality's project card",
    "gemeenten.Deelname.money_note": "the municipality's project card",
    "gemeenten.Uitnodiging.token_hash": TECHNICAL,
    "core.Leerkring.title": CONTENT,
    "core.Programma.title": CONTENT,
    "core.Programma.summary": CONTENT,
    "core.OnderzoekerUitnodiging.token_hash": TECHNICAL,
    "core.Leerkring.subtitle": CONTENT,
    "core.Leerkring.summary": CONTENT,
    "core.Leerkring.framework": CONTENT,
    "core.AuditEntry.target_type": TECHNICAL,
    "core.ExportJob.language": TECHNICAL,
    "core.ExportJob.title": "the export's kind in words",
    "core.ExportJob.last_error": TECHNICAL,
    "core.ExportJob.filename": "the kind and the date",
    "core.ExportJob.task_id": TECHNICAL,
    "core.ExportJob.kind": TECHNICAL,
    "dilemmas.CasusVersie.changed_fields": "names of fields",
    "bijeenkomsten.Aanmelding.bijeenkomst": "which meeting: see the registration",
    "bijeenkomsten.VerslagVersie.title": CONTENT,
    "bijeenkomsten.VerslagVersie.body": CONTENT,
    "bijeenkomsten.VerslagVersie.conclusions": CONTENT,
    "bijeenkomsten.VerslagVersie.werkgroepen": CONTENT,
    "bijeenkomsten.VerslagVersie.figures": "counts, never a person",
    "bijeenkomsten.Document.title": CONTENT,
    "bijeenkomsten.Document.task_id": TECHNICAL,
    "bijeenkomsten.Document.refusal": TECHNICAL,
    "bijeenkomsten.Document.found": TECHNICAL,
    "bijeenkomsten.EvaluatieAntwoorden.responses": "answers kept without the person (D: h5)",
    "bijeenkomsten.Bijeenkomst.title": CONTENT,
    "bijeenkomsten.Bijeenkomst.description": CONTENT,
    "bijeenkomsten.Bijeenkomst.location": CONTENT,
    "bijeenkomsten.Bijeenkomst.online_url": CONTENT,
    "bijeenkomsten.Programmaonderdeel.title": CONTENT,
    "bijeenkomsten.Werkgroep.title": CONTENT,
    "bijeenkomsten.Werkgroep.conclusions": CONTENT,
    "publicaties.Publicatie.title": CONTENT,
    "publicaties.Publicatie.abstract": CONTENT,
    "publicaties.Publicatie.cover_alt": CONTENT,
    "publicaties.PublicatieVersie.body": CONTENT,
    "publicaties.PublicatieVersie.note": CONTENT,
    "publicaties.PdfUpload.note": CONTENT,
    "publicaties.PdfUpload.task_id": TECHNICAL,
    "publicaties.PdfUpload.refusal": TECHNICAL,
    "publicaties.PdfUpload.found": TECHNICAL,
}
