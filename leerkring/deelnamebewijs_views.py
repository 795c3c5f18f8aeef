"""The pages of the certificates of participation: one person's (for them, their coordinator
and the researchers) and a municipality's list for its coordinator, with all certificates in
one PDF. Opening a page asks for its PDF; it is made again only when what it shows changed
(the kind's version fingerprint)."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import render
from django.views.generic import TemplateView

from leerkring.core.rendering.services import render_request
from leerkring.core.rendering.views import render_status_context
from leerkring.core.views import PermissionRequiredOr404Mixin

from . import deelnamebewijs as bewijs
from .documents import DEELNAMEBEWIJS_PDF, DEELNAMEBEWIJZEN_PDF


def deelnamebewijs_status(*, lidmaatschap, user) -> dict:
    """The certificate of a confirmed member for a page: asked for when they attended a
    meeting, with what the status box needs; {"attended": False} otherwise (no empty PDF)."""
    if not bewijs.has_attended(lidmaatschap):
        return {"attended": False}
    render_request(kind=DEELNAMEBEWIJS_PDF.kind, object_id=lidmaatschap.pk)
    context = render_status_context(pdf_kind=DEELNAMEBEWIJS_PDF, obj=lidmaatschap, user=user)
    return {"attended": True, **context}


class DocumentObjectMixin(PermissionRequiredOr404Mixin):
    """The object of the URL's id, by the kind's own `get_object`; a 404 when it is gone."""

    pdf_kind = None

    def get_permission_object(self):
        if not hasattr(self, "_object"):
            try:
                self._object = self.pdf_kind.get_object(self.kwargs["pk"])
            except ObjectDoesNotExist as exc:
                raise Http404 from exc
        return self._object

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        # Asking is this page's own part; the status box polls the core's status URL.
        if request.htmx and "job" in context:
            return render(request, "includes/render_status_body.html", context)
        return self.render_to_response(context)


class DeelnamebewijsView(DocumentObjectMixin, TemplateView):
    template_name = "leerkring/deelnamebewijs.html"
    pdf_kind = DEELNAMEBEWIJS_PDF
    permission_required = "gemeenten.view_deelnamebewijs"

    def get_context_data(self, **kwargs):
        lidmaatschap = self.get_permission_object()
        status = deelnamebewijs_status(lidmaatschap=lidmaatschap, user=self.request.user)
        own = lidmaatschap.user_id == self.request.user.pk
        return super().get_context_data(lidmaatschap=lidmaatschap, own=own, **status, **kwargs)


class DeelnamebewijzenView(DocumentObjectMixin, TemplateView):
    template_name = "leerkring/deelnamebewijzen.html"
    pdf_kind = DEELNAMEBEWIJZEN_PDF
    permission_required = "gemeenten.view_deelnamebewijzen"

    def get_context_data(self, **kwargs):
        deelname = self.get_permission_object()
        people = bewijs.people_of_deelname(deelname)
        context = {"deelname": deelname, "people": people}
        if any(person.meetings for person in people):
            render_request(kind=DEELNAMEBEWIJZEN_PDF.kind, object_id=deelname.pk)
            context |= render_status_context(
                pdf_kind=DEELNAMEBEWIJZEN_PDF, obj=deelname, user=self.request.user
            )
        return super().get_context_data(**context, **kwargs)
