"""Every write about dilemmas, cases and comments."""

import datetime

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeenten.models import Lidmaatschap
from leerkring.core.audit import audit_record
from leerkring.core.mail import mail_send
from leerkring.core.models import AuditEntry
from leerkring.core.search import SEARCH_CONFIG

from .errors import CasusError, ReactieError
from .models import Casus, CasusVersie, Dilemma, DilemmaGedeeld, Reactie
from .selectors import NEEDED_TO_SHARE, casus_missing, casus_missing_fields, dilemma_belongs_to

# How long an author may still edit or delete their own comment.
REACTIE_EDIT_WINDOW = datetime.timedelta(minutes=30)

CASUS_FIELDS = [
    "title",
    "situation",
    "question",
    "dilemma",
    "visibility",
    "anonymise",
    "anon_title",
    "anon_situation",
    "anon_question",
    "programme_open",
]
ANON_FIELDS = {"anon_title", "anon_situation", "anon_question"}


def _snapshot(casus: Casus) -> dict:
    data = {name: getattr(casus, name) for name in CASUS_FIELDS if name != "dilemma"}
    data["dilemma"] = casus.dilemma.title if casus.dilemma_id else ""
    data["rollen"] = sorted(casus.rollen.values_list("name", flat=True))
    data["waarden"] = sorted(casus.waarden.values_list("name", flat=True))
    data["status"] = casus.status
    return data


def _refuse_incomplete(missing: list[str]) -> None:
    """A case is shared only when complete (issue 18: a draft may be only a title). The
    anonymised text is asked for by the form, as before: a case waiting for it is not shown
    outside its municipality (casus_shared_with_circle) and exports say it is missing."""
    missing = [name for name in missing if name != "anon_situation"]
    if missing:
        raise CasusError(
            _("Je casus kan nog niet gedeeld worden. Vul eerst in: %(fields)s.")
            % {"fields": ", ".join(str(NEEDED_TO_SHARE[name]) for name in missing)}
        )


def _refuse_programme_open(casus: Casus) -> None:
    """Only an anonymised version, shared with the whole circle, can be opened to the
    programme (the form says so at the field; the database refuses it too)."""
    if casus.programme_open and not casus.anonymise:
        raise CasusError(
            _("Je kunt alleen een geanonimiseerde versie met het hele programma delen.")
        )
    if casus.programme_open and casus.visibility != Casus.Visibility.CIRCLE:
        raise CasusError(
            _("Een casus die alleen je gemeente ziet, kun je niet met het programma delen.")
        )


def _record_version(casus: Casus, editor, previous: dict | None) -> CasusVersie:
    snapshot = _snapshot(casus)
    changed = [k for k, v in snapshot.items() if previous is None or previous.get(k) != v]
    return CasusVersie.objects.create(
        casus=casus, editor=editor, snapshot=snapshot, changed_fields=changed
    )


def _update_search(casus: Casus) -> None:
    """Keep both search vectors current: the text as written, and what people outside the
    municipality read (the anonymised version when the author asked for one)."""
    if connection.vendor != "postgresql":
        return
    config = SEARCH_CONFIG
    written = SearchVector("title", weight="A", config=config) + SearchVector(
        "situation", "question", weight="B", config=config
    )
    public = (
        SearchVector("anon_title", weight="A", config=config)
        + SearchVector("anon_situation", "anon_question", weight="B", config=config)
        if casus.anonymise
        else written
    )
    Casus.objects.filter(pk=casus.pk).update(search_vector=written, search_vector_public=public)


@transaction.atomic
def casus_create(
    *, author, leerkring, dilemma: Dilemma | None, rollen, waarden, publish: bool, **fields
) -> Casus:
    """A member writes a case; the municipality comes from their membership. A draft may be
    only a title; a published case is complete (casus_missing_fields)."""
    membership = Lidmaatschap.objects.filter(
        user=author, status=Lidmaatschap.Status.CONFIRMED
    ).first()
    if membership is None:
        raise CasusError(
            _("Alleen bevestigde deelnemers van een gemeente kunnen een casus inbrengen.")
        )
    if dilemma is not None and not dilemma_belongs_to(dilemma=dilemma, leerkring=leerkring):
        raise CasusError(_("Dit dilemma hoort niet bij deze leerkring."))
    unknown = set(fields) - set(CASUS_FIELDS)
    if unknown:
        raise TypeError(f"not case fields: {sorted(unknown)}")
    if publish:
        _refuse_incomplete(
            casus_missing_fields(
                title=fields.get("title"),
                dilemma=dilemma,
                situation=fields.get("situation"),
                question=fields.get("question"),
                rollen=list(rollen),
                anonymise=fields.get("anonymise", False),
                anon_situation=fields.get("anon_situation"),
            )
        )
    _refuse_programme_open(Casus(**fields))
    casus = Casus.objects.create(
        author=author,
        leerkring=leerkring,
        gemeente=membership.gemeente,
        dilemma=dilemma,
        status=Casus.Status.PUBLISHED if publish else Casus.Status.DRAFT,
        published_at=timezone.now() if publish else None,
        **fields,
    )
    casus.rollen.set(rollen)
    casus.waarden.set(waarden)
    _record_version(casus, author, None)
    _update_search(casus)
    return casus


