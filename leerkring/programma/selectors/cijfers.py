"""The programme in numbers: the figures of D30 for each circle of a programme, counted by the
very functions of the circle in numbers (leerkring.selectors.circle_counts), and combined for
the programme: municipalities and participants counted once across its circles.

Seven queries whatever the number of circles or programmes: the five of circle_counts and one
each for the distinct municipalities and people per programme."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Deelname
from leerkring.core.models import Leerkring, Programma
from leerkring.core.selectors import leerkring_list
from leerkring.selectors import (
    FIGURE_LABELS,
    FIGURES,
    admitted_deelnames,
    circle_counts,
    figures_of,
    participations,
)
from publicaties.selectors import publicatie_public

# The combined figures, in the order the pages show them.
COMBINED = ("gemeenten", "circles", "meetings", "participants", "cases")
COMBINED_LABELS = {
    "gemeenten": _("gemeenten"),
    "circles": _("leerkringen"),
    "meetings": _("bijeenkomsten gehouden"),
    "participants": _("deelnemers"),
    "cases": _("casussen"),
}


def programma_circles(*, programma: Programma, with_preparing: bool = False) -> QuerySet:
    """The programme's circles, newest first: those the public sees, or (for its managers,
    `with_preparing`) also those in preparation."""
    circles = Leerkring.objects.all() if with_preparing else leerkring_list()
    return circles.filter(programma=programma).order_by("-starts_on", "title", "pk")


def _per_programme(queryset, field: str, counted: str, ids: list[int]) -> dict[int, int]:
    """How many distinct `counted` per programme, of the rows of these circles (`field` leads
    from a row to its circle)."""
    return dict(
        queryset.filter(**{f"{field}_id__in": ids})
        .values(f"{field}__programma_id")
        .annotate(n=Count(counted, distinct=True))
        .order_by()
        .values_list(f"{field}__programma_id", "n")
    )


def numbers_by_programma(*, circles, now=None) -> dict[int, dict]:
    """For the programme of each of these circles (circles without a programme are left
    out), by programme id:
    - `circles`: per circle, in the order given, `leerkring`, `counts` (FIGURES) and
      `figures` (label, number), as leerkring.selectors.circle_numbers gives them;
    - `totals`: the combined numbers (COMBINED, and the publications), municipalities and
      participants distinct across the circles;
    - `combined`: the combined figures (label, number).
    Seven queries, whatever the number of circles and programmes."""
    now = now or timezone.now()
    circles = [circle for circle in circles if circle.programma_id is not None]
    ids = [circle.pk for circle in circles]
    counts = circle_counts(circles=circles, now=now)
    gemeenten = _per_programme(admitted_deelnames(), "leerkring", "gemeente", ids)
    people = _per_programme(participations(now=now), "bijeenkomst__leerkring", "deelnemer", ids)
    programmes: dict[int, dict] = {}
    for circle in circles:
        entry = programmes.setdefault(circle.programma_id, {"circles": []})
        entry["circles"].append(
            {
                "leerkring": circle,
                "counts": counts[circle.pk],
                "figures": figures_of(counts[circle.pk]),
            }
        )
    for programma_id, entry in programmes.items():
        entry["totals"] = _totals(
            [item["counts"] for item in entry["circles"]],
            gemeenten=gemeenten.get(programma_id, 0),
            participants=people.get(programma_id, 0),
        )
        entry["combined"] = combined_figures(entry["totals"])
    return programmes


def _totals(counts: list[dict], *, gemeenten: int, participants: int) -> dict[str, int]:
    return {
        "gemeenten": gemeenten,
        "circles": len(counts),
        "meetings": sum(c["meetings"] for c in counts),
        "participants": participants,
        "cases": sum(c["cases"] for c in counts),
        "publications": sum(c["publications"] for c in counts),
    }


def combined_figures(totals: dict[str, int]) -> list[tuple[str, int]]:
    return [(COMBINED_LABELS[name], totals[name]) for name in COMBINED]


def programma_numbers(*, programma: Programma, now=None, circles=None) -> dict:
    """The figures of one programme: per circle (the public ones, unless `circles` are given:
    the manager's page passes every circle, those in preparation too) and combined. Eight
    queries (seven with `circles`)."""
    if circles is None:
        circles = programma_circles(programma=programma)
    circles = list(circles)
    empty = {"circles": [], "totals": _totals([], gemeenten=0, participants=0)}
    entry = numbers_by_programma(circles=circles, now=now).get(programma.pk, empty)
    entry.setdefault("combined", combined_figures(entry["totals"]))
    return entry


# --- The manager's page ------------------------------------------------------------------------
def programma_circles_for_manager(*, programma: Programma) -> QuerySet[Leerkring]:
    """Every circle of the programme, those in preparation too, with how many researchers it
    has (`n_researchers`) and how many applications wait for a decision (`n_applied`); one
    query."""
    return programma_circles(programma=programma, with_preparing=True).annotate(
        n_researchers=Count("researchers", distinct=True),
        n_applied=Count(
            "deelnames", filter=Q(deelnames__status=Deelname.Status.APPLIED), distinct=True
        ),
    )


def programma_downloads(*, programma: Programma, now=None) -> list:
    """The downloads of the programme's publications that everyone may see (released and
    public: publicaties.selectors.publicatie_public), each with its circle, the number of
    downloads and of people who downloaded (one forgotten download of each person counts as
    them, as in publicaties.selectors.download_figures). Counts only: never who. One query."""
    return list(
        publicatie_public(now)
        .filter(leerkring__programma=programma)
        .select_related("leerkring")
        .annotate(
            n_downloads=Count("downloads", distinct=True),
            n_people=Count("downloads__user", distinct=True)
            + Count("downloads", filter=Q(downloads__counts_as_person=True), distinct=True),
        )
        .order_by("-leerkring__starts_on", "leerkring__title", "-release_at", "title", "pk")
    )


# The columns of the figures' CSV.
def export_headers() -> list[str]:
    return [
        str(_("Leerkring")),
        str(_("Fase")),
        *(str(FIGURE_LABELS[name]).capitalize() for name in FIGURES),
    ]


def export_rows(numbers: dict) -> list[list]:
    """One row per circle and a total row (municipalities and participants counted once)."""
    rows = [
        [
            item["leerkring"].title,  # one line, as read (Leerkring.from_db)
            item["leerkring"].get_phase_display(),
            *(item["counts"][name] for name in FIGURES),
        ]
        for item in numbers["circles"]
    ]
    totals = numbers["totals"]
    rows.append(
        [
            str(_("Totaal (gemeenten en deelnemers één keer geteld)")),
            "",
            *(totals[name] for name in FIGURES),
        ]
    )
    return rows
