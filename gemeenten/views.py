from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from leerkring.core.selectors import leerkring_list_open
from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from . import selectors, services
from .forms import CoordinatorForm, DeelnameApplyForm, DeelnameCardForm, ReasonForm
from .models import Deelname, Gemeente, Lidmaatschap


class GemeenteListView(ListView):
    template_name = "gemeenten/gemeente_list.html"
    context_object_name = "gemeenten"

    def get_queryset(self):
        return selectors.gemeente_list_participating()


class GemeenteDetailView(TemplateView):
    template_name = "gemeenten/gemeente_detail.html"

    def get_context_data(self, **kwargs):
        try:
            gemeente = selectors.gemeente_for_page(slug=self.kwargs["slug"])
        except Gemeente.DoesNotExist as exc:
            raise Http404 from exc
        user = self.request.user
        manage = user.has_perm("gemeenten.manage_gemeente", gemeente)
        context = super().get_context_data(gemeente=gemeente, can_manage=manage, **kwargs)
        if manage or user.has_perm("gemeenten.view_colleagues", gemeente):
            context["members"] = selectors.lidmaatschap_list(
                gemeente=gemeente, include_hidden=manage
            )
        if manage:
            context["pending"] = selectors.lidmaatschap_requests_for(user=user, gemeente=gemeente)
            context["deelnames"] = selectors.deelname_for_gemeente_page(gemeente=gemeente)
            context["can_set_coordinator"] = user.has_perm("gemeenten.set_coordinator")
        return context


class DeelnameApplyView(DomainErrorMixin, FormView):
    template_name = "gemeenten/deelname_apply.html"
    form_class = DeelnameApplyForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "leerkringen": leerkring_list_open()}

    def form_valid(self, form):
        deelname = services.deelname_apply(**form.cleaned_data)
        messages.success(
            self.request,
            _(
                "Bedankt! De aanmelding van %(gemeente)s is ontvangen. De onderzoekers nemen "
                "contact op met %(email)s."
            )
            % {"gemeente": deelname.gemeente.name, "email": deelname.contact_email},
        )
        return HttpResponseRedirect(reverse("gemeenten:gemeente-list"))


class RequestQueueView(PermissionRequiredOr404Mixin, TemplateView):
    """The researchers' queue: municipality applications and membership requests."""

    template_name = "gemeenten/request_queue.html"
    permission_required = "gemeenten.view_requests"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            deelnames=selectors.deelname_pending(),
            lidmaatschappen=selectors.lidmaatschap_requests_for(user=self.request.user),
            **kwargs,
        )


class _DecisionView(DomainErrorMixin, PermissionRequiredOr404Mixin, View):
    """Base for the POST-only decisions: check the object permission, call one service. A
    refusal (DomainErrorMixin) goes back to the same page as a decision."""

    model = None
    http_method_names = ["post"]

    def get_permission_object(self):
        return get_object_or_404(self.model, pk=self.kwargs["pk"])

    def done(self, message: str):
        messages.success(self.request, message)
        return HttpResponseRedirect(_next_url(self.request))

    def get_error_url(self) -> str:
        return _next_url(self.request)


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("gemeenten:request-queue")


class DeelnameAdmitView(_DecisionView):
    model = Deelname
    permission_required = "gemeenten.decide_deelname"

    def post(self, request, pk):
        deelname = services.deelname_admit(deelname_id=pk, actor=request.user)
        return self.done(_("%(gemeente)s is toegelaten.") % {"gemeente": deelname.gemeente})


class LidmaatschapConfirmView(_DecisionView):
    model = Lidmaatschap
    permission_required = "gemeenten.decide_lidmaatschap"

    def post(self, request, pk):
        lidmaatschap = services.lidmaatschap_confirm(lidmaatschap_id=pk, actor=request.user)
        return self.done(
            _("%(name)s is toegelaten. We hebben een e-mail gestuurd.")
            % {"name": lidmaatschap.user.display_name}
        )


