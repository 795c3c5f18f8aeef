from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from leerkring.core.downloads import file_response
from leerkring.core.fields import id_from
from leerkring.core.pagination import page_of
from leerkring.core.rendering.selectors import render_jobs
from leerkring.core.rendering.views import (
    PdfRetryView,
    PdfStatusView,
    pdf_download_response,
    render_status_context,
)
from leerkring.core.rules import is_researcher
from leerkring.core.selectors import leerkring_list, leerkring_newest_researched
from leerkring.core.views import PermissionRequiredOr404Mixin

from . import citations, documents, selectors, services
from .forms import PublicatieForm
from .models import PdfUpload, Publicatie, PublicatieVersie


class _PublicatieMixin(PermissionRequiredOr404Mixin):
    permission_required = "publicaties.view_publicatie"

    def get_publicatie(self) -> Publicatie:
        if not hasattr(self, "_publicatie"):
            try:
                self._publicatie = selectors.publicatie_detail(slug=self.kwargs["slug"])
            except Publicatie.DoesNotExist as exc:
                raise Http404 from exc
        return self._publicatie

    def get_permission_object(self):
        return self.get_publicatie()

    def can_manage(self) -> bool:
        return self.request.user.has_perm("publicaties.manage_publicatie", self.get_publicatie())

    def get_versie(self):
        publicatie = self.get_publicatie()
        versies = list(publicatie.versies.all())
        if "number" in self.kwargs:
            if not self.can_manage():
                raise Http404
            versies = [v for v in versies if v.number == self.kwargs["number"]]
        if not versies:
            raise Http404
        return versies[0]

    def status_context(self, versie) -> dict:
        return render_status_context(
            pdf_kind=documents.PUBLICATIE_PDF, obj=versie, user=self.request.user
        )

    def upload_context(self, upload) -> dict:
        """What publicaties/_upload_status.html needs to show one uploaded PDF's check."""
        slug = self.kwargs["slug"]
        return {
            "upload": upload,
            "upload_status_url": reverse("publicaties:publicatie-upload-status", args=[slug])
            + (f"?id={upload.pk}" if upload else ""),
            "page_url": reverse("publicaties:publicatie-detail", args=[slug]),
            "download_url": reverse("publicaties:publicatie-download", args=[slug]),
            "edit_url": reverse("publicaties:publicatie-update", args=[slug]),
        }


class PublicatieListView(TemplateView):
    template_name = "publicaties/publicatie_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            publicaties=selectors.publicatie_list(user=self.request.user),
            can_add=is_researcher(self.request.user),
            **kwargs,
        )


class LeerkringPublicatiesView(TemplateView):
    """One circle's publications: what the list of every publication shows this person,
    of this circle only, paged. A circle in preparation is not found."""

    template_name = "publicaties/leerkring_publicaties.html"
    per_page = 20
    # A circle's public page: one not found (or in preparation) is a 404, not a log-in.
    login_instead_of_404 = False

    def get_context_data(self, **kwargs):
        leerkring = get_object_or_404(
            leerkring_list().select_related("programma"), slug=self.kwargs["slug"]
        )
        page = page_of(
            selectors.publicatie_list(user=self.request.user).filter(leerkring=leerkring),
            self.per_page,
            self.request.GET.get("pagina"),
        )
        return super().get_context_data(
            leerkring=leerkring, page=page, publicaties=page.object_list, **kwargs
        )


class PublicatieDetailView(_PublicatieMixin, TemplateView):
    template_name = "publicaties/publicatie_detail.html"

    def get_context_data(self, **kwargs):
        publicatie = self.get_publicatie()
        versie = selectors.current_versie(publicatie)
        manage = self.can_manage()
        versies = list(publicatie.versies.all()) if manage else []
        jobs = render_jobs(kind=documents.KIND, object_ids=[v.pk for v in versies])
        for item in versies:
            item.job = jobs.get(item.pk)
        upload = selectors.pending_upload(publicatie, current=versie, include_refused=manage)
        return super().get_context_data(
            publicatie=publicatie,
            versie=versie,
            versies=versies,
            can_manage=manage,
            released=publicatie.is_released(),
            # Both name the page and the download; they agree.
            **{**self.upload_context(upload), **(self.status_context(versie) if versie else {})},
            **kwargs,
        )


class _PublicatiePdfMixin(_PublicatieMixin):
    """The PDF's older addresses (by slug, and version number), which people may hold: the
    core's views, with the version found as the publication's pages find it. The pages link
    the core's own addresses (/pdf/publicatie/<id>/...)."""

    kind = documents.KIND

    def get_document_object(self):
        return self.get_versie()


class PublicatieStatusView(_PublicatiePdfMixin, PdfStatusView):
    pass


class PublicatieRetryView(_PublicatiePdfMixin, PdfRetryView):
    permission_required = "publicaties.manage_publicatie"


