"""The status box, the download and "Probeer opnieuw" of every kind of PDF, in one set of
views (URLs in urls.py: /pdf/<kind>/<id>/status/, download/, opnieuw/). The kind's `PdfKind`
says how its object is found, who may see it and retry it, its file name and the page to go
back to. Whoever may not see a document gets a 404, so that ids reveal nothing.

An app whose older URLs find the object otherwise (a slug, a version number) points them at
these views with a subclass that overrides `get_document_object`; links people hold keep
working."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from ..downloads import job_file_response
from . import PdfKind
from . import get as kind_get
from .selectors import render_job
from .services import render_again


def render_status_context(*, pdf_kind: PdfKind, obj, user) -> dict:
    """What includes/render_status.html needs to show the PDF of `obj` and poll for it."""
    args = [pdf_kind.kind, obj.pk]
    download_url = (
        pdf_kind.download_url(obj) if pdf_kind.download_url else reverse("pdf-download", args=args)
    )
    return {
        "job": render_job(kind=pdf_kind.kind, object_id=obj.pk),
        "page_url": pdf_kind.page_url(obj),
        "status_url": reverse("pdf-status", args=args),
        "download_url": download_url,
        "retry_url": reverse("pdf-retry", args=args),
        "can_retry": user.has_perm(pdf_kind.retry_permission, obj),
    }


def pdf_download_response(
    request, *, pdf_kind: PdfKind, obj
) -> FileResponse | HttpResponseRedirect:
    """The PDF of `obj` once it is ready; before that, back to its page, which shows how far
    it is."""
    job = render_job(kind=pdf_kind.kind, object_id=obj.pk)
    if job is None or not job.is_ready:
        messages.info(request, _("De PDF is nog niet klaar. Hieronder zie je hoe ver hij is."))
        return HttpResponseRedirect(pdf_kind.page_url(obj))
    return job_file_response(job, pdf_kind.filename(obj))


class PdfMixin:
    """The kind comes from the URL (`kind`) or from as_view(kind=...); the object from the id
    in the URL, checked against the permission `permission_attribute` of the kind names."""

    kind = ""
    permission_attribute = "permission"

    def get_pdf_kind(self) -> PdfKind:
        try:
            return kind_get(self.kwargs.get("kind") or self.kind)
        except LookupError as exc:
            raise Http404 from exc

    def get_document_object(self):
        """The object the URL names, or a 404."""
        try:
            return self.get_pdf_kind().get_object(self.kwargs["pk"])
        except (ObjectDoesNotExist, ValueError) as exc:
            raise Http404 from exc

    def get_checked_object(self):
        """The object, when the person may do this with it; otherwise a 404."""
        if not hasattr(self, "_object"):
            obj = self.get_document_object()
            permission = getattr(self.get_pdf_kind(), self.permission_attribute)
            if not self.request.user.has_perm(permission, obj):
                raise Http404
            self._object = obj
        return self._object


class PdfStatusView(PdfMixin, View):
    """The PDF status box alone, for htmx to swap in; without htmx, the object's page."""

    def get(self, request, *args, **kwargs):
        obj = self.get_checked_object()
        pdf_kind = self.get_pdf_kind()
        if not request.htmx:
            return HttpResponseRedirect(pdf_kind.page_url(obj))
        context = render_status_context(pdf_kind=pdf_kind, obj=obj, user=request.user)
        return render(request, "includes/render_status_body.html", context)


class PdfDownloadView(PdfMixin, View):
    def get(self, request, *args, **kwargs):
        obj = self.get_checked_object()
        return pdf_download_response(request, pdf_kind=self.get_pdf_kind(), obj=obj)


class PdfRetryView(PdfMixin, View):
    """Make a failed (or never asked for) PDF again; then back to its page."""

    permission_attribute = "retry_permission"
    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        self.get_checked_object()  # someone else's document is a 404, also for a GET
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        obj = self.get_checked_object()
        pdf_kind = self.get_pdf_kind()
        render_again(kind=pdf_kind.kind, object_id=obj.pk)
        messages.success(request, _("De PDF wordt opnieuw gemaakt."))
        return HttpResponseRedirect(pdf_kind.page_url(obj))
