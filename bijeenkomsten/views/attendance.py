"""Attendance: the attendance list, and attendance per municipality as CSV."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from leerkring.core import exports as core_exports
from leerkring.core.fields import id_from
from leerkring.core.models import Leerkring
from leerkring.core.views import PermissionRequiredOr404Mixin

from ..models import Aanmelding
from ..selectors import attendance as attendance_selectors
from ..selectors import registration as registration_selectors
from ..services import attendance
from .common import BijeenkomstMixin


class AttendanceExportView(PermissionRequiredOr404Mixin, View):
    """Attendance per meeting (rows, in programme order) per municipality (columns) as CSV:
    the numbers of the attendance chart (selectors.attendance.attendance_matrix)."""

    permission_required = "bijeenkomsten.view_aanmeldingen"

    def get(self, request):
        leerkring = None
        if request.GET.get("leerkring"):
            leerkring = get_object_or_404(Leerkring, slug=request.GET["leerkring"])
        series, rows = attendance_selectors.attendance_matrix(
            user=request.user, leerkring=leerkring
        )
        return core_exports.csv_response(
            filename=f"aanwezigheid-per-gemeente-{timezone.localdate():%Y-%m-%d}.csv",
            headers=[_("Bijeenkomst"), *series, _("Totaal")],
            rows=[(label, *counts, sum(counts)) for label, counts in rows],
        )


class PresentielijstView(BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView):
    template_name = "bijeenkomsten/presentielijst.html"
    permission_required = "bijeenkomsten.manage"

    def get_template_names(self):
        if self.request.GET.get("afdrukken"):
            return ["bijeenkomsten/presentielijst_print.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        bijeenkomst = self.get_bijeenkomst()
        return super().get_context_data(
            bijeenkomst=bijeenkomst,
            aanmeldingen=[
                a
                for a in registration_selectors.aanmelding_list(bijeenkomst=bijeenkomst)
                if a.status != Aanmelding.Status.WAITLIST
            ],
            **kwargs,
        )

    def post(self, request, pk):
        present = {id_from(value) for value in request.POST.getlist("aanwezig")} - {None}
        attendance.attendance_mark(bijeenkomst=self.get_bijeenkomst(), present_ids=present)
        messages.success(request, _("De presentielijst is opgeslagen."))
        return HttpResponseRedirect(reverse("bijeenkomsten:presentielijst", args=[pk]))
