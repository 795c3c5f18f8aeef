import django_filters
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from dilemmas.selectors import casus_names
from gemeenten.models import Deelname, Gemeente
from gemeenten.selectors import viewer_context
from leerkring.core.forms import CleanTextForm
from leerkring.core.models import Leerkring
from leerkring.core.selectors import render_jobs

from .models import Aanmelding, Bijeenkomst, VerslagVersie, Werkgroep

SEATED = Aanmelding.SEATED


def bijeenkomst_visible_to(user) -> QuerySet[Bijeenkomst]:
    """Public meetings for everyone; all meetings of the circles a person takes part in or
    researches."""
    _gemeente_id, admitted, researched = viewer_context(user)
    return Bijeenkomst.objects.filter(Q(is_public=True) | Q(leerkring_id__in=admitted | researched))


class BijeenkomstFilter(django_filters.FilterSet):
    PERIODS = [("komend", _("Komende bijeenkomsten")), ("verleden", _("Eerdere bijeenkomsten"))]

    periode = django_filters.ChoiceFilter(
        label=_("Wanneer"), choices=PERIODS, method="filter_period", empty_label=_("Alle")
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort"),
        field_name="kind",
        choices=Bijeenkomst.Kind.choices,
        empty_label=_("Alle soorten"),
    )
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gastgemeente"),
        field_name="host_gemeente",
        to_field_name="slug",
        queryset=Gemeente.objects.only("pk", "name", "slug").order_by("name"),
        empty_label=_("Alle gemeenten"),
    )
    leerkring = django_filters.ModelChoiceFilter(
        label=_("Leerkring"),
        to_field_name="slug",
        queryset=Leerkring.objects.only("pk", "title", "slug"),
        empty_label=_("Alle leerkringen"),
    )

    class Meta:
        model = Bijeenkomst
        fields = ["periode", "soort", "gemeente", "leerkring"]
        form = CleanTextForm

    def filter_period(self, queryset, name, value):
        now = timezone.now()
        if value == "verleden":
            return queryset.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
        return queryset.filter(ends_at__gte=now).order_by("starts_at", "pk")


def bijeenkomst_list(*, user, data) -> tuple[BijeenkomstFilter, QuerySet[Bijeenkomst]]:
    data = data.copy()
    data.setdefault("periode", "komend")
    mine = Aanmelding.objects.filter(
        bijeenkomst=OuterRef("pk"), deelnemer_id=user.pk or 0, status__in=Aanmelding.ACTIVE
    ).values("status")[:1]
    # Seats as a correlated subquery rather than a join with GROUP BY: the pager's count then
    # drops both annotations and counts the meetings alone (make bench, the meeting list).
    seated = (
        Aanmelding.objects.filter(bijeenkomst=OuterRef("pk"), status__in=SEATED)
        .order_by()
        .values("bijeenkomst")
        .annotate(n=Count("pk"))
        .values("n")
    )
    base = (
        bijeenkomst_visible_to(user)
        .select_related("leerkring", "host_gemeente")
        .annotate(seated=Coalesce(Subquery(seated), 0), my_status=Subquery(mine))
        .order_by("starts_at", "pk")
    )
    bijeenkomst_filter = BijeenkomstFilter(data, queryset=base)
    # The filter's municipalities and circles change a few times a year; they come from the
    # cache instead of two queries on every view of the list (make bench, the meeting list).
    choices = filter_choices()
    for name, field in bijeenkomst_filter.form.fields.items():
        if name in choices:
            field.widget.choices = [("", field.empty_label), *choices[name]]
    return bijeenkomst_filter, bijeenkomst_filter.qs


FILTER_CHOICES_KEY = "bijeenkomsten:filter-choices:v1"


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """(slug, name) of every municipality and circle, for the list's filter. Kept for five
    minutes, and dropped at once when one of them is saved (BijeenkomstenConfig.ready)."""
    choices = cache.get(FILTER_CHOICES_KEY)
    if choices is None:
        choices = {
            "gemeente": list(Gemeente.objects.order_by("name").values_list("slug", "name")),
            "leerkring": list(
                Leerkring.objects.order_by("-starts_on", "title").values_list("slug", "title")
            ),
        }
        cache.set(FILTER_CHOICES_KEY, choices, 300)
    return choices


def leerkring_for_new_bijeenkomst(*, user) -> Leerkring | None:
    """A new meeting belongs to the newest circle the researcher runs."""
    return (
        Leerkring.objects.filter(pk__in=viewer_context(user).researched)
        .order_by("-starts_on")
        .first()
    )


def bijeenkomst_detail(*, pk: int) -> Bijeenkomst:
    groups = (
        Werkgroep.objects.select_related("dilemma")
        .annotate(members=Count("aanmeldingen", filter=Q(aanmeldingen__status__in=SEATED)))
        .prefetch_related("casussen")
        .order_by("title")
    )
    return (
        Bijeenkomst.objects.select_related("leerkring", "host_gemeente", "verslag")
        .prefetch_related("programma", Prefetch("werkgroepen", queryset=groups))
        .annotate(
            seated=Count("aanmeldingen", filter=Q(aanmeldingen__status__in=SEATED), distinct=True),
            waiting=Count(
                "aanmeldingen",
                filter=Q(aanmeldingen__status=Aanmelding.Status.WAITLIST),
                distinct=True,
            ),
        )
        .get(pk=pk)
    )


