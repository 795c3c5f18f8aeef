"""The questionnaire after a meeting, read: who may answer it, who gets it by e-mail, and its
results. The results are the one place that decides whether there are enough answers to show
anything (MIN_RESPONSES); the page, the CSV export and the report's PDF all read them here, so
no output can show fewer."""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerkring.core.charts import Chart, bar_chart

from ..models import (
    Aanmelding,
    Bijeenkomst,
    Evaluatie,
    EvaluatieAntwoorden,
    EvaluatieIngevuld,
    EvaluatieVraag,
)

# Below this many answers nothing of them is shown anywhere (page, CSV, PDF): with fewer, the
# people who were there could recognise who answered what.
MIN_RESPONSES = 5

# The answers to a statement, from 1 to 5.
LIKERT = [
    (1, gettext_lazy("helemaal oneens")),
    (2, gettext_lazy("oneens")),
    (3, gettext_lazy("neutraal")),
    (4, gettext_lazy("eens")),
    (5, gettext_lazy("helemaal eens")),
]
SCORES = [score for score, _label in LIKERT]


def evaluatie_of(*, bijeenkomst: Bijeenkomst) -> Evaluatie | None:
    """The meeting's questionnaire with its questions, or None when there is none yet."""
    evaluatie = Evaluatie.objects.filter(bijeenkomst=bijeenkomst).prefetch_related("vragen").first()
    if evaluatie is not None:
        evaluatie.bijeenkomst = bijeenkomst
    return evaluatie


def has_answered(*, user, evaluatie: Evaluatie) -> bool:
    return EvaluatieIngevuld.objects.filter(evaluatie=evaluatie, user=user).exists()


def attendees(*, bijeenkomst: Bijeenkomst):
    """Everyone who may answer: marked present, with an account that is still in use."""
    return (
        get_user_model()
        .objects.filter(
            aanmeldingen__bijeenkomst=bijeenkomst,
            aanmeldingen__status=Aanmelding.Status.ATTENDED,
            is_active=True,
            is_removed=False,
        )
        .distinct()
    )


@dataclass(frozen=True)
class Recipients:
    """Who gets the e-mail with the link, and how many who were there do not (they asked for
    no e-mail; they find the questions on the meeting's page)."""

    emails: list[str]
    without_email: int

    @property
    def count(self) -> int:
        return len(self.emails)


def evaluatie_recipients(*, bijeenkomst: Bijeenkomst) -> Recipients:
    people = list(attendees(bijeenkomst=bijeenkomst).values_list("email", "email_notifications"))
    emails = sorted({email for email, wants in people if wants and email})
    return Recipients(emails=emails, without_email=len(people) - len(emails))


def page_context(*, user, bijeenkomst: Bijeenkomst) -> dict | None:
    """What the meeting page shows about the questionnaire to this person: to researchers its
    state and a link; to someone who was there and has not answered yet, the link to answer.
    None when there is nothing to show."""
    manage = user.has_perm("bijeenkomsten.view_evaluatie", bijeenkomst)
    if not manage and not user.is_authenticated:
        return None
    evaluatie = Evaluatie.objects.filter(bijeenkomst=bijeenkomst).first()
    if manage:
        return {
            "manage": True,
            "evaluatie": evaluatie,
            "answered": evaluatie.ingevuld.count() if evaluatie and evaluatie.is_sent else 0,
        }
    if evaluatie is None or not evaluatie.is_sent:
        return None
    if not user.has_perm("bijeenkomsten.answer_evaluatie", bijeenkomst):
        return None
    return {
        "manage": False,
        "evaluatie": evaluatie,
        "has_answered": has_answered(user=user, evaluatie=evaluatie),
    }


# --- Results ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Statement:
    vraag: EvaluatieVraag
    chart: Chart
    answered: int  # how many scored it
    average: float | None


@dataclass(frozen=True)
class OpenQuestion:
    vraag: EvaluatieVraag
    answers: list[str]  # as written, in the responses' (random) order


