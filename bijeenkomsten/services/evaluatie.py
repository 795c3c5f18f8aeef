"""The questionnaire after a meeting: write its questions, send it to the people who were
there, answer it (once, anonymously), and choose whether its results go in the report's PDF.

Anonymity: an answer is stored without its person, at a random place in the list of
responses of its questionnaire (EvaluatieAntwoorden, one row); that the person answered is a
row of its own (EvaluatieIngevuld) without a time. Nothing links the two: no key, no time, no
order of ids (docs: decisions-h5)."""

import datetime
import secrets
import uuid

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from leerkring.core.audit import audit_record
from leerkring.core.mail import mail_send_many, site_url
from leerkring.core.models import AuditEntry
from leerkring.core.text import clean_text

from ..errors import EvaluatieError
from ..models import (
    Bijeenkomst,
    Evaluatie,
    EvaluatieAntwoorden,
    EvaluatieIngevuld,
    EvaluatieVraag,
)
from ..selectors import evaluatie as evaluatie_selectors
from ..selectors import verslagen as verslagen_selectors
from .verslagen import verslag_render

Kind = EvaluatieVraag.Kind

# The questions a new questionnaire starts with (the researcher changes them before sending).
DEFAULT_QUESTIONS = [
    (Kind.STATEMENT, gettext_noop("De bijeenkomst was nuttig voor mijn werk")),
    (Kind.STATEMENT, gettext_noop("Ik heb iets geleerd over het dilemma van mijn werkgroep")),
    (Kind.STATEMENT, gettext_noop("Ik zou een collega aanraden om mee te doen")),
    (Kind.OPEN, gettext_noop("Wat neem je mee naar je werk?")),
    (Kind.OPEN, gettext_noop("Wat kan beter?")),
]
MAX_QUESTIONS = 20
MAX_OPEN_ANSWER = 2000


def default_questions() -> list[dict]:
    """The starting questions, in the language of the person who writes the questionnaire."""
    return [{"kind": kind, "text": _(text)} for kind, text in DEFAULT_QUESTIONS]


def _report_render(bijeenkomst: Bijeenkomst) -> None:
    """The report's PDF shows the results when chosen: ask for it again (nothing is rendered
    when its fingerprint did not change). Only a published report has a PDF to keep current."""
    versie = verslagen_selectors.verslag_current(bijeenkomst=bijeenkomst)
    if versie is not None and versie.verslag.is_published:
        verslag_render(versie=versie)


@transaction.atomic
def evaluatie_save(*, bijeenkomst: Bijeenkomst, vragen: list[dict]) -> Evaluatie:
    """Write the questions (a list of {"kind", "text"}, in order), replacing the ones there
    were. Refused once the questionnaire has been sent: people may have answered them."""
    vragen = [v for v in vragen if (v.get("text") or "").strip()]
    if not vragen:
        raise EvaluatieError(_("Zet er minstens één vraag in."))
    if len(vragen) > MAX_QUESTIONS:
        raise EvaluatieError(_("Houd het kort: hooguit %(n)s vragen.") % {"n": MAX_QUESTIONS})
    Bijeenkomst.objects.select_for_update().filter(pk=bijeenkomst.pk).first()
    evaluatie, created = Evaluatie.objects.get_or_create(bijeenkomst=bijeenkomst)
    if created:
        EvaluatieAntwoorden.objects.create(evaluatie=evaluatie)
    elif evaluatie.is_sent:
        raise EvaluatieError(
            _("De evaluatie is al verstuurd. De vragen kun je niet meer veranderen.")
        )
    evaluatie.vragen.all().delete()
    EvaluatieVraag.objects.bulk_create(
        EvaluatieVraag(
            evaluatie=evaluatie, kind=v["kind"], text=v["text"].strip(), position=position
        )
        for position, v in enumerate(vragen, start=1)
    )
    evaluatie.save(update_fields=["updated_at"])
    return evaluatie


def send_problem(*, evaluatie: Evaluatie, now: datetime.datetime | None = None) -> str:
    """Why the questionnaire cannot be sent now, in words; "" when it can."""
    now = now or timezone.now()
    bijeenkomst = evaluatie.bijeenkomst
    if evaluatie.is_sent:
        return _("De evaluatie is al verstuurd.")
    if bijeenkomst.status == Bijeenkomst.Status.CANCELLED:
        return _("De bijeenkomst is geannuleerd; er is niemand om de evaluatie aan te vragen.")
    if bijeenkomst.ends_at > now:
        return _("Versturen kan pas als de bijeenkomst voorbij is, vanaf %(when)s.") % {
            "when": timezone.localtime(bijeenkomst.ends_at).strftime("%d-%m-%Y %H:%M")
        }
    if not evaluatie.vragen.exists():
        return _("Zet er eerst minstens één vraag in.")
    if not evaluatie_selectors.attendees(bijeenkomst=bijeenkomst).exists():
        return _(
            "Er is nog niemand als aanwezig gemeld. Meld eerst op de presentielijst wie er was."
        )
    return ""