# --- The online link: one rule for every output --------------------------------------------
def online_links(*, user, bijeenkomsten) -> dict[int, str]:
    """{meeting id: online link} for the meetings whose link this person may have: those they
    hold a seat for (registered or present, not waiting) and those of the circles they
    research. This is the one rule for the link; every output asks it: the meeting page, the
    .ics files, the personal feed and the e-mails. One query for any number of meetings."""
    online = [b for b in bijeenkomsten if b.online_url]
    if not online or user is None or not user.is_authenticated:
        return {}
    researched = viewer_context(user).researched
    seated = set(
        Aanmelding.objects.filter(
            deelnemer=user, bijeenkomst__in=online, status__in=SEATED
        ).values_list("bijeenkomst_id", flat=True)
    )
    return {b.pk: b.online_url for b in online if b.pk in seated or b.leerkring_id in researched}


def online_link(*, user, bijeenkomst: Bijeenkomst) -> str:
    """The meeting's online link for this person, or "" (see online_links)."""
    return online_links(user=user, bijeenkomsten=[bijeenkomst]).get(bijeenkomst.pk, "")


def aanmelding_of(*, bijeenkomst: Bijeenkomst, user) -> Aanmelding | None:
    if not user.is_authenticated:
        return None
    return (
        bijeenkomst.aanmeldingen.filter(deelnemer=user, status__in=Aanmelding.ACTIVE)
        .select_related("werkgroep")
        .first()
    )


def werkgroepen_as_seen(*, user, bijeenkomst: Bijeenkomst) -> list[Werkgroep]:
    """The meeting's work groups (as prefetched by bijeenkomst_detail), each with the cases it
    discussed as this person may see them: `named_casussen` [(id, title)] for the cases they
    may open, under the title they may read, and `unnamed_casussen`, how many others there
    are. One query for the whole page."""
    groups = list(bijeenkomst.werkgroepen.all())
    names = casus_names(user=user, casussen=[c for g in groups for c in g.casussen.all()])
    for group in groups:
        casussen = group.casussen.all()
        group.named_casussen = [(c.pk, names[c.pk]) for c in casussen if c.pk in names]
        group.unnamed_casussen = len(casussen) - len(group.named_casussen)
    return groups


def attendance_per_gemeente(*, bijeenkomst: Bijeenkomst, user) -> list[dict]:
    """Registered and attended per municipality, as far as this person may see them
    (aanmelding_scope, D31): researchers every municipality, a coordinator their own."""
    return list(
        bijeenkomst.aanmeldingen.filter(aanmelding_scope(user), status__in=SEATED)
        .values("gemeente__name")
        .annotate(
            registered=Count("id"),
            attended=Count("id", filter=Q(status=Aanmelding.Status.ATTENDED)),
        )
        .order_by("gemeente__name")
    )


def aanmelding_list(*, bijeenkomst: Bijeenkomst) -> QuerySet[Aanmelding]:
    return (
        bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.ACTIVE)
        .select_related("deelnemer", "gemeente", "werkgroep")
        .order_by("status", "gemeente__name", "deelnemer__name")
    )


def feed_bijeenkomsten(*, user) -> QuerySet[Bijeenkomst]:
    """The meetings in a person's calendar feed: those they hold a seat or a waiting place for."""
    return (
        Bijeenkomst.objects.filter(
            aanmeldingen__deelnemer=user, aanmeldingen__status__in=Aanmelding.ACTIVE
        )
        .distinct()
        .order_by("starts_at")
    )


def personal_data(*, user) -> dict:
    return {
        "bijeenkomsten.aanmelding": [
            {
                "bijeenkomst": a.bijeenkomst.title,
                "begint": a.bijeenkomst.starts_at.isoformat(),
                "status": a.status,
                "werkgroep": a.werkgroep.title if a.werkgroep else None,
                "dieetwensen": a.diet,
                "toegankelijkheid": a.accessibility,
                "aangemeld_op": a.created_at.isoformat(),
            }
            for a in Aanmelding.objects.filter(deelnemer=user).select_related(
                "bijeenkomst", "werkgroep"
            )
        ],
        "bijeenkomsten.agendakoppeling": {"heeft_agendalink": hasattr(user, "agendakoppeling")},
        # The report versions a researcher saved; the report is their work, their name goes.
        "bijeenkomsten.verslagversie": [
            {"verslag": v.title, "versie": v.number, "opgeslagen_op": v.created_at.isoformat()}
            for v in VerslagVersie.objects.filter(created_by=user).order_by("pk")
        ],
    }


def verslag_versies(*, verslag) -> list:
    """Every version of a report with the state of its PDF, newest first (researchers)."""
    from .documents import VERSLAG

    versies = list(verslag.versies.select_related("created_by").order_by("-number"))
    jobs = render_jobs(kind=VERSLAG, object_ids=[v.pk for v in versies])
    for versie in versies:
        versie.job = jobs.get(versie.pk)
    return versies


