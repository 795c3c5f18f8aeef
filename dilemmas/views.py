from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from gemeenten.selectors import viewer_context
from leerkring.core.charts import bar_chart
from leerkring.core.exports.views import ExportView
from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from . import exports, selectors, services
from .forms import CasusForm, DilemmaForm, DilemmaGedeeldForm, HideForm, ReactieForm
from .models import Casus, Dilemma, DilemmaGedeeld, Reactie
from .rules import researches_casus

PAGE_SIZE = 20


class DilemmaListView(TemplateView):
    template_name = "dilemmas/dilemma_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(circles=selectors.dilemma_list_by_circle(), **kwargs)


class _DilemmaMixin:
    def get_dilemma(self) -> Dilemma:
        if not hasattr(self, "_dilemma"):
            try:
                self._dilemma = selectors.dilemma_get(
                    leerkring_slug=self.kwargs["leerkring"], slug=self.kwargs["slug"]
                )
            except Dilemma.DoesNotExist as exc:
                raise Http404 from exc
        return self._dilemma


class DilemmaDetailView(_DilemmaMixin, TemplateView):
    """A dilemma's page, at the address of the circle that brought it in; the address with
    another circle that shares it sends there (the page shows every circle's part)."""

    template_name = "dilemmas/dilemma_detail.html"

    def get(self, request, *args, **kwargs):
        dilemma = self.get_dilemma()
        if dilemma.leerkring.slug != kwargs["leerkring"]:
            return HttpResponseRedirect(
                reverse("dilemmas:dilemma-detail", args=[dilemma.leerkring.slug, dilemma.slug])
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        dilemma = self.get_dilemma()
        user = self.request.user
        circles = selectors.dilemma_circles(dilemma=dilemma, user=user)
        for circle in circles:
            circle.can_edit = (
                user.has_perm("dilemmas.change_dilemma", dilemma)
                if circle.own
                else circle.leerkring.pk in viewer_context(user).researched
            )
        data = selectors.dilemma_chart_data(dilemma=dilemma)
        charts = [
            bar_chart(
                title=_("Casussen over dit dilemma per rol"),
                rows=data["roles"],
                chart_id="grafiek-rollen",
                label_header=_("Rol"),
                value_header=_("Aantal casussen"),
            ),
            bar_chart(
                title=_("Casussen over dit dilemma per democratische waarde"),
                rows=data["values"],
                chart_id="grafiek-waarden",
                label_header=_("Democratische waarde"),
                value_header=_("Aantal casussen"),
            ),
        ]
        return super().get_context_data(
            dilemma=dilemma,
            charts=charts,
            total=data["total"],
            circles=circles,
            several_circles=len(circles) > 1,
            can_edit=self.request.user.has_perm("dilemmas.change_dilemma", dilemma),
            can_see_library=self.request.user.has_perm("dilemmas.view_library"),
            **kwargs,
        )


class DilemmaUpdateView(_DilemmaMixin, PermissionRequiredOr404Mixin, FormView):
    """The researchers' edit form of a dilemma. At the address of a circle the dilemma is
    shared with, it is that circle's conclusions (DilemmaGedeeldUpdateView)."""

    template_name = "dilemmas/dilemma_form.html"
    form_class = DilemmaForm
    permission_required = "dilemmas.change_dilemma"

    def dispatch(self, request, *args, **kwargs):
        if self.get_dilemma().leerkring.slug != kwargs["leerkring"]:
            return DilemmaGedeeldUpdateView.as_view()(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.get_dilemma()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_dilemma()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(dilemma=self.get_dilemma(), **kwargs)

    def form_valid(self, form):
        dilemma = services.dilemma_update(dilemma=self.get_dilemma(), **form.cleaned_data)
        messages.success(self.request, _("Het dilemma is opgeslagen."))
        return HttpResponseRedirect(
            reverse("dilemmas:dilemma-detail", args=[dilemma.leerkring.slug, dilemma.slug])
        )


class DilemmaGedeeldUpdateView(PermissionRequiredOr404Mixin, FormView):
    """A researcher of a circle that shares a dilemma writes that circle's conclusions."""

    template_name = "dilemmas/dilemma_gedeeld_form.html"
    form_class = DilemmaGedeeldForm
    permission_required = "dilemmas.change_dilemmagedeeld"

    def get_gedeeld(self) -> DilemmaGedeeld:
        if not hasattr(self, "_gedeeld"):
            self._gedeeld = get_object_or_404(
                DilemmaGedeeld.objects.select_related("dilemma__leerkring", "leerkring"),
                dilemma__slug=self.kwargs["slug"],
                leerkring__slug=self.kwargs["leerkring"],
            )
        return self._gedeeld

    def get_permission_object(self):
        return self.get_gedeeld()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_gedeeld()}

    def get_context_data(self, **kwargs):
        gedeeld = self.get_gedeeld()
        return super().get_context_data(
            gedeeld=gedeeld, dilemma=gedeeld.dilemma, leerkring=gedeeld.leerkring, **kwargs
        )

    def form_valid(self, form):
        gedeeld = services.dilemma_gedeeld_update(
            gedeeld=self.get_gedeeld(), conclusions=form.cleaned_data["conclusions"]
        )
        messages.success(self.request, _("De conclusies zijn opgeslagen."))
        dilemma = gedeeld.dilemma
        return HttpResponseRedirect(
            reverse("dilemmas:dilemma-detail", args=[dilemma.leerkring.slug, dilemma.slug])
            + f"#kring-{gedeeld.leerkring.slug}"
        )


class CasusLibraryView(PermissionRequiredOr404Mixin, TemplateView):
    template_name = "dilemmas/casus_list.html"
    permission_required = "dilemmas.view_library"

    def get_context_data(self, **kwargs):
        casus_filter, casussen = selectors.casus_library(
            user=self.request.user, data=self.request.GET
        )
        page = Paginator(casussen, PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        for casus in page:
            casus.seen = selectors.casus_as_seen(self.request.user, casus)
        query = self.request.GET.copy()
        query.pop("pagina", None)
        return super().get_context_data(
            filter=casus_filter,
            show_circle=casus_filter.several_circles,
            page=page,
            query=query.urlencode(),
            searching=bool(self.request.GET.get("q", "").strip()),
            can_add=self.request.user.has_perm("dilemmas.add_casus"),
            can_approve=self.request.user.has_perm("gemeenten.view_requests"),
            can_export=self.request.user.has_perm("dilemmas.export_casussen"),
            **kwargs,
        )


class CasusExportView(ExportView):
    """The library as CSV, with the library's filters (researchers)."""

    kind = exports.CASUSSEN
    permission_required = "dilemmas.export_casussen"


class CasusMineView(PermissionRequiredOr404Mixin, TemplateView):
    template_name = "dilemmas/casus_mine.html"
    permission_required = "dilemmas.add_casus"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            casussen=selectors.casus_mine(user=self.request.user), **kwargs
        )


class CasusApprovalQueueView(PermissionRequiredOr404Mixin, TemplateView):
    template_name = "dilemmas/casus_approval_queue.html"
    permission_required = "gemeenten.view_requests"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            casussen=selectors.casus_awaiting_anon_approval(user=self.request.user), **kwargs
        )


