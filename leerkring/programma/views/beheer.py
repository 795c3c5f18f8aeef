"""The programme manager's home: every circle of the programme (those in preparation too) with
its phase, researchers and waiting applications, the figures per circle and combined, and the
downloads across circles. Counts and titles only: nothing a circle keeps to itself
(municipality-only cases, drafts, diet and accessibility needs) is on it or in its CSV."""

from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from leerkring.core.exports import csv_response

from ..selectors import cijfers
from .kringen import ProgrammaManagerMixin


class ProgrammaBeheerView(ProgrammaManagerMixin, TemplateView):
    template_name = "programma/programma_beheer.html"
    with_leerkring = False

    def get_context_data(self, **kwargs):
        programma = self.programma
        circles = list(cijfers.programma_circles_for_manager(programma=programma))
        numbers = cijfers.programma_numbers(programma=programma, circles=circles)
        return super().get_context_data(
            programma=programma,
            circles=numbers["circles"],
            combined=numbers["combined"],
            totals=numbers["totals"],
            downloads=cijfers.programma_downloads(programma=programma),
            **kwargs,
        )


class ProgrammaCijfersExportView(ProgrammaManagerMixin, View):
    """The figures per circle and a total row, as CSV (formulas defused by the exports)."""

    with_leerkring = False

    def get(self, request, *args, **kwargs):
        programma = self.programma
        numbers = cijfers.programma_numbers(
            programma=programma,
            circles=cijfers.programma_circles(programma=programma, with_preparing=True),
        )
        return csv_response(
            filename=f"cijfers-{programma.slug}-{timezone.localdate():%Y-%m-%d}.csv",
            headers=cijfers.export_headers(),
            rows=cijfers.export_rows(numbers),
        )