# --- Registrations and attendance for researchers and coordinators ----------------------------
def coordinated_deelnames(user) -> frozenset[tuple[int, int]]:
    """(circle id, municipality id) of every admitted participation this person coordinates,
    kept on the user for the rest of the request."""
    return frozenset(_coordinated(user))


def _coordinated(user) -> dict[tuple[int, int], str]:
    """{(circle id, municipality id): municipality name} of the participations a person
    coordinates, in one query, kept on the user."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_coordinated_deelnames", None)
    if cached is None:
        cached = user._coordinated_deelnames = {
            (leerkring_id, gemeente_id): name
            for leerkring_id, gemeente_id, name in Deelname.objects.filter(
                coordinators=user, status=Deelname.Status.ADMITTED
            ).values_list("leerkring_id", "gemeente_id", "gemeente__name")
        }
    return cached


def aanmelding_scope(user) -> Q:
    """The registrations a person may list and export: every one in the circles they
    research; in a circle they coordinate, only those of their own municipality."""
    scope = Q(bijeenkomst__leerkring_id__in=viewer_context(user).researched)
    for leerkring_id, gemeente_id in coordinated_deelnames(user):
        scope |= Q(bijeenkomst__leerkring_id=leerkring_id, gemeente_id=gemeente_id)
    return scope


def _overview_circles(user) -> set[int]:
    return set(viewer_context(user).researched) | {pair[0] for pair in coordinated_deelnames(user)}


def bijeenkomst_label(bijeenkomst: Bijeenkomst) -> str:
    """ "<title> (<d-m-Y>)", the date in Amsterdam: how a meeting is named in lists of many."""
    starts = dateformat.format(timezone.localtime(bijeenkomst.starts_at), "d-m-Y")
    return f"{bijeenkomst.title} ({starts})"


class _BijeenkomstChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return bijeenkomst_label(obj)


class _BijeenkomstChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _BijeenkomstChoiceField


class AanmeldingFilter(django_filters.FilterSet):
    """The filters of "Aanmeldingen en aanwezigheid"; its CSV export uses the same."""

    bijeenkomst = _BijeenkomstChoiceFilter(
        label=_("Bijeenkomst"),
        queryset=Bijeenkomst.objects.none(),
        empty_label=_("Alle bijeenkomsten"),
    )
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gemeente"),
        to_field_name="slug",
        queryset=Gemeente.objects.none(),
        empty_label=_("Alle gemeenten"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Aanmelding.Status.choices, empty_label=_("Alle statussen")
    )
    periode = django_filters.ChoiceFilter(
        label=_("Wanneer"),
        choices=BijeenkomstFilter.PERIODS,
        method="filter_period",
        empty_label=_("Alle"),
    )

    class Meta:
        model = Aanmelding
        fields = ["bijeenkomst", "gemeente", "status", "periode"]
        form = CleanTextForm

    def __init__(self, data=None, *args, bijeenkomsten, gemeenten, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["bijeenkomst"].queryset = bijeenkomsten
        self.filters["gemeente"].queryset = gemeenten

    def filter_period(self, queryset, name, value):
        now = timezone.now()
        if value == "verleden":
            return queryset.filter(bijeenkomst__ends_at__lt=now)
        return queryset.filter(bijeenkomst__ends_at__gte=now)


def aanmelding_export_list(*, user, data) -> tuple[AanmeldingFilter, QuerySet[Aanmelding]]:
    """Registrations of the meetings of the circles this person researches or coordinates
    (a coordinator: their own municipality's only), filtered as asked, in programme order.
    The screen and its CSV export both read this."""
    circles = _overview_circles(user)
    own_gemeenten = {pair[1] for pair in coordinated_deelnames(user)}
    researched = viewer_context(user).researched
    base = (
        Aanmelding.objects.filter(aanmelding_scope(user))
        .select_related("bijeenkomst", "deelnemer", "gemeente", "werkgroep")
        .order_by(
            "bijeenkomst__starts_at", "bijeenkomst_id", "gemeente__name", "deelnemer__name", "pk"
        )
    )
    aanmelding_filter = AanmeldingFilter(
        data,
        queryset=base,
        bijeenkomsten=Bijeenkomst.objects.filter(leerkring_id__in=circles)
        .only("pk", "title", "starts_at")
        .order_by("starts_at", "pk"),
        gemeenten=Gemeente.objects.filter(
            Q(deelnames__leerkring_id__in=researched, deelnames__status=Deelname.Status.ADMITTED)
            | Q(pk__in=own_gemeenten)
        )
        .distinct()
        .only("pk", "name", "slug")
        .order_by("name"),
    )
    return aanmelding_filter, aanmelding_filter.qs


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
        circles = _overview_circles(user)
        if leerkring is not None:
            circles &= {leerkring.pk}
        own = {pair: name for pair, name in _coordinated(user).items() if pair[0] in circles}
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
            bijeenkomst_label(Bijeenkomst(title=m["title"], starts_at=m["starts_at"])),
            [counts.get((pk, column), 0) for column in columns],
        )
        for pk, m in meetings.items()
    ]
    return series, rows
