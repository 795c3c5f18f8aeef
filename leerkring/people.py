"""The people of a municipality as CSV, for its coordinators and the researchers of its
circles: name, e-mail address, job title and the meetings they attended. It combines the
municipalities with the meetings, so it lives in the project package (gemeenten may not import
bijeenkomsten). It is an ordinary export kind of leerkring.core.exports (registered in
LeerkringConfig.ready): the same cells, defused against formulas, and the same background job
when it is large; its screen is the municipality's page."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from bijeenkomsten.models import Aanmelding
from gemeenten.models import Deelname, Gemeente, Lidmaatschap
from gemeenten.selectors import lidmaatschap_list, viewer_context
from leerkring.core import exports
from leerkring.core.exports.services import export_request
from leerkring.core.views import PermissionRequiredOr404Mixin

DEELNEMERS = "gemeenten.deelnemers"
PERMISSION = "gemeenten.manage_gemeente"

COLUMNS = [
    _("Naam"),
    _("E-mailadres"),
    _("Functie"),
    _("Aantal bijeenkomsten aanwezig"),
    _("Bijeenkomsten aanwezig"),
]


def visible_circles(user, gemeente: Gemeente) -> set[int]:
    """The circles whose meetings this person sees for the municipality: those it takes part
    in that they research or coordinate it in."""
    coordinated = Deelname.objects.filter(gemeente=gemeente, coordinators=user).values_list(
        "leerkring_id", flat=True
    )
    researched = Deelname.objects.filter(
        gemeente=gemeente, leerkring_id__in=viewer_context(user).researched
    ).values_list("leerkring_id", flat=True)
    return set(coordinated) | set(researched)


def people_of(*, gemeente: Gemeente, circles: set[int]):
    """The confirmed people of the municipality (also those hidden from colleagues), each with
    `attended`: their attended registrations in `circles`, oldest meeting first."""
    attended = (
        Aanmelding.objects.filter(
            status=Aanmelding.Status.ATTENDED, bijeenkomst__leerkring_id__in=circles
        )
        .select_related("bijeenkomst")
        .order_by("bijeenkomst__starts_at", "pk")
    )
    return lidmaatschap_list(gemeente=gemeente, include_hidden=True).prefetch_related(
        Prefetch("user__aanmeldingen", queryset=attended, to_attr="attended")
    )


def person_cells(lidmaatschap: Lidmaatschap) -> list:
    meetings = lidmaatschap.user.attended
    return [
        lidmaatschap.user.display_name,
        lidmaatschap.user.email,
        lidmaatschap.job_title,
        len(meetings),
        [
            f"{a.bijeenkomst.title} ({localdate(a.bijeenkomst.starts_at):%Y-%m-%d})"
            for a in meetings
        ],
    ]


def gemeente_from(user, params) -> Gemeente:
    """The municipality of the export, when this person may have its people; otherwise an
    ExportError (a worker making an export for someone who lost the right stops there)."""
    slug = params.get("gemeente") or ""
    gemeente = Gemeente.objects.filter(slug=slug).first()
    if gemeente is None or not user.has_perm(PERMISSION, gemeente):
        raise exports.ExportError(_("Je mag deze export niet (meer) maken."))
    return gemeente


def people_rows(user, params) -> exports.Rows:
    gemeente = gemeente_from(user, params)
    people = people_of(gemeente=gemeente, circles=visible_circles(user, gemeente))
    rows = (person_cells(p) for p in people.iterator(chunk_size=exports.CHUNK_SIZE))
    return people.count(), rows


def people_filters(user, params) -> list[tuple[str, str]]:
    return [(str(_("Gemeente")), gemeente_from(user, params).name)]


DEELNEMERS_SPEC = exports.ExportSpec(
    title=_("Deelnemers van een gemeente"),
    filename="deelnemers",
    columns=COLUMNS,
    rows=people_rows,
    describe=people_filters,
)


class PeopleExportView(PermissionRequiredOr404Mixin, TemplateView):
    """ "Deelnemers downloaden (CSV)" on the municipality's page. As leerkring.core's
    ExportView: GET answers a small file at once and shows a button for a large one (POST asks
    a worker). Someone who may not manage the municipality gets a 404."""

    permission_required = PERMISSION
    template_name = "core/export_large.html"

    def get_permission_object(self):
        if not hasattr(self, "gemeente"):
            self.gemeente = get_object_or_404(Gemeente, slug=self.kwargs["slug"])
        return self.gemeente

    def params(self) -> QueryDict:
        return exports.query_from({"gemeente": [self.gemeente.slug]})

    def get(self, request, *args, **kwargs):
        count, rows = DEELNEMERS_SPEC.rows(request.user, self.params())
        if count <= settings.EXPORT_INLINE_MAX_ROWS:
            return exports.spec_response(DEELNEMERS, user=request.user, rows=rows)
        return self.render_to_response(
            self.get_context_data(
                title=DEELNEMERS_SPEC.title,
                count=count,
                query="",
                screen_url=reverse("gemeenten:gemeente-detail", args=[self.gemeente.slug]),
            )
        )

    def post(self, request, *args, **kwargs):
        job = export_request(
            user=request.user, kind=DEELNEMERS, params=exports.params_from(self.params())
        )
        return HttpResponseRedirect(reverse("export-detail", args=[job.pk]))
