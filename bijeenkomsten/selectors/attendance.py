"""Who counts as having come to a meeting, attendance per municipality on a meeting's page,
the attendance chart of a circle, and the attendance list: when it can be taken, its order,
and who can be added on the day without having registered."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Deelname, Gemeente, Lidmaatschap
from gemeenten.selectors import viewer_context

from ..models import Aanmelding, Bijeenkomst
from . import lists as lists_selectors
from . import scope as scope_selectors


def attendance_per_gemeente(*, bijeenkomst: Bijeenkomst, user) -> list[dict]:
    """Registered and attended per municipality, as far as this person may see them
    (aanmelding_scope, D31): researchers every municipality, a coordinator their own."""
    return list(
        bijeenkomst.aanmeldingen.filter(
            scope_selectors.aanmelding_scope(user), status__in=Aanmelding.SEATED
        )
        .values("gemeente__name")
        .annotate(
            registered=Count("id"),
            attended=Count("id", filter=Q(status=Aanmelding.Status.ATTENDED)),
        )
        .order_by("gemeente__name")
    )


def present(prefix: str = "", meeting: str = "bijeenkomst_id") -> Q:
    """Who counts as having come to a meeting: the people marked present; at a meeting where
    nobody was marked, everyone with a seat. Reports and attendance charts both count so.
    `prefix` reaches the registration through a relation ("aanmeldingen__"), `meeting` names
    the meeting's id from there."""
    marked = Aanmelding.objects.filter(
        bijeenkomst_id=OuterRef(meeting), status=Aanmelding.Status.ATTENDED
    )
    return Q(**{f"{prefix}status": Aanmelding.Status.ATTENDED}) | Q(
        Q(**{f"{prefix}status": Aanmelding.Status.REGISTERED}) & ~Exists(marked)
    )


def counted_present(aanmeldingen: QuerySet[Aanmelding]) -> QuerySet[Aanmelding]:
    """The registrations that count as having come (see `present`)."""
    return aanmeldingen.filter(present())


def attendance_matrix(*, user, leerkring=None) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """Attendance per meeting per municipality: (municipality names, one row per meeting in
    programme order with one count per municipality). Meetings that have begun and were not
    cancelled, of the circles the person researches (every admitted municipality) or
    coordinates (their own municipality's column only); `leerkring` narrows it to one circle.
    One to three queries, however many meetings and people."""
    researched = set(viewer_context(user).researched)
    if leerkring is not None and leerkring.pk in researched:
        # Researchers see every municipality of the circle: what they coordinate adds nothing.
        circles, own = {leerkring.pk}, {}
    else:
        circles = scope_selectors.overview_circles(user)
        if leerkring is not None:
            circles &= {leerkring.pk}
        own = {
            pair: name
            for pair, name in scope_selectors.coordinated_gemeenten(user).items()
            if pair[0] in circles
        }
    if not circles:
        return [], []
    researched &= circles
    scope = Q(leerkring_id__in=researched)
    for leerkring_id, gemeente_id in own:
        scope |= Q(leerkring_id=leerkring_id, aanmeldingen__gemeente_id=gemeente_id)
    # Meetings and their counts per municipality in one query: a meeting without anyone
    # counted still comes back, once, with 0.
    meetings, counts = {}, {}
    for row in (
        Bijeenkomst.objects.filter(leerkring_id__in=circles, starts_at__lte=timezone.now())
        .exclude(status=Bijeenkomst.Status.CANCELLED)
        .values("pk", "title", "starts_at", "aanmeldingen__gemeente_id")
        .annotate(n=Count("aanmeldingen", filter=scope & present("aanmeldingen__", "pk")))
        .order_by("starts_at", "pk")
    ):
        meetings.setdefault(row["pk"], row)
        if row["n"]:
            counts[(row["pk"], row["aanmeldingen__gemeente_id"])] = row["n"]
    if researched:
        gemeenten = list(
            Gemeente.objects.filter(
                Q(
                    deelnames__leerkring_id__in=researched,
                    deelnames__status=Deelname.Status.ADMITTED,
                )
                | Q(pk__in={gemeente_id for _leerkring, gemeente_id in own})
                | Q(pk__in={gemeente_id for _meeting, gemeente_id in counts if gemeente_id})
            )
            .distinct()
            .order_by("name", "pk")
            .values_list("pk", "name")
        )
    else:  # a coordinator's own municipalities only: their names came with their roles
        gemeenten = sorted(
            {(gemeente_id, name) for (_leerkring, gemeente_id), name in own.items()},
            key=lambda item: (item[1], item[0]),
        )
    columns = [pk for pk, _name in gemeenten]
    series = [name for _pk, name in gemeenten]
    if any(gemeente_id is None for _meeting, gemeente_id in counts):
        columns.append(None)
        series.append(str(_("zonder gemeente")))
    rows = [
        (
            lists_selectors.bijeenkomst_label(
                Bijeenkomst(title=m["title"], starts_at=m["starts_at"])
            ),
            [counts.get((pk, column), 0) for column in columns],
        )
        for pk, m in meetings.items()
    ]
    return series, rows


def attendance_problem(bijeenkomst: Bijeenkomst, now=None) -> str | None:
    """Why attendance cannot be taken now, in words for the researcher, or None: it can from
    the meeting's day on (Dutch time), not for a cancelled meeting."""
    if bijeenkomst.status == Bijeenkomst.Status.CANCELLED:
        return gettext("Deze bijeenkomst gaat niet door. Er is geen presentielijst.")
    day = timezone.localdate(bijeenkomst.starts_at)
    if timezone.localdate(now or timezone.now()) < day:
        return gettext(
            "Je kunt de presentielijst invullen vanaf de dag van de bijeenkomst: %(day)s. "
            "De lijst om af te drukken en de PDF kun je nu al maken."
        ) % {"day": formats.date_format(day, "l j F Y")}
    return None


def presentielijst(*, bijeenkomst: Bijeenkomst) -> QuerySet[Aanmelding]:
    """Everyone on the attendance list (a seat, or marked present), in one stable order for
    the page, the print view and the PDF: by municipality name (people without one last),
    then by name."""
    return (
        bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.SEATED)
        .select_related("deelnemer", "gemeente", "werkgroep")
        .order_by(F("gemeente__name").asc(nulls_last=True), "deelnemer__name", "id")
    )


def walk_in_candidates(*, bijeenkomst: Bijeenkomst) -> QuerySet:
    """Who can be added on the day as present without having registered: the confirmed
    members of the municipalities admitted to the meeting's circle that have no registration
    for it (registered, waiting or present), by municipality and name."""
    active = Aanmelding.objects.filter(
        bijeenkomst=bijeenkomst, deelnemer=OuterRef("pk"), status__in=Aanmelding.ACTIVE
    )
    return (
        get_user_model()
        .objects.filter(
            lidmaatschap__status=Lidmaatschap.Status.CONFIRMED,
            lidmaatschap__gemeente__deelnames__leerkring_id=bijeenkomst.leerkring_id,
            lidmaatschap__gemeente__deelnames__status=Deelname.Status.ADMITTED,
            is_active=True,
            is_removed=False,
        )
        .exclude(Exists(active))
        .select_related("lidmaatschap__gemeente")
        .order_by("lidmaatschap__gemeente__name", "name", "pk")
    )