class PublicatieUploadStatusView(_PublicatieMixin, View):
    """The check of one uploaded PDF (?id=), for the live region on the publication's page."""

    def get(self, request, *args, **kwargs):
        context = self.upload_context(None)
        if not request.htmx:
            return HttpResponseRedirect(context["page_url"])
        upload_id = id_from(request.GET.get("id"))
        upload = None
        if upload_id is not None:
            upload = selectors.upload_for_status(self.get_publicatie(), upload_id)
        if upload is None:
            raise Http404
        return render(
            request,
            "publicaties/_upload_status_body.html",
            {**self.upload_context(upload), "can_manage": self.can_manage()},
        )


class PublicatieDownloadView(_PublicatieMixin, View):
    """The PDF, after a permission check; every download is logged."""

    def get(self, request, *args, **kwargs):
        publicatie = self.get_publicatie()
        versie = self.get_versie()
        if versie.is_upload:
            response = file_response(versie.file, filename=documents.publicatie_filename(versie))
        else:
            response = pdf_download_response(request, pdf_kind=documents.PUBLICATIE_PDF, obj=versie)
            if isinstance(response, HttpResponseRedirect):
                return response  # not ready yet: nothing was downloaded
        if "number" not in self.kwargs:
            services.download_record(publicatie=publicatie, versie=versie, user=request.user)
        return response


class PublicatieCoverView(_PublicatieMixin, View):
    def get(self, request, *args, **kwargs):
        publicatie = self.get_publicatie()
        cover = publicatie.cover
        return file_response(
            cover,
            content_type="image/png" if cover.name.endswith(".png") else "image/jpeg",
            attachment=False,
            cache_control="private, max-age=3600",
        )


class CitationView(_PublicatieMixin, View):
    formats = {
        "bib": (citations.bibtex, "application/x-bibtex; charset=utf-8"),
        "ris": (citations.ris, "application/x-research-info-systems; charset=utf-8"),
    }

    def get(self, request, *args, **kwargs):
        publicatie = self.get_publicatie()
        if kwargs["format"] not in self.formats:
            raise Http404
        make, content_type = self.formats[kwargs["format"]]
        url = request.build_absolute_uri(
            reverse("publicaties:publicatie-detail", args=[publicatie.slug])
        )
        response = HttpResponse(make(publicatie, url), content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{publicatie.slug}.{kwargs["format"]}"'
        )
        return response


def publicatie_saved_message(
    *, publicatie: Publicatie, versie: PublicatieVersie | None, new: bool, uploaded: bool
) -> tuple[int, str]:
    """What the person is told after saving a publication, as (message level, text): a new
    version (the older ones stay) or just "saved". With a PDF, its check decides: it is being
    checked, or it was refused (the page says why), or (tasks that ran at once) it is a
    version already; so the upload is read again after the save."""
    if uploaded:
        upload = publicatie.uploads.first()
        if upload.status == PdfUpload.Status.REFUSED:
            return messages.ERROR, _(
                "De publicatie is opgeslagen, maar de PDF nemen we niet aan. Hieronder staat "
                "waarom."
            )
        if upload.status != PdfUpload.Status.ACCEPTED:
            return messages.SUCCESS, _(
                "De publicatie is opgeslagen. De PDF wordt nu gecontroleerd; daarna is hij "
                "te lezen."
            )
        versie, new = upload.versie, True
    if new and versie.number > 1:
        return messages.SUCCESS, _("Versie %(n)s is opgeslagen. De vorige blijft bewaard.") % {
            "n": versie.number
        }
    return messages.SUCCESS, _("De publicatie is opgeslagen.")


class PublicatieFormView(PermissionRequiredOr404Mixin, FormView):
    """A new publication (no slug), or a change to one (a new version when its text or PDF
    changed)."""

    template_name = "publicaties/publicatie_form.html"
    form_class = PublicatieForm

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        if "slug" in kwargs:
            try:
                self.object = selectors.publicatie_detail(slug=kwargs["slug"])
            except Publicatie.DoesNotExist as exc:
                raise Http404 from exc
        return super().dispatch(request, *args, **kwargs)

    def get_permission_required(self):
        return ["publicaties.manage_publicatie"] if self.object else ["core.is_researcher"]

    def has_permission(self):
        if self.object is None:
            return is_researcher(self.request.user)
        return super().has_permission()

    def get_permission_object(self):
        return self.object

    def get_leerkring(self):
        if self.object:
            return self.object.leerkring
        return leerkring_newest_researched(user=self.request.user)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.object,
            "leerkring": self.get_leerkring(),
            "current": selectors.current_versie(self.object) if self.object else None,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(publicatie=self.object, **kwargs)

    def form_valid(self, form):
        publicatie, versie, new = services.publicatie_save(
            user=self.request.user, **form.publicatie_save_kwargs()
        )
        level, text = publicatie_saved_message(
            publicatie=publicatie,
            versie=versie,
            new=new,
            uploaded=form.cleaned_data.get("upload") is not None,
        )
        messages.add_message(self.request, level, text)
        return HttpResponseRedirect(
            reverse("publicaties:publicatie-detail", args=[publicatie.slug])
        )


class DownloadFiguresView(TemplateView):
    """Downloads per municipality and per partner, for the researchers (the funders ask)."""

    template_name = "publicaties/downloads.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_researcher(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            figures=selectors.download_figures(user=self.request.user), **kwargs
        )
