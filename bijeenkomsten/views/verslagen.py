"""The meeting's report: read it (any version), write it, publish it, and its PDF;
and the attendance list's PDF."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from leerkring.core.rendering.views import (
    PdfDownloadView,
    PdfRetryView,
    PdfStatusView,
    render_status_context,
)
from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from ..documents import PRESENTIELIJST_PDF, VERSLAG, VERSLAG_PDF
from ..forms import PublishConfirmForm, VerslagForm
from ..models import Verslag, VerslagVersie
from ..selectors import verslagen as verslagen_selectors
from ..services import attendance, verslagen
from .common import BijeenkomstMixin
from .documenten import documenten_context


class _VerslagMixin(BijeenkomstMixin, PermissionRequiredOr404Mixin):
    """A report is for members of the circle once published; its draft and older versions
    are for the researchers. Everyone else gets a 404."""

    light = True

    permission_required = "bijeenkomsten.view_verslag"

    def can_manage(self) -> bool:
        return self.request.user.has_perm("bijeenkomsten.manage", self.get_bijeenkomst())

    def get_versie(self) -> VerslagVersie:
        number = self.kwargs.get("number")
        versies = VerslagVersie.objects.filter(verslag__bijeenkomst_id=self.kwargs["pk"])
        if number is not None:
            if not self.can_manage():
                raise Http404
            versie = versies.filter(number=number).select_related("verslag").first()
        else:
            versie = versies.select_related("verslag").order_by("-number").first()
        if versie is None or not (versie.verslag.is_published or self.can_manage()):
            raise Http404
        return versie

    def status_context(self, versie: VerslagVersie) -> dict:
        return render_status_context(pdf_kind=VERSLAG_PDF, obj=versie, user=self.request.user)


class VerslagView(_VerslagMixin, TemplateView):
    template_name = "bijeenkomsten/verslag.html"

    def get(self, request, *args, **kwargs):
        if (
            "number" not in kwargs
            and self.can_manage()
            and not VerslagVersie.objects.filter(verslag__bijeenkomst_id=kwargs["pk"]).exists()
        ):
            return HttpResponseRedirect(reverse("bijeenkomsten:verslag-edit", args=[kwargs["pk"]]))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        versie = self.get_versie()
        manage = self.can_manage()
        latest = verslagen_selectors.verslag_current(bijeenkomst=self.get_bijeenkomst())
        return super().get_context_data(
            bijeenkomst=self.get_bijeenkomst(),
            verslag=versie.verslag,
            versie=versie,
            groups=verslagen_selectors.verslag_groups(versie=versie),
            versies=verslagen_selectors.verslag_versies(verslag=versie.verslag) if manage else [],
            can_manage=manage,
            is_current=versie.pk == latest.pk,
            **self.status_context(versie),
            **documenten_context(
                user=self.request.user, bijeenkomst=self.get_bijeenkomst(), include_pending=False
            ),
            **kwargs,
        )


class _VerslagPdfMixin(_VerslagMixin):
    """The report's PDF at its older addresses (the newest version, or version n), which
    people may hold: the core's views, with the version found as the report's pages find it.
    The pages themselves link the core's addresses (/pdf/verslag/<id>/...)."""

    kind = VERSLAG

    def get_document_object(self):
        return self.get_versie()


class VerslagStatusView(_VerslagPdfMixin, PdfStatusView):
    pass


class VerslagPdfView(_VerslagPdfMixin, PdfDownloadView):
    pass


class VerslagRetryView(_VerslagPdfMixin, PdfRetryView):
    permission_required = "bijeenkomsten.manage"