class CasusCreateView(DomainErrorMixin, PermissionRequiredOr404Mixin, FormView):
    template_name = "dilemmas/casus_form.html"
    form_class = CasusForm
    permission_required = "dilemmas.add_casus"

    def dispatch(self, request, *args, **kwargs):
        self.leerkring = (
            selectors.leerkring_for_new_casus(user=request.user).first()
            if request.user.is_authenticated
            else None
        )
        return super().dispatch(request, *args, **kwargs)

    def has_permission(self):
        return super().has_permission() and self.leerkring is not None

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "leerkring": self.leerkring,
            "share": "publiceren" in self.request.POST,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(leerkring=self.leerkring, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        publish = "publiceren" in self.request.POST
        casus = services.casus_create(
            author=self.request.user, leerkring=self.leerkring, publish=publish, **data
        )
        messages.success(
            self.request,
            _("Je casus is gepubliceerd.")
            if publish
            else _("Je casus is bewaard als concept. Alleen jij ziet hem."),
        )
        return HttpResponseRedirect(reverse("dilemmas:casus-detail", args=[casus.pk]))


class _CasusMixin:
    def get_casus(self) -> Casus:
        if not hasattr(self, "_casus"):
            try:
                self._casus = selectors.casus_detail(user=self.request.user, pk=self.kwargs["pk"])
            except Casus.DoesNotExist as exc:
                raise Http404 from exc
        return self._casus

    def get_permission_object(self):
        return self.get_casus()


def casus_page_context(*, user, casus: Casus, reactie_form=None) -> dict:
    """What the case page shows this person. The page itself and a comment sent back with a
    mistake (ReactieCreateView) both render it from here."""
    reacties = [
        (reactie, reactie.author_id == user.pk and services.reactie_can_still_edit(reactie))
        for reactie in casus.reacties.all()
    ]
    return {
        "casus": casus,
        "missing": [
            (name, selectors.NEEDED_TO_SHARE[name]) for name in selectors.casus_missing(casus)
        ]
        if casus.status == Casus.Status.DRAFT
        else [],
        "seen": selectors.casus_as_seen(user, casus),
        "reacties": reacties,
        "reactie_form": reactie_form or ReactieForm(),
        "can_edit": user.has_perm("dilemmas.change_casus", casus),
        "can_history": user.has_perm("dilemmas.view_casus_history", casus),
        "can_approve": user.has_perm("dilemmas.approve_anon", casus),
        "can_hide": researches_casus(user, casus),
    }


class CasusDetailView(_CasusMixin, PermissionRequiredOr404Mixin, TemplateView):
    template_name = "dilemmas/casus_detail.html"
    permission_required = "dilemmas.view_casus"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **casus_page_context(user=self.request.user, casus=self.get_casus()), **kwargs
        )


