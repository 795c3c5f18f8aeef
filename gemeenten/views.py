from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from leerkring.core.selectors import leerkring_list_open
from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from . import selectors, services
from .forms import (
    CoordinatorChoiceForm,
    CoordinatorForm,
    DeelnameApplyForm,
    DeelnameCardForm,
    LidmaatschapConfirmForm,
    ReasonForm,
)
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

    def get_initial(self):
        """?leerkring=<slug> (the button of a circle on its programme's page) chooses that
        circle, when the form offers it; any other value chooses nothing."""
        initial = super().get_initial()
        slug = self.request.GET.get("leerkring", "")
        if slug and self.request.method == "GET":
            chosen = leerkring_list_open().filter(slug=slug[:50]).values_list("pk", flat=True)
            for pk in chosen:
                initial["leerkring"] = pk
        return initial

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


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("gemeenten:request-queue")


class DeelnameAdmitView(DomainErrorMixin, PermissionRequiredOr404Mixin, FormView):
    """Admitting a municipality asks first: the page says who gets an e-mail and asks who
    will coordinate it (a confirmed member, an invitation, or later). A refusal (the circle
    is full, the address has an account) is shown on the form; nothing is admitted then."""

    template_name = "gemeenten/deelname_admit.html"
    form_class = CoordinatorChoiceForm
    permission_required = "gemeenten.decide_deelname"

    def dispatch(self, request, *args, **kwargs):
        self.deelname = get_object_or_404(
            Deelname.objects.select_related("gemeente", "leerkring"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.deelname

    def get(self, request, *args, **kwargs):
        if self.deelname.status == Deelname.Status.ADMITTED:
            messages.info(
                request, _("%(gemeente)s is al toegelaten.") % {"gemeente": self.deelname.gemeente}
            )
            return HttpResponseRedirect(_next_url(request))
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "candidates": selectors.coordinator_candidates(deelname=self.deelname),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            deelname=self.deelname, days=services.UITNODIGING_DAYS, **kwargs
        )

    def form_valid(self, form):
        choice = form.coordinator_choice()
        deelname = services.deelname_admit(
            deelname_id=self.deelname.pk, actor=self.request.user, coordinator=choice
        )
        messages.success(
            self.request,
            _("%(gemeente)s is toegelaten. We hebben %(email)s gemaild.")
            % {"gemeente": deelname.gemeente, "email": deelname.contact_email},
        )
        return HttpResponseRedirect(_next_url(self.request))


class LidmaatschapConfirmView(DomainErrorMixin, PermissionRequiredOr404Mixin, TemplateView):
    """Admitting a person asks first: the page says who becomes a member of which
    municipality and gets an e-mail. The button sends the status the page showed; when
    someone decided in between (or it was pressed twice), the page says so instead."""

    template_name = "gemeenten/lidmaatschap_confirm.html"
    permission_required = "gemeenten.decide_lidmaatschap"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.object = selectors.lidmaatschap_for_decision(pk=kwargs["pk"])
        except Lidmaatschap.DoesNotExist as exc:
            raise Http404 from exc
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.object

    def get_next(self) -> str:
        """Where the person came from; else the queue, or for a coordinator (who has none)
        the municipality's page."""
        request = self.request
        if request.POST.get("next") or request.GET.get("next"):
            return _next_url(request)
        if request.user.has_perm("gemeenten.view_requests"):
            return reverse("gemeenten:request-queue")
        return reverse("gemeenten:gemeente-detail", args=[self.object.gemeente.slug])

    def get_context_data(self, **kwargs):
        return super().get_context_data(lidmaatschap=self.object, next=self.get_next(), **kwargs)

    def get_error_url(self) -> str:
        """The page again, which shows what is true now."""
        return f"{self.request.path}?{urlencode({'next': self.get_next()})}"

    def post(self, request, pk):
        form = LidmaatschapConfirmForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Kijk eerst wat er gebeurt en bevestig het dan hier."))
            return HttpResponseRedirect(self.get_error_url())
        lidmaatschap = services.lidmaatschap_confirm(
            lidmaatschap_id=pk, actor=request.user, expected_status=form.cleaned_data["status"]
        )
        messages.success(
            request,
            _("%(name)s is toegelaten. We hebben een e-mail gestuurd.")
            % {"name": lidmaatschap.user.display_name},
        )
        return HttpResponseRedirect(self.get_next())


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
    """Declining says what happens (the contact person reads the reason in an e-mail) on the
    page that asks for the reason."""

    model = Deelname
    permission_required = "gemeenten.decide_deelname"
    template_name = "gemeenten/deelname_decline.html"
    extra_context = {"title": gettext_lazy("Aanmelding van een gemeente afwijzen")}
    success_message = gettext_lazy(
        "De aanmelding is afgewezen. We hebben de contactpersoon gemaild."
    )

    def decide(self, reason):
        services.deelname_decline(
            deelname_id=self.object.pk, actor=self.request.user, reason=reason
        )


class LidmaatschapRefuseView(_ReasonView):
    """Refusing says what happens (the person is not admitted and reads the reason in an
    e-mail) on the page that asks for the reason."""

    model = Lidmaatschap
    permission_required = "gemeenten.decide_lidmaatschap"
    template_name = "gemeenten/lidmaatschap_refuse.html"
    extra_context = {"title": gettext_lazy("Aanvraag voor lidmaatschap weigeren")}
    success_message = gettext_lazy("De aanvraag is geweigerd. We hebben de aanvrager gemaild.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lidmaatschap=selectors.lidmaatschap_for_decision(pk=self.object.pk), **kwargs
        )

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