class _ReasonView(DomainErrorMixin, PermissionRequiredOr404Mixin, FormView):
    """A refusal asks for the reason on a page of its own, so it works without JavaScript.
    Subclasses name the model, the permission, the service that decides and what to say.
    When the decision cannot be taken (it was taken already), no reason would help: the
    message goes to the page the person came from, not on the form."""

    domain_error_on_form = False

    form_class = ReasonForm
    template_name = "gemeenten/decision_reason.html"
    model = None
    success_message = ""

    def get_permission_object(self):
        return self.object

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, next=_next_url(self.request), **kwargs)

    def decide(self, reason: str) -> None:
        raise NotImplementedError

    def get_error_url(self) -> str:
        return _next_url(self.request)

    def form_valid(self, form):
        self.decide(form.cleaned_data["reason"])
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(_next_url(self.request))


class DeelnameDeclineView(_ReasonView):
    model = Deelname
    permission_required = "gemeenten.decide_deelname"
    extra_context = {"title": gettext_lazy("Aanmelding van een gemeente afwijzen")}
    success_message = gettext_lazy(
        "De aanmelding is afgewezen. We hebben de contactpersoon gemaild."
    )

    def decide(self, reason):
        services.deelname_decline(
            deelname_id=self.object.pk, actor=self.request.user, reason=reason
        )


class LidmaatschapRefuseView(_ReasonView):
    model = Lidmaatschap
    permission_required = "gemeenten.decide_lidmaatschap"
    extra_context = {"title": gettext_lazy("Aanvraag voor lidmaatschap weigeren")}
    success_message = gettext_lazy("De aanvraag is geweigerd. We hebben de aanvrager gemaild.")

    def decide(self, reason):
        services.lidmaatschap_refuse(
            lidmaatschap_id=self.object.pk, actor=self.request.user, reason=reason
        )


class DeelnameCardUpdateView(PermissionRequiredOr404Mixin, FormView):
    template_name = "gemeenten/deelname_card_form.html"
    form_class = DeelnameCardForm
    permission_required = "gemeenten.manage_gemeente"

    def dispatch(self, request, *args, **kwargs):
        self.deelname = get_object_or_404(
            Deelname.objects.select_related("gemeente", "leerkring"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.deelname.gemeente

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.deelname}

    def get_context_data(self, **kwargs):
        return super().get_context_data(deelname=self.deelname, **kwargs)

    def form_valid(self, form):
        services.deelname_card_update(
            deelname=self.deelname, actor=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("De projectkaart is bijgewerkt."))
        return HttpResponseRedirect(
            reverse("gemeenten:gemeente-detail", args=[self.deelname.gemeente.slug])
        )


class CoordinatorSetView(DomainErrorMixin, PermissionRequiredOr404Mixin, View):
    permission_required = "gemeenten.set_coordinator"
    http_method_names = ["post"]

    def post(self, request):
        form = CoordinatorForm(request.POST)
        if not form.is_valid():
            raise Http404
        self.deelname = get_object_or_404(
            Deelname.objects.select_related("gemeente"), pk=form.cleaned_data["deelname"]
        )
        user = get_object_or_404(get_user_model(), pk=form.cleaned_data["user"], is_active=True)
        services.coordinator_set(
            deelname=self.deelname,
            user=user,
            actor=request.user,
            is_coordinator=form.cleaned_data["make"],
        )
        messages.success(
            request,
            (
                _("%(name)s is nu coördinator.")
                if form.cleaned_data["make"]
                else _("%(name)s is geen coördinator meer.")
            )
            % {"name": user.display_name},
        )
        return HttpResponseRedirect(self.get_error_url())

    def get_error_url(self) -> str:
        """Success or refusal, the person goes back to the municipality's page."""
        return reverse("gemeenten:gemeente-detail", args=[self.deelname.gemeente.slug])