class CasusUpdateView(_CasusMixin, DomainErrorMixin, PermissionRequiredOr404Mixin, FormView):
    template_name = "dilemmas/casus_form.html"
    form_class = CasusForm
    permission_required = "dilemmas.change_casus"

    def get_form_kwargs(self):
        casus = self.get_casus()
        return {
            **super().get_form_kwargs(),
            "instance": casus,
            "leerkring": casus.leerkring,
            # A published case stays complete; a draft is checked when it is shared.
            "share": "publiceren" in self.request.POST or casus.status == Casus.Status.PUBLISHED,
        }

    def get_context_data(self, **kwargs):
        casus = self.get_casus()
        context = super().get_context_data(casus=casus, leerkring=casus.leerkring, **kwargs)
        if casus.status == Casus.Status.DRAFT and not context["form"].is_bound:
            # Before sharing: what the draft still lacks, each linking to its field.
            form = context["form"]
            context["missing"] = [form[name] for name in selectors.casus_missing(casus)]
        return context

    def form_valid(self, form):
        casus = services.casus_update(
            casus=self.get_casus(),
            editor=self.request.user,
            publish="publiceren" in self.request.POST,
            **form.cleaned_data,
        )
        messages.success(self.request, _("Je wijzigingen zijn opgeslagen."))
        return HttpResponseRedirect(reverse("dilemmas:casus-detail", args=[casus.pk]))


class CasusHistoryView(_CasusMixin, PermissionRequiredOr404Mixin, TemplateView):
    template_name = "dilemmas/casus_history.html"
    permission_required = "dilemmas.view_casus_history"

    def get_context_data(self, **kwargs):
        casus = self.get_casus()
        versions = list(selectors.casus_history(casus=casus))
        rows = []
        for index, version in enumerate(versions):
            before = versions[index + 1].snapshot if index + 1 < len(versions) else {}
            rows.append(
                (
                    version,
                    [
                        (field, before.get(field), version.snapshot.get(field))
                        for field in version.changed_fields
                    ],
                )
            )
        return super().get_context_data(casus=casus, rows=rows, **kwargs)


class CasusPublishView(_CasusMixin, DomainErrorMixin, PermissionRequiredOr404Mixin, View):
    """ "Nu publiceren" on the page of a draft; an incomplete draft is refused with what it
    still lacks (the page lists it too)."""

    permission_required = "dilemmas.change_casus"
    http_method_names = ["post"]

    def get_error_url(self) -> str:
        return reverse("dilemmas:casus-detail", args=[self.kwargs["pk"]])

    def post(self, request, pk):
        services.casus_publish(casus=self.get_casus(), actor=request.user)
        messages.success(request, _("Je casus is gepubliceerd."))
        return HttpResponseRedirect(reverse("dilemmas:casus-detail", args=[pk]))


class CasusAnonApproveView(_CasusMixin, DomainErrorMixin, PermissionRequiredOr404Mixin, View):
    permission_required = "dilemmas.approve_anon"
    http_method_names = ["post"]

    def get_error_url(self) -> str:
        return reverse("dilemmas:casus-detail", args=[self.kwargs["pk"]])

    def post(self, request, pk):
        services.casus_anon_approve(casus=self.get_casus(), actor=request.user)
        messages.success(request, _("De geanonimiseerde versie is goedgekeurd."))
        return HttpResponseRedirect(self.get_error_url())


class ReactieCreateView(_CasusMixin, DomainErrorMixin, PermissionRequiredOr404Mixin, FormView):
    """A comment, posted from the case page. A mistake in the form shows the case page again
    with the form's errors; a refusal (a draft) is a message on the case page."""

    template_name = "dilemmas/casus_detail.html"
    form_class = ReactieForm
    permission_required = "dilemmas.add_reactie"
    http_method_names = ["post"]
    domain_error_on_form = False

    def get_error_url(self) -> str:
        return reverse("dilemmas:casus-detail", args=[self.kwargs["pk"]]) + "#reacties"

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form")
        page = casus_page_context(user=self.request.user, casus=self.get_casus(), reactie_form=form)
        return super().get_context_data(**page, form=form, **kwargs)

    def form_valid(self, form):
        services.reactie_create(
            casus=self.get_casus(), author=self.request.user, body=form.cleaned_data["body"]
        )
        messages.success(self.request, _("Je reactie is geplaatst."))
        return HttpResponseRedirect(self.get_error_url())