@transaction.atomic
def casus_update(
    *, casus: Casus, editor, rollen, waarden, publish: bool = False, **fields
) -> Casus:
    """Save changes and keep the previous state. Changing the anonymised text withdraws its
    approval, for the circle and the programme alike: a researcher looks at it again.
    Opening an approved version to the programme keeps the approval (it is the same text);
    closing it again takes effect at once."""
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    previous = _snapshot(casus)
    unknown = set(fields) - set(CASUS_FIELDS)
    if unknown:
        raise TypeError(f"not case fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(casus, name, value)
    if casus.dilemma_id and not dilemma_belongs_to(
        dilemma=casus.dilemma, leerkring=casus.leerkring
    ):
        raise CasusError(_("Dit dilemma hoort niet bij deze leerkring."))
    _refuse_programme_open(casus)
    if any(previous.get(name) != fields.get(name, previous.get(name)) for name in ANON_FIELDS) or (
        not casus.anonymise
    ):
        casus.anon_approved_at = None
        casus.anon_approved_by = None
    if publish and casus.status == Casus.Status.DRAFT:
        casus.status = Casus.Status.PUBLISHED
        casus.published_at = timezone.now()
    if casus.status == Casus.Status.PUBLISHED:
        _refuse_incomplete(
            casus_missing_fields(
                title=casus.title,
                dilemma=casus.dilemma_id,
                situation=casus.situation,
                question=casus.question,
                rollen=list(rollen),
                anonymise=casus.anonymise,
                anon_situation=casus.anon_situation,
            )
        )
    casus.save()
    casus.rollen.set(rollen)
    casus.waarden.set(waarden)
    if _snapshot(casus) != previous:
        _record_version(casus, editor, previous)
        _update_search(casus)
    return casus


@transaction.atomic
def casus_publish(*, casus: Casus, actor) -> Casus:
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    if casus.status == Casus.Status.PUBLISHED:
        return casus
    _refuse_incomplete(casus_missing(casus))
    previous = _snapshot(casus)
    casus.status = Casus.Status.PUBLISHED
    casus.published_at = timezone.now()
    casus.save(update_fields=["status", "published_at", "updated_at"])
    _record_version(casus, actor, previous)
    return casus


@transaction.atomic
def casus_anon_approve(*, casus: Casus, actor) -> Casus:
    """A researcher approves the anonymised version; from now on others outside the
    municipality see it, and when the author opened it to the programme, the other circles of
    the programme too (selectors.casus_open_to_programme)."""
    casus = Casus.objects.select_for_update().get(pk=casus.pk)
    if not casus.anonymise or not casus.anon_situation.strip():
        raise CasusError(_("Er is geen geanonimiseerde versie om goed te keuren."))
    casus.anon_approved_at = timezone.now()
    casus.anon_approved_by = actor
    casus.save(update_fields=["anon_approved_at", "anon_approved_by", "updated_at"])
    return casus


# The fields with a version per language (translation.py): the edit form's `title` and
# `summary` are the Dutch version, whichever language the page was shown in.
DILEMMA_DUTCH = {"title": "title_nl", "summary": "summary_nl"}


def dilemma_update(*, dilemma: Dilemma, **fields) -> Dilemma:
    fields = {DILEMMA_DUTCH.get(name, name): value for name, value in fields.items()}
    for name, value in fields.items():
        # An empty English version is none: the Dutch text shows instead.
        setattr(dilemma, name, None if name.endswith("_en") and not value else value)
    # The original columns follow their Dutch version (models.DutchOriginalMixin).
    originals = [o for o, dutch in DILEMMA_DUTCH.items() if dutch in fields]
    dilemma.save(update_fields=[*fields, *originals, "updated_at"])
    return dilemma


def dilemma_gedeeld_update(*, gedeeld: DilemmaGedeeld, conclusions: str) -> DilemmaGedeeld:
    """The conclusions of a circle that shares a dilemma (written by its researchers)."""
    gedeeld.conclusions = conclusions
    gedeeld.save(update_fields=["conclusions"])
    return gedeeld


# --- Comments --------------------------------------------------------------------------------
@transaction.atomic
def reactie_create(*, casus: Casus, author, body: str) -> Reactie:
    """Post a comment; the case's author hears of it by e-mail if they want to."""
    if casus.status != Casus.Status.PUBLISHED:
        raise ReactieError(_("Op een concept kun je nog niet reageren."))
    reactie = Reactie.objects.create(casus=casus, author=author, body=body)
    case_author = casus.author
    if case_author.pk != author.pk and case_author.is_active and case_author.email_notifications:
        mail_send(
            template="dilemmas/email/reactie_new",
            to=[case_author.email],
            context={"casus": casus, "reactie": reactie},
        )
    return reactie


def reactie_can_still_edit(reactie: Reactie, now=None) -> bool:
    return (
        not reactie.is_hidden
        and (now or timezone.now()) - reactie.created_at <= REACTIE_EDIT_WINDOW
    )


def _own_editable(reactie: Reactie, author) -> None:
    if reactie.author_id != author.pk:
        raise ReactieError(_("Je kunt alleen je eigen reactie aanpassen."))
    if not reactie_can_still_edit(reactie):
        raise ReactieError(
            _(
                "Een reactie kun je tot %(minutes)s minuten na het plaatsen aanpassen of "
                "verwijderen."
            )
            % {"minutes": int(REACTIE_EDIT_WINDOW.total_seconds() // 60)}
        )


def reactie_update(*, reactie: Reactie, author, body: str) -> Reactie:
    _own_editable(reactie, author)
    reactie.body = body
    reactie.edited_at = timezone.now()
    reactie.save(update_fields=["body", "edited_at"])
    return reactie


def reactie_delete(*, reactie: Reactie, author) -> None:
    _own_editable(reactie, author)
    reactie.delete()


@transaction.atomic
def reactie_hide(*, reactie: Reactie, actor, reason: str) -> Reactie:
    """A researcher hides a comment; its author sees why. It can be undone (reactie_show).
    Hiding a comment that is hidden already (a stale page) changes nothing and says so."""
    reason = reason.strip()
    if not reason:
        raise ReactieError(_("Schrijf op waarom je de reactie verbergt."))
    if _locked_reactie(reactie).is_hidden:
        raise ReactieError(
            _("Deze reactie was al verborgen. Je kunt de reden aanpassen of hem weer tonen.")
        )
    reactie.is_hidden = True
    reactie.hidden_reason = reason
    reactie.hidden_by = actor
    reactie.save(update_fields=["is_hidden", "hidden_reason", "hidden_by"])
    _reactie_audit(reactie, actor, AuditEntry.Action.REACTIE_HIDDEN, reason)
    return reactie


@transaction.atomic
def reactie_show(*, reactie: Reactie, actor) -> Reactie:
    """Undo hiding: the comment is seen again by everyone who sees the case. The reason goes
    (the audit log keeps it)."""
    if not _locked_reactie(reactie).is_hidden:
        raise ReactieError(_("Deze reactie is al zichtbaar."))
    reason = reactie.hidden_reason
    reactie.is_hidden = False
    reactie.hidden_reason = ""
    reactie.hidden_by = None
    reactie.save(update_fields=["is_hidden", "hidden_reason", "hidden_by"])
    _reactie_audit(reactie, actor, AuditEntry.Action.REACTIE_SHOWN, reason)
    return reactie


@transaction.atomic
def reactie_reason_update(*, reactie: Reactie, actor, reason: str) -> Reactie:
    """Change why a hidden comment is hidden (its author reads it). The same text again
    changes nothing and writes no line in the audit log."""
    reason = reason.strip()
    if not reason:
        raise ReactieError(_("Schrijf op waarom je de reactie verbergt."))
    locked = _locked_reactie(reactie)
    if not locked.is_hidden:
        raise ReactieError(
            _("Deze reactie is niet meer verborgen; er is geen reden om aan te passen.")
        )
    if locked.hidden_reason == reason:
        return reactie
    reactie.hidden_reason = reason
    reactie.save(update_fields=["hidden_reason"])
    _reactie_audit(reactie, actor, AuditEntry.Action.REACTIE_REASON, reason)
    return reactie


def _locked_reactie(reactie: Reactie) -> Reactie:
    return Reactie.objects.select_for_update().get(pk=reactie.pk)


def _reactie_audit(reactie: Reactie, actor, action: str, detail: str) -> None:
    audit_record(actor=actor, action=action, target=reactie, subject=reactie.author, detail=detail)


def personal_data_erase(*, user) -> None:
    """Cases and comments are contributions: they stay, shown as "voormalig deelnemer"."""