@dataclass(frozen=True)
class Results:
    """The answers to a questionnaire, or only their number when there are too few to show
    (`shown` is False; the lists are then empty)."""

    count: int
    statements: list[Statement] = field(default_factory=list)
    open_questions: list[OpenQuestion] = field(default_factory=list)

    minimum = MIN_RESPONSES

    @property
    def shown(self) -> bool:
        return self.count >= MIN_RESPONSES

    @property
    def too_few_message(self) -> str:
        return _("Nog te weinig antwoorden om te tonen: %(n)s van minimaal %(min)s.") % {
            "n": self.count,
            "min": MIN_RESPONSES,
        }


def responses_of(evaluatie: Evaluatie) -> list[dict]:
    """The stored responses (in their random order); one query."""
    store = getattr(evaluatie, "_responses", None)
    if store is None:
        row = EvaluatieAntwoorden.objects.filter(evaluatie=evaluatie).first()
        store = list(row.responses) if row else []
        evaluatie._responses = store
    return store


def _chart_id(vraag: EvaluatieVraag) -> str:
    return f"grafiek-stelling-{vraag.pk}"


def evaluatie_results(*, evaluatie: Evaluatie) -> Results:
    """The answers, per question: for a statement a chart of how many chose each score, with
    the average; for an open question the answers as written. Nothing but their number below
    MIN_RESPONSES."""
    responses = responses_of(evaluatie)
    results = Results(count=len(responses))
    if not results.shown:
        return results
    vragen = list(evaluatie.vragen.all())
    for vraag in vragen:
        key = str(vraag.pk)
        values = [
            r["answers"][key] for r in responses if r.get("answers", {}).get(key) not in (None, "")
        ]
        if vraag.kind == EvaluatieVraag.Kind.STATEMENT:
            scores = [v for v in values if isinstance(v, int) and v in SCORES]
            counts = Counter(scores)
            chart = bar_chart(
                title=vraag.text,
                rows=[(str(label), counts.get(score, 0)) for score, label in LIKERT],
                chart_id=_chart_id(vraag),
                label_header=_("Antwoord"),
                value_header=_("Aantal"),
            )
            average = round(sum(scores) / len(scores), 1) if scores else None
            results.statements.append(
                Statement(vraag=vraag, chart=chart, answered=len(scores), average=average)
            )
        else:
            results.open_questions.append(
                OpenQuestion(vraag=vraag, answers=[str(v) for v in values if str(v).strip()])
            )
    return results


def results_fingerprint(*, evaluatie: Evaluatie | None) -> str:
    """What the report's PDF shows of the questionnaire, as a short hash: the choice to show
    it, and, when it is shown, the questions and the answers. Changes when either changes."""
    if evaluatie is None:
        return "geen"
    if not evaluatie.in_report:
        return "niet-in-verslag"
    content = {
        "vragen": [(v.pk, v.kind, v.text) for v in evaluatie.vragen.all()],
        "antwoorden": responses_of(evaluatie),
    }
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode())
    return "in-verslag:" + digest.hexdigest()[:16]


# --- The CSV export ---------------------------------------------------------------------------
def export_columns(evaluatie: Evaluatie) -> list[str]:
    return [_("Antwoord"), *(vraag.text for vraag in evaluatie.vragen.all())]


def export_rows(evaluatie: Evaluatie) -> list[list]:
    """One row per response (a number of its own, its random place in the list, so no order
    of answering), with the scores as numbers and open answers as written. Empty below
    MIN_RESPONSES: the export refuses then (bijeenkomsten.exports)."""
    results = Results(count=len(responses_of(evaluatie)))
    if not results.shown:
        return []
    vragen = list(evaluatie.vragen.all())
    rows = []
    for number, response in enumerate(responses_of(evaluatie), start=1):
        answers = response.get("answers", {})
        rows.append([number, *(answers.get(str(vraag.pk), "") for vraag in vragen)])
    return rows
