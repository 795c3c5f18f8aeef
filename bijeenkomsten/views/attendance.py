"""Attendance: the attendance list with late arrivals, and attendance per municipality as
CSV."""

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
from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from ..selectors import attendance as attendance_selectors
from ..services import attendance
from .common import BijeenkomstMixin, posted_id


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


class PresentielijstView(
    DomainErrorMixin, BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView
):
    """The attendance list: ticked from the meeting's day on (before, a message and no form);
    `?afdrukken=1` is the sheet to sign at the door. Both in the order of the PDF."""

    template_name = "bijeenkomsten/presentielijst.html"
    permission_required = "bijeenkomsten.manage"

    def get_template_names(self):
        if self.request.GET.get("afdrukken"):
            return ["bijeenkomsten/presentielijst_print.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        bijeenkomst = self.get_bijeenkomst()
        problem = attendance_selectors.attendance_problem(bijeenkomst)
        return super().get_context_data(
            bijeenkomst=bijeenkomst,
            problem=problem,
            aanmeldingen=attendance_selectors.presentielijst(bijeenkomst=bijeenkomst),
            candidates=None
            if problem
            else attendance_selectors.walk_in_candidates(bijeenkomst=bijeenkomst),
            **kwargs,
        )

    def post(self, request, pk):
        present = {id_from(value) for value in request.POST.getlist("aanwezig")} - {None}
        attendance.attendance_mark(bijeenkomst=self.get_bijeenkomst(), present_ids=present)
        messages.success(request, _("De presentielijst is opgeslagen."))
        return HttpResponseRedirect(reverse("bijeenkomsten:presentielijst", args=[pk]))


class WalkInView(DomainErrorMixin, BijeenkomstMixin, PermissionRequiredOr404Mixin, View):
    """Add someone who came without registering to the attendance list, as present."""

    permission_required = "bijeenkomsten.manage"
    http_method_names = ["post"]
    light = True

    def get_error_url(self) -> str:
        return reverse("bijeenkomsten:presentielijst", args=[self.kwargs["pk"]])

    def post(self, request, pk):
        aanmelding = attendance.attendance_walk_in(
            bijeenkomst_id=self.get_bijeenkomst().pk,
            deelnemer_id=posted_id(request, "deelnemer"),
            actor=request.user,
        )
        messages.success(
            request,
            _("%(name)s staat op de presentielijst als aanwezig, zonder aanmelding vooraf.")
            % {"name": aanmelding.deelnemer.display_name},
        )
        return HttpResponseRedirect(self.get_error_url())
