"""Invitations and coordinators: a coordinator invites a colleague, the page behind an
invitation link, and a researcher choosing who coordinates an admitted municipality."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from leerkring.core.views import DomainErrorMixin, PermissionRequiredOr404Mixin

from . import selectors, services
from .forms import CoordinatorChoiceForm, UitnodigingForm
from .models import Deelname, Gemeente


class UitnodigingCreateView(DomainErrorMixin, PermissionRequiredOr404Mixin, FormView):
    """A coordinator (or a researcher of its circle) invites a colleague of the municipality;
    the page says what the e-mail does and lists the invitations still open."""

    template_name = "gemeenten/uitnodiging_form.html"
    form_class = UitnodigingForm
    permission_required = "gemeenten.manage_gemeente"
    domain_error_field = "email"

    def dispatch(self, request, *args, **kwargs):
        self.gemeente = get_object_or_404(Gemeente, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.gemeente

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            gemeente=self.gemeente,
            open_invitations=selectors.uitnodiging_open_for(gemeente=self.gemeente),
            days=services.UITNODIGING_DAYS,
            per_hour=services.UITNODIGINGEN_PER_HOUR,
            **kwargs,
        )

    def form_valid(self, form):
        uitnodiging = services.uitnodiging_send(
            gemeente=self.gemeente,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            actor=self.request.user,
        )
        messages.success(
            self.request,
            _("We hebben een uitnodiging gestuurd naar %(email)s. De link werkt %(days)s dagen.")
            % {"email": uitnodiging.email, "days": services.UITNODIGING_DAYS},
        )
        return HttpResponseRedirect(self.request.path)


class UitnodigingLinkView(View):
    """The link in an invitation e-mail. A link that works takes the person to the sign-up
    form with the municipality fixed (the token waits in the session, and the invited address
    counts as confirmed: the link proves it is theirs). Otherwise a page says why it does not
    work and what to do; never an error."""

    def get(self, request, token):
        state = selectors.uitnodiging_state(token)
        if not state.valid or request.user.is_authenticated:
            return render(
                request,
                "gemeenten/uitnodiging_link.html",
                {"state": state, "days": services.UITNODIGING_DAYS},
                status=404 if state.kind == "unknown" else 200,
            )
        request.session[selectors.INVITATION_SESSION_KEY] = token
        get_adapter(request).stash_verified_email(request, state.uitnodiging.email)
        return HttpResponseRedirect(reverse("account_signup"))


class CoordinatorChooseView(DomainErrorMixin, PermissionRequiredOr404Mixin, FormView):
    """A researcher chooses who coordinates an admitted municipality: one of its confirmed
    members, or an invitation to an address. Linked from the researcher's home while the
    municipality has no coordinator."""

    template_name = "gemeenten/coordinator_choose.html"
    form_class = CoordinatorChoiceForm
    permission_required = "gemeenten.set_coordinator"

    def dispatch(self, request, *args, **kwargs):
        self.deelname = get_object_or_404(
            Deelname.objects.select_related("gemeente", "leerkring"),
            pk=kwargs["pk"],
            status=Deelname.Status.ADMITTED,
        )
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.deelname

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "candidates": selectors.coordinator_candidates(deelname=self.deelname),
            "allow_later": False,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            deelname=self.deelname,
            coordinators=self.deelname.coordinators.order_by("name"),
            days=services.UITNODIGING_DAYS,
            **kwargs,
        )

    def form_valid(self, form):
        choice = form.coordinator_choice()
        services.coordinator_choose(deelname=self.deelname, choice=choice, actor=self.request.user)
        if choice.user is not None:
            message = _(
                "%(name)s is nu coördinator van %(gemeente)s. We hebben een e-mail gestuurd."
            )
            name = choice.user.display_name
        else:
            message = _(
                "We hebben %(name)s uitgenodigd. Na het aanmaken van het account is die persoon "
                "coördinator van %(gemeente)s."
            )
            name = choice.email
        messages.success(self.request, message % {"name": name, "gemeente": self.deelname.gemeente})
        return HttpResponseRedirect(
            reverse("gemeenten:gemeente-detail", args=[self.deelname.gemeente.slug])
        )
