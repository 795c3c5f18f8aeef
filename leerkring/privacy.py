"""A person's rights over their data (GDPR art. 15, 17 and 20), across every app. Each app
says what it holds (`selectors.personal_data`) and erases it (`services.personal_data_erase`);
this module puts them together. tests/leerkring/test_privacy.py fails when a model that refers
to a person is covered by neither."""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from bijeenkomsten.selectors import privacy as bijeenkomsten_privacy_selectors
from bijeenkomsten.services import privacy as bijeenkomsten_privacy
from dilemmas import selectors as dilemmas_selectors
from dilemmas import services as dilemmas_services
from gemeenten import selectors as gemeenten_selectors
from gemeenten import services as gemeenten_services
from gemeenten.models import Deelnamebewijs
from leerkring.core import mail as core_mail
from leerkring.core.audit import audit_record
from leerkring.core.exports import services as exports_services
from leerkring.core.models import AuditEntry, ExportJob, OnderzoekerUitnodiging, RenderJob
from leerkring.core.services import user_anonymise
from publicaties import selectors as publicaties_selectors
from publicaties import services as publicaties_services

from .documents import DEELNAMEBEWIJS

EXPORT_VERSION = 1
# The kind of PDF that holds a person's data readably (leerkring/mijn_gegevens.py).
PERSONAL_DATA_PDF = "mijn-gegevens"


# The keys of the JSON a person downloads: Dutch words, not model names (issue 18). Inside, the
# export is keyed by model label, so that tests can hold it against the models; a key without
# a Dutch name here fails tests/leerkring/test_privacy.py.
JSON_KEYS = {
    "export": "over_dit_bestand",
    "core.user": "account",
    "account.emailaddress": "e-mailadressen",
    "core.leerkring_researchers": "leerkringen_als_onderzoeker",
    "core.programma_managers": "programmas_als_manager",
    "core.onderzoekeruitnodiging": "uitnodigingen_als_onderzoeker",
    "core.onderzoekeruitnodiging_verstuurd": "uitnodigingen_als_onderzoeker_die_je_stuurde",
    "core.auditentry": "logboek",
    "core.exportjob": "overzichten_die_je_liet_maken",
    "gemeenten.lidmaatschap": "lidmaatschappen",
    "gemeenten.uitnodiging": "uitnodigingen_die_je_aannam",
    "gemeenten.deelname_coordinators": "coordinator_van",
    "dilemmas.casus": "casussen",
    "dilemmas.reactie": "reacties",
    "dilemmas.casusversie": "wijzigingen_in_casussen",
    "bijeenkomsten.aanmelding": "aanmeldingen",
    "bijeenkomsten.agendakoppeling": "agendalink",
    "bijeenkomsten.bericht": "berichten_die_je_stuurde",
    "bijeenkomsten.berichtontvanger": "berichten_die_je_kreeg",
    "bijeenkomsten.document": "documenten_die_je_toevoegde",
    "bijeenkomsten.evaluatieingevuld": "evaluaties_die_je_invulde",
    "bijeenkomsten.verslagversie": "versies_van_verslagen",
    "publicaties.download": "downloads",
    "publicaties.publicatie_authors": "publicaties_als_auteur",
    "publicaties.pdfupload": "pdfs_die_je_uploadde",
    "publicaties.publicatieversie": "versies_van_publicaties",
}


def personal_data_json(*, user) -> dict:
    """The export as a person downloads it: the same data under Dutch keys (JSON_KEYS)."""
    return {
        JSON_KEYS.get(key, key): value for key, value in personal_data_export(user=user).items()
    }


