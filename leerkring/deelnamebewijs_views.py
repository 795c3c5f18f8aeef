"""The pages of the certificates of participation: one person's list of them (one per circle
they attended a meeting of, issue 20), each circle's certificate (for them, their coordinator in
that circle and its researchers) and a municipality's list for its coordinator, with all
certificates of a circle in one PDF. Opening a certificate's page asks for its PDF; it is made
again only when what it shows changed (the kind's version fingerprint)."""

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import TemplateView

from gemeenten.models import Deelnamebewijs
from leerkring.core.rendering.services import render_request
from leerkring.core.rendering.views import render_status_context
from leerkring.core.views import PermissionRequiredOr404Mixin

from . import deelnamebewijs as bewijs
from .documents import DEELNAMEBEWIJS_PDF, DEELNAMEBEWIJZEN_PDF


def deelnamebewijs_status(*, lidmaatschap, user) -> dict:
    """A confirmed member's certificates for a page (the profile, their list): one per circle
    they attended a meeting of, each with the address of its page; {"attended": False} when
    there is none yet. Nothing is rendered here; each circle's page asks for its PDF."""
    circles = bewijs.circles_attended(lidmaatschap)
    return {
        "attended": bool(circles),
        "certificates": [
            {
                "leerkring": item.leerkring,
                "meetings": item.meetings,
                "url": reverse("deelnamebewijs-kring", args=[lidmaatschap.pk, item.leerkring.slug]),
            }
            for item in circles
        ],
    }


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


class DeelnamebewijsView(PermissionRequiredOr404Mixin, TemplateView):
    """A person's certificates, one per circle (the address of issue 13's single certificate):
    with one circle straight to its page, otherwise the list."""

    template_name = "leerkring/deelnamebewijs.html"
    permission_required = "gemeenten.view_deelnamebewijs"

    def get_permission_object(self):
        if not hasattr(self, "_object"):
            try:
                self._object = bewijs.lidmaatschap_for_bewijs(pk=self.kwargs["pk"])
            except ObjectDoesNotExist as exc:
                raise Http404 from exc
        return self._object

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        if len(context["certificates"]) == 1:
            return redirect(context["certificates"][0]["url"])
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        lidmaatschap = self.get_permission_object()
        user = self.request.user
        status = deelnamebewijs_status(lidmaatschap=lidmaatschap, user=user)
        own = lidmaatschap.user_id == user.pk
        if not own:  # a researcher or coordinator: the circles they are one of
            status["certificates"] = [
                item
                for item in status["certificates"]
                if user.has_perm(
                    "gemeenten.view_deelnamebewijs_kring",
                    Deelnamebewijs(lidmaatschap=lidmaatschap, leerkring=item["leerkring"]),
                )
            ]
        return super().get_context_data(lidmaatschap=lidmaatschap, own=own, **status, **kwargs)


class DeelnamebewijsKringView(DocumentObjectMixin, TemplateView):
    """One person's certificate for one circle, with its PDF."""

    template_name = "leerkring/deelnamebewijs_kring.html"
    pdf_kind = DEELNAMEBEWIJS_PDF
    permission_required = "gemeenten.view_deelnamebewijs_kring"

    def get_permission_object(self):
        if not hasattr(self, "_object"):
            try:
                lidmaatschap = bewijs.lidmaatschap_for_bewijs(pk=self.kwargs["pk"])
                self._object = bewijs.deelnamebewijs_for(
                    lidmaatschap=lidmaatschap, slug=self.kwargs["kring"]
                )
            except ObjectDoesNotExist as exc:
                raise Http404 from exc
        return self._object

    def get_context_data(self, **kwargs):
        deelnamebewijs = bewijs.deelnamebewijs_keep(self.get_permission_object())
        render_request(kind=DEELNAMEBEWIJS_PDF.kind, object_id=deelnamebewijs.pk)
        status = render_status_context(
            pdf_kind=DEELNAMEBEWIJS_PDF, obj=deelnamebewijs, user=self.request.user
        )
        lidmaatschap = deelnamebewijs.lidmaatschap
        return super().get_context_data(
            deelnamebewijs=deelnamebewijs,
            lidmaatschap=lidmaatschap,
            leerkring=deelnamebewijs.leerkring,
            own=lidmaatschap.user_id == self.request.user.pk,
            bewijzen=bewijs.bewijs_of(deelnamebewijs),
            **status,
            **kwargs,
        )


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