class VerslagFormView(BijeenkomstMixin, PermissionRequiredOr404Mixin, FormView):
    light = True
    template_name = "bijeenkomsten/verslag_form.html"
    form_class = VerslagForm
    permission_required = "bijeenkomsten.manage"

    def get_werkgroepen(self):
        return list(self.get_bijeenkomst().werkgroepen.all())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "werkgroepen": self.get_werkgroepen()}

    def get_initial(self):
        bijeenkomst = self.get_bijeenkomst()
        versie = verslagen_selectors.verslag_current(bijeenkomst=bijeenkomst)
        if versie is None:
            return {
                "title": _("Verslag van %(title)s") % {"title": bijeenkomst.title},
                "authors": ", ".join(
                    r.display_name for r in bijeenkomst.leerkring.researchers.order_by("name")
                ),
                **{f"werkgroep_{g.pk}": g.conclusions for g in self.get_werkgroepen()},
            }
        saved = {g.get("werkgroep"): g.get("conclusions", "") for g in versie.werkgroepen}
        return {
            "title": versie.title,
            "authors": versie.authors,
            "body": versie.body,
            "conclusions": versie.conclusions,
            **{f"werkgroep_{pk}": text for pk, text in saved.items()},
        }

    def get_context_data(self, **kwargs):
        bijeenkomst = self.get_bijeenkomst()
        return super().get_context_data(
            bijeenkomst=bijeenkomst,
            verslag=getattr(bijeenkomst, "verslag", None),
            figures=verslagen_selectors.verslag_figures(bijeenkomst=bijeenkomst),
            **kwargs,
        )

    def form_valid(self, form):
        verslag, versie, changed = verslagen.verslag_save(
            bijeenkomst=self.get_bijeenkomst(),
            user=self.request.user,
            werkgroep_conclusies=form.werkgroep_conclusies(),
            **{k: form.cleaned_data[k] for k in ("title", "authors", "body", "conclusions")},
        )
        if not changed:
            messages.info(self.request, _("Er was niets veranderd; het verslag is hetzelfde."))
        elif verslag.is_published:
            messages.success(
                self.request,
                _(
                    "Versie %(n)s is gepubliceerd. De PDF wordt gemaakt; de vorige versie blijft "
                    "bewaard."
                )
                % {"n": versie.number},
            )
        else:
            messages.success(
                self.request,
                _("Het concept is opgeslagen. Alleen onderzoekers zien het tot je het publiceert."),
            )
        return HttpResponseRedirect(reverse("bijeenkomsten:verslag", args=[self.kwargs["pk"]]))


class VerslagPublishView(
    DomainErrorMixin, BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView
):
    """Publishing asks first: the page says how many people get the e-mail, counted from the
    list the service mails (selectors.verslagen.verslag_recipients). The button sends that
    number along; when the list changed in between, or the report was published already,
    the person reads why on this page again."""

    light = True
    template_name = "bijeenkomsten/verslag_publish.html"
    permission_required = "bijeenkomsten.manage"

    def get_verslag(self) -> Verslag:
        return get_object_or_404(Verslag, bijeenkomst_id=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        bijeenkomst = self.get_bijeenkomst()
        return super().get_context_data(
            bijeenkomst=bijeenkomst,
            verslag=self.get_verslag(),
            versie=verslagen_selectors.verslag_current(bijeenkomst=bijeenkomst),
            recipients=len(verslagen_selectors.verslag_recipients(bijeenkomst=bijeenkomst)),
            **kwargs,
        )

    def post(self, request, pk):
        verslag = self.get_verslag()
        form = PublishConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Kijk eerst wat er gebeurt en bevestig het dan hier."))
            return HttpResponseRedirect(request.path)
        count = form.cleaned_data["recipients"]
        if not verslagen.verslag_publish(
            verslag=verslag, actor=request.user, expected_recipients=count
        ):
            messages.info(request, _("Het verslag was al gepubliceerd. Er is niemand gemaild."))
        else:
            messages.success(
                request,
                ngettext(
                    "Het verslag is gepubliceerd. %(n)s deelnemer krijgt een e-mail en de PDF "
                    "wordt gemaakt.",
                    "Het verslag is gepubliceerd. %(n)s deelnemers krijgen een e-mail en de PDF "
                    "wordt gemaakt.",
                    count,
                )
                % {"n": count},
            )
        return HttpResponseRedirect(reverse("bijeenkomsten:verslag", args=[pk]))


class PresentielijstPdfView(BijeenkomstMixin, PermissionRequiredOr404Mixin, TemplateView):
    """Asks for the attendance list as PDF (made again only when the list changed) and shows
    how far it is, with the download once it is ready."""

    light = True

    template_name = "bijeenkomsten/presentielijst_pdf.html"
    permission_required = "bijeenkomsten.manage"

    def get(self, request, *args, **kwargs):
        bijeenkomst = self.get_bijeenkomst()
        attendance.presentielijst_pdf_request(bijeenkomst=bijeenkomst)
        context = render_status_context(
            pdf_kind=PRESENTIELIJST_PDF, obj=bijeenkomst, user=request.user
        )
        # Asking is this page's own part; the status box polls the core's status URL.
        if request.htmx:
            return render(request, "includes/render_status_body.html", context)
        return self.render_to_response(self.get_context_data(bijeenkomst=bijeenkomst, **context))