def personal_data_export(*, user) -> dict:
    """Everything stored about a person, as plain data, keyed by model label (the JSON's
    Dutch keys are JSON_KEYS)."""
    data = {
        "export": {"versie": EXPORT_VERSION, "gemaakt_op": timezone.now().isoformat()},
        "core.user": {
            "naam": user.name,
            "e-mailadres": user.email,
            "lid_sinds": user.date_joined.isoformat(),
            "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
            "e-mail_bij_nieuws": user.email_notifications,
            "wekelijks_overzicht": user.weekly_digest,
            # My settings (issue 18).
            "taal": user.language,
            "herinneringen": user.reminders,
            "dagen_van_tevoren": user.reminder_days,
        },
        "account.emailaddress": [
            {"e-mailadres": e.email, "bevestigd": e.verified, "hoofdadres": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "core.leerkring_researchers": list(
            user.leerkringen_as_researcher.values_list("title", flat=True)
        ),
        "core.auditentry": [
            {
                "tijdstip": entry.created_at.isoformat(),
                "handeling": entry.get_action_display(),
                "object": entry.target_repr,
                "toelichting": entry.detail,
                "door_jou": entry.actor_id == user.pk,
            }
            for entry in AuditEntry.objects.filter(subject=user)
            | AuditEntry.objects.filter(actor=user)
        ],
        # The exports a person asked for (their files hold other people's data: not included).
        "core.exportjob": [
            {
                "export": job.title,
                "status": job.status,
                "aangevraagd_op": job.created_at.isoformat(),
            }
            for job in ExportJob.objects.filter(user=user).order_by("pk")
        ],
    }
    data.update(_programme_data(user=user))
    data.update(gemeenten_selectors.personal_data(user=user))
    data.update(dilemmas_selectors.personal_data(user=user))
    data.update(bijeenkomsten_privacy_selectors.personal_data(user=user))
    data.update(publicaties_selectors.personal_data(user=user))
    return data


@transaction.atomic
def account_delete(*, user) -> None:
    """Erase a person's personal data everywhere; their contributions stay, anonymous."""
    _certificate_pdfs_erase(user=user)
    gemeenten_services.personal_data_erase(user=user)
    dilemmas_services.personal_data_erase(user=user)
    bijeenkomsten_privacy.personal_data_erase(user=user)
    publicaties_services.personal_data_erase(user=user)
    core_mail.personal_data_erase(user=user)
    _programme_data_erase(user=user)
    exports_services.personal_data_erase(user=user)
    _personal_data_pdf_erase(user=user)
    audit_record(actor=None, action=AuditEntry.Action.USER_DELETED, target=user, subject=user)
    user_anonymise(user=user)


def _programme_data(*, user) -> dict:
    """What a programme holds about a person (issue 20): the programmes they manage, the
    invitations to become a researcher addressed to them or accepted by them, and those they
    sent (which circle and when; not whom, that is the other person's data)."""
    to_them = OnderzoekerUitnodiging.objects.filter(accepted_by=user) | (
        OnderzoekerUitnodiging.objects.filter(email__iexact=user.email)
    )
    return {
        "core.programma_managers": list(
            user.programmas_as_manager.order_by("title", "pk").values_list("title", flat=True)
        ),
        "core.onderzoekeruitnodiging": [
            {
                "leerkring": u.leerkring.title,
                "e-mailadres": u.email,
                "naam": u.name,
                "verstuurd_op": u.created_at.isoformat(),
                "verloopt_op": u.expires_at.isoformat(),
                "aangenomen_op": u.accepted_at.isoformat() if u.accepted_at else None,
            }
            for u in to_them.select_related("leerkring").order_by("created_at", "pk").distinct()
        ],
        "core.onderzoekeruitnodiging_verstuurd": [
            {
                "leerkring": u.leerkring.title,
                "verstuurd_op": u.created_at.isoformat(),
                "aangenomen": u.accepted_at is not None,
            }
            for u in OnderzoekerUitnodiging.objects.filter(invited_by=user)
            .select_related("leerkring")
            .order_by("created_at", "pk")
        ],
    }


def _programme_data_erase(*, user) -> None:
    """A deleted account manages no programme any more; invitations addressed to them or
    accepted by them go; those they sent keep working for whom they were for, without the
    sender's name."""
    user.programmas_as_manager.clear()
    OnderzoekerUitnodiging.objects.filter(accepted_by=user).delete()
    OnderzoekerUitnodiging.objects.filter(email__iexact=user.email).delete()
    OnderzoekerUitnodiging.objects.filter(invited_by=user).update(invited_by=None)


def _certificate_pdfs_erase(*, user) -> None:
    """The PDFs of a person's certificates (one per circle) go with their membership."""
    ids = Deelnamebewijs.objects.filter(lidmaatschap__user=user).values_list("pk", flat=True)
    _render_jobs_erase(RenderJob.objects.filter(kind=DEELNAMEBEWIJS, object_id__in=list(ids)))


def _render_jobs_erase(jobs) -> None:
    names = [name for name in jobs.values_list("file", flat=True) if name]
    jobs.delete()
    storage = RenderJob._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def _personal_data_pdf_erase(*, user) -> None:
    """The PDF of a person's data (leerkring/mijn_gegevens.py) goes with their account; the
    file once the rows are gone for good."""
    _render_jobs_erase(RenderJob.objects.filter(kind=PERSONAL_DATA_PDF, object_id=user.pk))
