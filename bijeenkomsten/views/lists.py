"""The lists: meetings, and the registrations with attendance (with their CSV)."""

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from gemeenten.selectors import viewer_context
from leerkring.core.exports.views import ExportView
from leerkring.core.pagination import page_of
from leerkring.core.views import PermissionRequiredOr404Mixin

from .. import exports
from ..models import Aanmelding
from ..selectors import lists as lists_selectors
from ..selectors import registration as registration_selectors

PAGE_SIZE = 20


class BijeenkomstListView(TemplateView):
    template_name = "bijeenkomsten/bijeenkomst_list.html"

    def get_context_data(self, **kwargs):
        bijeenkomst_filter, qs = lists_selectors.bijeenkomst_list(
            user=self.request.user, data=self.request.GET
        )
        page = page_of(qs, PAGE_SIZE, self.request.GET.get("pagina"))
        for bijeenkomst in page:  # the page keeps its objects in a list: the label stays on
            bijeenkomst.status_label = registration_selectors.bijeenkomst_status_label(
                bijeenkomst, seated=bijeenkomst.seated
            )
        query = self.request.GET.copy()
        query.pop("pagina", None)
        return super().get_context_data(
            filter=bijeenkomst_filter,
            page=page,
            query=query.urlencode(),
            can_add=self.request.user.has_perm("bijeenkomsten.add_bijeenkomst"),
            # With more than one circle (issue 20) each meeting names its circle.
            many_circles=len(lists_selectors.filter_choices()["leerkring"]) > 1,
            # my_status is an annotation, not an Aanmelding: the template compares it with this.
            AanmeldingStatus=Aanmelding.Status,
            **kwargs,
        )


class AanmeldingListView(PermissionRequiredOr404Mixin, TemplateView):
    """The screen "Aanmeldingen en aanwezigheid": every registration a researcher (their
    circles) or a coordinator (their own municipality) may see, filtered, with the CSV
    downloads."""

    template_name = "bijeenkomsten/aanmelding_list.html"
    permission_required = "bijeenkomsten.view_aanmeldingen"
    page_size = 50

    def get_context_data(self, **kwargs):
        user = self.request.user
        aanmelding_filter, qs = lists_selectors.aanmelding_export_list(
            user=user, data=self.request.GET
        )
        page = Paginator(qs, self.page_size).get_page(self.request.GET.get("pagina"))
        query = self.request.GET.copy()
        query.pop("pagina", None)
        researched = viewer_context(user).researched
        return super().get_context_data(
            filter=aanmelding_filter,
            page=page,
            # Each registration with its needs (researchers only), as the CSV has them.
            rows=[
                (a, exports.aanmelding_cells(a, researched=researched)[len(exports.COLUMNS) :])
                for a in page
            ],
            columns=exports.aanmelding_columns(user),
            query=query.urlencode(),
            **kwargs,
        )


class AanmeldingExportView(ExportView):
    kind = exports.AANMELDINGEN
    permission_required = "bijeenkomsten.view_aanmeldingen"
