import django_filters
from django.core.cache import cache
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeenten.models import Gemeente
from gemeenten.selectors import viewer_context
from leerkring.core.models import Leerkring
from leerkring.core.selectors import render_jobs

from .models import Aanmelding, Bijeenkomst, VerslagVersie, Werkgroep

SEATED = ("aangemeld", "aanwezig")


def bijeenkomst_visible_to(user) -> QuerySet[Bijeenkomst]:
    """Public meetings for everyone; all meetings of the circles a person takes part in or
    researches."""
    _gemeente, admitted, researched = viewer_context(user)
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
    return Leerkring.objects.filter(pk__in=viewer_context(user)[2]).order_by("-starts_on").first()


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
                "aanmeldingen", filter=Q(aanmeldingen__status="wachtlijst"), distinct=True
            ),
        )
        .get(pk=pk)
    )


def aanmelding_of(*, bijeenkomst: Bijeenkomst, user) -> Aanmelding | None:
    if not user.is_authenticated:
        return None
    return (
        bijeenkomst.aanmeldingen.filter(deelnemer=user, status__in=Aanmelding.ACTIVE)
        .select_related("werkgroep")
        .first()
    )


def attendance_per_gemeente(*, bijeenkomst: Bijeenkomst) -> list[dict]:
    return list(
        bijeenkomst.aanmeldingen.filter(status__in=SEATED)
        .values("gemeente__name")
        .annotate(
            registered=Count("id"),
            attended=Count("id", filter=Q(status="aanwezig")),
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