class _ReactieMixin:
    def get_reactie(self) -> Reactie:
        if not hasattr(self, "_reactie"):
            self._reactie = get_object_or_404(
                Reactie.objects.select_related("casus", "author"), pk=self.kwargs["pk"]
            )
        return self._reactie

    def get_permission_object(self):
        return self.get_reactie()

    def get_error_url(self) -> str:
        return reverse("dilemmas:casus-detail", args=[self.get_reactie().casus_id]) + "#reacties"

    def back(self):
        return HttpResponseRedirect(self.get_error_url())


class ReactieUpdateView(_ReactieMixin, DomainErrorMixin, PermissionRequiredOr404Mixin, FormView):
    template_name = "dilemmas/reactie_form.html"
    form_class = ReactieForm
    permission_required = "dilemmas.change_reactie"
    # Refused when the comment is no longer the person's to edit: no text would help.
    domain_error_on_form = False

    def get_initial(self):
        return {"body": self.get_reactie().body}

    def get_context_data(self, **kwargs):
        return super().get_context_data(reactie=self.get_reactie(), **kwargs)

    def form_valid(self, form):
        services.reactie_update(
            reactie=self.get_reactie(), author=self.request.user, body=form.cleaned_data["body"]
        )
        messages.success(self.request, _("Je reactie is aangepast."))
        return self.back()


class ReactieDeleteView(
    _ReactieMixin, DomainErrorMixin, PermissionRequiredOr404Mixin, TemplateView
):
    template_name = "dilemmas/reactie_confirm_delete.html"
    permission_required = "dilemmas.change_reactie"

    def get_context_data(self, **kwargs):
        return super().get_context_data(reactie=self.get_reactie(), **kwargs)

    def post(self, request, pk):
        services.reactie_delete(reactie=self.get_reactie(), author=request.user)
        messages.success(request, _("Je reactie is verwijderd."))
        return self.back()


class ReactieHideView(_ReactieMixin, DomainErrorMixin, PermissionRequiredOr404Mixin, FormView):
    """Hiding asks first, with the reason: the page says what happens (others no longer see
    the comment, its author reads the reason) and that it can be undone. A comment that is
    hidden already has its own page, to change the reason or show it again."""

    template_name = "dilemmas/reactie_hide.html"
    form_class = HideForm
    permission_required = "dilemmas.hide_reactie"
    # Refused when the comment was hidden in the meantime: no reason would help.
    domain_error_on_form = False

    def get(self, request, *args, **kwargs):
        if self.get_reactie().is_hidden:
            return HttpResponseRedirect(reverse("dilemmas:reactie-reason", args=[kwargs["pk"]]))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(reactie=self.get_reactie(), **kwargs)

    def form_valid(self, form):
        services.reactie_hide(
            reactie=self.get_reactie(),
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            self.request,
            _("De reactie is verborgen. De schrijver ziet de reden. Je kunt dit terugdraaien."),
        )
        return self.back()


class ReactieReasonView(_ReactieMixin, DomainErrorMixin, PermissionRequiredOr404Mixin, FormView):
    """A hidden comment: change the reason its author reads; the page also offers to show
    it again (ReactieShowView)."""

    template_name = "dilemmas/reactie_reason.html"
    form_class = HideForm
    permission_required = "dilemmas.hide_reactie"
    domain_error_on_form = False

    def get(self, request, *args, **kwargs):
        if not self.get_reactie().is_hidden:
            messages.info(request, _("Deze reactie is niet verborgen."))
            return self.back()
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"reason": self.get_reactie().hidden_reason}

    def get_context_data(self, **kwargs):
        return super().get_context_data(reactie=self.get_reactie(), **kwargs)

    def form_valid(self, form):
        services.reactie_reason_update(
            reactie=self.get_reactie(),
            actor=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(self.request, _("De reden is aangepast. De schrijver ziet de nieuwe."))
        return self.back()


class ReactieShowView(_ReactieMixin, DomainErrorMixin, PermissionRequiredOr404Mixin, View):
    """Undo hiding ("Weer tonen"). It needs no confirmation: it can be undone in turn."""

    permission_required = "dilemmas.hide_reactie"
    http_method_names = ["post"]

    def post(self, request, pk):
        services.reactie_show(reactie=self.get_reactie(), actor=request.user)
        messages.success(
            request, _("De reactie is weer te zien voor iedereen die de casus kan lezen.")
        )
        return self.back()
