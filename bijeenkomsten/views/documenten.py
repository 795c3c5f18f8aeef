"""A meeting's documents: add one (researchers), follow its check, download it (whoever the
rule lets see it: selectors.documenten.audience), delete it after a confirmation step."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from leerkring.core.downloads import file_response
from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from ..forms import DocumentForm
from ..models import Document
from ..selectors import documenten as documenten_selectors
from ..services import documenten
from .common import BijeenkomstMixin


def documenten_url(bijeenkomst_id: int) -> str:
    """The documents on the meeting's page."""
    return reverse("bijeenkomsten:bijeenkomst-detail", args=[bijeenkomst_id]) + "#documenten"


class _DocumentMixin(PermissionRequiredOr404Mixin):
    """One document of the meeting in the URL; a 404 for whoever may not see it."""

    permission_required = "bijeenkomsten.view_document"

    def get_document(self) -> Document:
        if not hasattr(self, "_document"):
            document = (
                Document.objects.select_related("bijeenkomst", "werkgroep")
                .filter(pk=self.kwargs["document"], bijeenkomst_id=self.kwargs["pk"])
                .first()
            )
            if document is None:
                raise Http404
            self._document = document
        return self._document

    def get_permission_object(self):
        return self.get_document()


class DocumentCreateView(
    DomainErrorMixin, BijeenkomstMixin, PermissionRequiredOr404Mixin, FormView
):
    light = True
    template_name = "bijeenkomsten/document_form.html"
    form_class = DocumentForm
    permission_required = "bijeenkomsten.manage"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "bijeenkomst": self.get_bijeenkomst()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(bijeenkomst=self.get_bijeenkomst(), **kwargs)

    def form_valid(self, form):
        bijeenkomst = self.get_bijeenkomst()
        document = documenten.document_upload(
            bijeenkomst=bijeenkomst, user=self.request.user, **form.upload_kwargs()
        )
        document.refresh_from_db()  # the check may have run at commit (tasks run eagerly)
        if document.status == Document.Status.REFUSED:
            messages.error(
                self.request,
                _("Het document nemen we niet aan. Op de pagina staat waarom."),
            )
        elif document.is_accepted:
            messages.success(self.request, _("Het document is gecontroleerd en staat klaar."))
        else:
            messages.success(
                self.request,
                _(
                    "Het document is geüpload en wordt nu gecontroleerd. Daarna is het te "
                    "downloaden."
                ),
            )
        return HttpResponseRedirect(documenten_url(bijeenkomst.pk))


class DocumentStatusView(_DocumentMixin, View):
    """The check of one document, for the live region on the meeting's page (researchers);
    a plain GET goes back to the page."""

    permission_required = "bijeenkomsten.manage_document"

    def get(self, request, *args, **kwargs):
        document = self.get_document()
        if not request.htmx:
            return HttpResponseRedirect(documenten_url(document.bijeenkomst_id))
        return render(
            request,
            "bijeenkomsten/document_status_body.html",
            {"document": document, "bijeenkomst": document.bijeenkomst},
        )


class DocumentDownloadView(_DocumentMixin, View):
    """The file, after the permission check (the rule: selectors.documenten.audience), always
    as an attachment with the type the check found and no sniffing by the browser."""

    def get(self, request, *args, **kwargs):
        document = self.get_document()
        name = slugify(document.title)[:80] or "document"
        response = file_response(
            document.file,
            filename=f"{name}.{document.extension}",
            content_type=document.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class DocumentDeleteView(DomainErrorMixin, _DocumentMixin, TemplateView):
    """Asks first (GET: what will be deleted), deletes on POST."""

    template_name = "bijeenkomsten/document_delete.html"
    permission_required = "bijeenkomsten.manage_document"

    def get_context_data(self, **kwargs):
        document = self.get_document()
        context = super().get_context_data(**kwargs)  # the URL's ids, replaced here
        return {**context, "document": document, "bijeenkomst": document.bijeenkomst}

    def post(self, request, *args, **kwargs):
        document = self.get_document()
        bijeenkomst_id = document.bijeenkomst_id
        title = document.title
        documenten.document_delete(document=document, actor=request.user)
        messages.success(request, _("Het document '%(title)s' is verwijderd.") % {"title": title})
        return HttpResponseRedirect(documenten_url(bijeenkomst_id))


def documenten_context(*, user, bijeenkomst, include_pending: bool = True) -> dict:
    """What the documents part of a page (_documenten.html) needs."""
    return {
        "documenten": documenten_selectors.documenten_visible(
            user=user, bijeenkomst=bijeenkomst, include_pending=include_pending
        ),
        "can_manage_documenten": include_pending
        and documenten_selectors.manages(user=user, bijeenkomst=bijeenkomst),
    }
