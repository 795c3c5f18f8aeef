"""The programme's public face: its circles grouped by phase with their figures, its partners,
and the programmes on the home page."""

from django.db.models import QuerySet

from gemeenten.models import Partner
from leerkring.core.models import Leerkring, Programma
from leerkring.core.selectors import leerkring_list, leerkring_list_open

from .cijfers import numbers_by_programma, programma_numbers
from .publicaties import publicaties_per_circle

Phase = Leerkring.Phase


def programma_partners(*, programma: Programma) -> QuerySet[Partner]:
    """The funders, organisers and knowledge partners of the programme's public circles, each
    once; one query."""
    return (
        Partner.objects.filter(leerkringen__in=leerkring_list().filter(programma=programma))
        .distinct()
        .order_by("kind", "name")
    )


def open_circle_ids(*, circles) -> set[int]:
    """Which of these circles a municipality can apply to now (the application form's own
    choices, gemeenten' leerkring_list_open); one query."""
    return set(
        leerkring_list_open().filter(pk__in=[c.pk for c in circles]).values_list("pk", flat=True)
    )


def by_phase(items: list[dict], *, open_ids: set[int]) -> dict[str, list[dict]]:
    """Circle entries (with `leerkring`) as the public sees them: running, open for
    applications (`can_apply` when the form takes them), ended. Never one in preparation."""
    groups = {"running": [], "open": [], "ended": []}
    for item in items:
        circle = item["leerkring"]
        if circle.phase == Phase.RUNNING:
            groups["running"].append(item)
        elif circle.phase == Phase.OPEN:
            groups["open"].append({**item, "can_apply": circle.pk in open_ids})
        elif circle.phase == Phase.CLOSED:
            groups["ended"].append(item)
    return groups


def programma_page(*, programma: Programma, now=None) -> dict:
    """Everything on the programme's public page, in eleven queries whatever the number of
    circles."""
    numbers = programma_numbers(programma=programma, now=now)
    circles = [item["leerkring"] for item in numbers["circles"]]
    groups = by_phase(numbers["circles"], open_ids=open_circle_ids(circles=circles))
    publicaties = publicaties_per_circle(
        circles=[item["leerkring"] for item in groups["ended"]], now=now
    )
    for item in groups["ended"]:
        item["publicaties"] = publicaties.get(item["leerkring"].pk, [])
    return {
        "programma": programma,
        "partners": list(programma_partners(programma=programma)),
        "combined": numbers["combined"],
        "totals": numbers["totals"],
        **groups,
    }


def home_programmes(*, circles: list[Leerkring], now=None) -> list[dict]:
    """The programmes on the home page when it shows more than one circle: each with its
    circles by phase and its combined figures, in the order of their newest circle. Nothing
    with one circle or none, and nothing when no circle belongs to a programme (no query
    then); otherwise eight queries whatever the number of circles and programmes. The circles
    come with their programme (select_related)."""
    if len(circles) < 2 or not any(circle.programma_id for circle in circles):
        return []
    numbers = numbers_by_programma(circles=circles, now=now)
    open_ids = open_circle_ids(circles=circles)
    programmes = []
    for circle in circles:  # newest first: a programme in the order of its newest circle
        entry = numbers.pop(circle.programma_id, None)
        if entry is None:
            continue
        programmes.append(
            {
                "programma": circle.programma,
                "combined": entry["combined"],
                **by_phase(entry["circles"], open_ids=open_ids),
            }
        )
    return programmes
