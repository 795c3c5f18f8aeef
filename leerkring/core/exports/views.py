"""CSV exports seen from the browser: the download link of a screen (`ExportView`, answered at
once when small, else a page that offers to make it in the background), and the page of one
background export with its progress, its download and "Probeer opnieuw". Only the person who
asked for an export sees it; everyone else gets a 404."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from .. import exports
from ..downloads import file_response
from ..models import ExportJob
from ..views import PermissionRequiredOr404Mixin
from .services import export_request, export_retry


class ExportView(PermissionRequiredOr404Mixin, TemplateView):
    """The "Download als CSV" link of a screen, with the screen's filters in its query string.
    GET answers the CSV itself when it has at most EXPORT_INLINE_MAX_ROWS rows; otherwise it
    shows how large it is and a button that asks a worker for it (POST), so GET never starts
    anything. Filters that are not valid send the person back to the screen, which says why."""

    kind = ""
    template_name = "core/export_large.html"

    def back_to_screen(self):
        query = self.request.GET.urlencode()
        screen = reverse(exports.get(self.kind).screen)
        return HttpResponseRedirect(screen + (f"?{query}" if query else ""))

    def get(self, request, *args, **kwargs):
        spec = exports.get(self.kind)
        try:
            count, rows = spec.rows(request.user, request.GET)
        except exports.InvalidFilters:
            return self.back_to_screen()
        if count <= settings.EXPORT_INLINE_MAX_ROWS:
            return exports.spec_response(
                self.kind, user=request.user, rows=rows, params=request.GET
            )
        query = request.GET.copy()
        query.pop("pagina", None)
        return self.render_to_response(
            self.get_context_data(
                title=spec.title,
                count=count,
                query=query.urlencode(),
                screen_url=reverse(spec.screen),
            )
        )

    def post(self, request, *args, **kwargs):
        spec = exports.get(self.kind)
        try:
            spec.rows(request.user, request.GET)  # the same check as the link made
        except exports.InvalidFilters:
            return self.back_to_screen()
        job = export_request(
            user=request.user, kind=self.kind, params=exports.params_from(request.GET)
        )
        return HttpResponseRedirect(reverse("export-detail", args=[job.pk]))


class _ExportJobMixin:
    def get_job(self) -> ExportJob:
        if not hasattr(self, "_job"):
            user = self.request.user
            if not user.is_authenticated:
                raise Http404
            self._job = get_object_or_404(ExportJob, pk=self.kwargs["pk"], user=user)
        return self._job

    def status_context(self, job: ExportJob) -> dict:
        return {
            "job": job,
            "page_url": reverse("export-detail", args=[job.pk]),
            "status_url": reverse("export-status", args=[job.pk]),
            "download_url": reverse("export-download", args=[job.pk]),
            "retry_url": reverse("export-retry", args=[job.pk]),
        }


class ExportJobDetailView(_ExportJobMixin, TemplateView):
    template_name = "core/exportjob_detail.html"

    def get_context_data(self, **kwargs):
        job = self.get_job()
        filters, screen_url = [], ""
        try:
            spec = exports.get(job.kind)
        except LookupError:
            pass
        else:
            query = exports.query_from(job.params)
            if spec.describe is not None:
                try:
                    filters = spec.describe(self.request.user, query)
                except exports.ExportError:
                    filters = []
            if spec.screen:
                encoded = query.urlencode()
                screen_url = reverse(spec.screen) + (f"?{encoded}" if encoded else "")
        return super().get_context_data(
            filters=filters,
            screen_url=screen_url,
            keep_days=settings.EXPORT_KEEP_DAYS,
            **self.status_context(job),
            **kwargs,
        )


class ExportJobStatusView(_ExportJobMixin, View):
    """The status box alone, for htmx to swap in; without htmx, the whole page."""

    def get(self, request, pk):
        context = self.status_context(self.get_job())
        if not request.htmx:
            return HttpResponseRedirect(context["page_url"])
        return render(request, "core/_exportjob_status.html", context)


class ExportJobDownloadView(_ExportJobMixin, View):
    def get(self, request, pk):
        job = self.get_job()
        if not job.is_ready:
            messages.info(
                request, _("Het bestand is nog niet klaar. Hieronder zie je hoe ver het is.")
            )
            return HttpResponseRedirect(reverse("export-detail", args=[pk]))
        return file_response(
            job.file, filename=job.filename, content_type="text/csv; charset=utf-8"
        )


class ExportJobRetryView(_ExportJobMixin, View):
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        self.get_job()  # someone else's export is a 404, also for a GET
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, pk):
        job = export_retry(job=self.get_job())
        if job.is_pending:
            messages.success(request, _("De export wordt opnieuw gemaakt."))
        return HttpResponseRedirect(reverse("export-detail", args=[pk]))
