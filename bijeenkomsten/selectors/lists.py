"""Which meetings a person sees, the meeting list with its filter, and the registrations
screen "Aanmeldingen en aanwezigheid" (its CSV export reads the same)."""

import django_filters
from django.core.cache import cache
from django.db.models import CharField, Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from gemeenten.models import Deelname, Gemeente
from gemeenten.selectors import viewer_context
from leerkring.core.forms import CleanTextForm
from leerkring.core.models import Leerkring

from ..models import Aanmelding, Bijeenkomst
from . import scope as scope_selectors


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


# What a card in the list shows and its status label reads (selectors.registration.
# bijeenkomst_status_label); not the description or the search vectors, which can be long.
LIST_FIELDS = (
    "kind", "title", "starts_at", "ends_at", "location", "online_url", "capacity",
    "registration_opens_at", "registration_closes_at", "status", "host_gemeente__name",
    "leerkring__title",
)  # fmt: skip


def bijeenkomst_list(*, user, data) -> tuple[BijeenkomstFilter, QuerySet[Bijeenkomst]]:
    data = data.copy()
    data.setdefault("periode", "komend")
    # Someone signed out has no registrations: no subquery per meeting to find none.
    mine = (
        Subquery(
            Aanmelding.objects.filter(
                bijeenkomst=OuterRef("pk"), deelnemer_id=user.pk, status__in=Aanmelding.ACTIVE
            ).values("status")[:1]
        )
        if user.is_authenticated
        else Value(None, output_field=CharField())
    )
    # Seats as a correlated subquery rather than a join with GROUP BY: PostgreSQL runs it for
    # the rows of the page alone, also with the list's length counted in the same query
    # (leerkring.core.pagination.page_of; make bench, the meeting list).
    seated = (
        Aanmelding.objects.filter(bijeenkomst=OuterRef("pk"), status__in=Aanmelding.SEATED)
        .order_by()
        .values("bijeenkomst")
        .annotate(n=Count("pk"))
        .values("n")
    )
    base = (
        bijeenkomst_visible_to(user)
        .select_related("host_gemeente", "leerkring")
        .only(*LIST_FIELDS)
        .annotate(seated=Coalesce(Subquery(seated), 0), my_status=mine)
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
                Leerkring.objects.exclude(phase=Leerkring.Phase.PREPARING)
                .order_by("-starts_on", "title")
                .values_list("slug", "title")
            ),
        }
        cache.set(FILTER_CHOICES_KEY, choices, 300)
    return choices


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
    circles = scope_selectors.overview_circles(user)
    own_gemeenten = {pair[1] for pair in scope_selectors.coordinated_deelnames(user)}
    researched = viewer_context(user).researched
    base = (
        Aanmelding.objects.filter(scope_selectors.aanmelding_scope(user))
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