@transaction.atomic
def evaluatie_send(
    *, evaluatie: Evaluatie, actor, expected: int | None = None, now=None, notify: bool = True
) -> int:
    """Send the questionnaire: everyone marked present who wants e-mail gets one with the
    link, each their own; the questions are fixed from now on. `expected` is the number the
    confirmation page showed: when the list changed since, nothing is sent and the person
    sees the new number. Returns the number of e-mails. (The demo's history sets `now`, the
    moment it was sent, and `notify` off: nobody is mailed about a meeting of years ago.)"""
    now = now or timezone.now()
    evaluatie = (
        Evaluatie.objects.select_for_update()
        .select_related("bijeenkomst__leerkring")
        .get(pk=evaluatie.pk)
    )
    problem = send_problem(evaluatie=evaluatie, now=now)
    if problem:
        raise EvaluatieError(problem)
    bijeenkomst = evaluatie.bijeenkomst
    recipients = evaluatie_selectors.evaluatie_recipients(bijeenkomst=bijeenkomst)
    if expected is not None and expected != recipients.count:
        raise EvaluatieError(
            _(
                "Er is iets veranderd: nu krijgen %(n)s mensen een e-mail, niet %(expected)s. "
                "Kijk het hieronder na en verstuur opnieuw."
            )
            % {"n": recipients.count, "expected": expected}
        )
    evaluatie.sent_at = now
    evaluatie.save(update_fields=["sent_at", "updated_at"])
    if not notify:
        return 0
    url = site_url(reverse("bijeenkomsten:evaluatie-answer", args=[bijeenkomst.pk]))
    mail_send_many(
        template="bijeenkomsten/email/evaluatie_sent",
        to=recipients.emails,
        context={"bijeenkomst": bijeenkomst, "url": url},
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.EVALUATIE_SENT,
        target=bijeenkomst,
        detail=_("%(n)s e-mails") % {"n": recipients.count},
    )
    return recipients.count


def _answer_value(vraag: EvaluatieVraag, value):
    if vraag.kind == Kind.STATEMENT:
        if isinstance(value, bool) or value not in evaluatie_selectors.SCORES:
            raise EvaluatieError(
                _("Kies bij „%(vraag)s” een antwoord van 1 tot 5.") % {"vraag": vraag.text}
            )
        return int(value)
    text = clean_text(str(value or "")).strip()  # the form cleans too; other callers may not
    if len(text) > MAX_OPEN_ANSWER:
        raise EvaluatieError(
            _("Je antwoord bij „%(vraag)s” is te lang: hooguit %(n)s tekens.")
            % {"vraag": vraag.text, "n": MAX_OPEN_ANSWER}
        )
    return text


def evaluatie_answer(*, evaluatie: Evaluatie, user, answers: dict[int, int | str]) -> None:
    """Keep one person's answers ({question id: score 1-5 or text}), once. The response is
    stored without the person, at a random place among the others; that they answered is kept
    apart. A second answer (also at the same moment, from two tabs) is refused by the unique
    constraint on (evaluatie, user)."""
    with transaction.atomic():
        evaluatie = (
            Evaluatie.objects.select_for_update().select_related("bijeenkomst").get(pk=evaluatie.pk)
        )
        if not evaluatie.is_sent or not user.has_perm(
            "bijeenkomsten.answer_evaluatie", evaluatie.bijeenkomst
        ):
            raise EvaluatieError(_("Deze evaluatie is alleen voor wie bij de bijeenkomst was."))
        stored = {}
        for vraag in evaluatie.vragen.all():
            value = _answer_value(vraag, answers.get(vraag.pk))
            if value != "":
                stored[str(vraag.pk)] = value
        try:
            with transaction.atomic():
                EvaluatieIngevuld.objects.create(evaluatie=evaluatie, user=user)
        except IntegrityError as exc:
            raise EvaluatieError(
                _(
                    "Je hebt deze evaluatie al ingevuld. Je antwoorden zijn bewaard; invullen "
                    "kan één keer."
                )
            ) from exc
        store, _created = EvaluatieAntwoorden.objects.select_for_update().get_or_create(
            evaluatie=evaluatie
        )
        responses = list(store.responses)
        responses.insert(
            secrets.randbelow(len(responses) + 1), {"id": uuid.uuid4().hex, "answers": stored}
        )
        store.responses = responses
        store.save(update_fields=["responses"])
        if evaluatie.in_report:
            _report_render(evaluatie.bijeenkomst)


@transaction.atomic
def evaluatie_in_report(*, evaluatie: Evaluatie, in_report: bool) -> bool:
    """Choose whether the report's PDF shows the results; the PDF is made again. Returns
    whether anything changed."""
    evaluatie = (
        Evaluatie.objects.select_for_update().select_related("bijeenkomst").get(pk=evaluatie.pk)
    )
    if evaluatie.in_report == in_report:
        return False
    evaluatie.in_report = in_report
    evaluatie.save(update_fields=["in_report", "updated_at"])
    _report_render(evaluatie.bijeenkomst)
    return True
