"""Inviting a circle's researchers: the manager's invitation form (on the circle's manage page)
and the page behind the link in the e-mail, where the invited person accepts."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from leerkring.core.views import DomainErrorMixin

from ..forms import OnderzoekerInviteForm
from ..selectors.kringen import onderzoeker_uitnodiging_state
from ..services import uitnodigingen as services
from .kringen import ProgrammaManagerMixin, manage_context


class OnderzoekerInviteView(DomainErrorMixin, ProgrammaManagerMixin, FormView):
    """POST from the manage page: e-mail an invitation. A mistake or a refusal shows the
    manage page again with the message at the field and what was typed."""

    template_name = "programma/leerkring_manage.html"
    form_class = OnderzoekerInviteForm
    domain_error_field = "email"

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.manage_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**manage_context(self.programma, self.leerkring), **kwargs)

    def form_valid(self, form):
        uitnodiging = services.onderzoeker_invite(
            leerkring=self.leerkring,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            actor=self.request.user,
            resend=form.cleaned_data["resend"],
        )
        messages.success(
            self.request,
            _("We hebben een uitnodiging gestuurd naar %(email)s. De link werkt %(days)s dagen.")
            % {"email": uitnodiging.email, "days": services.ONDERZOEKER_UITNODIGING_DAYS},
        )
        return HttpResponseRedirect(self.manage_url())


class OnderzoekerUitnodigingView(DomainErrorMixin, View):
    """The link in the e-mail. It works logged out (the token is the permission): the page
    shows the circle and who invited, and how to log in or make an account and come back.
    Logged in, a button makes this account a researcher of the circle. A link that no longer
    works gets a page that says why; never an error."""

    # The token is the permission: an unknown token is a page, not the log-in form (D8).
    login_instead_of_404 = False
    template_name = "programma/onderzoeker_uitnodiging.html"

    def render_state(self, request, token, state):
        return render(
            request,
            self.template_name,
            {
                "state": state,
                "uitnodiging": state.uitnodiging,
                "refusal": None if state.valid else services.invitation_refusal(state.kind),
                # Log in or sign up and come back here (allauth honours `next` on both).
                "login_url": f"{reverse('account_login')}?{urlencode({'next': request.path})}",
                "signup_url": f"{reverse('account_signup')}?{urlencode({'next': request.path})}",
                "other_address": (
                    state.valid
                    and request.user.is_authenticated
                    and request.user.email.lower() != state.uitnodiging.email.lower()
                ),
                "already_researcher": (
                    state.valid
                    and request.user.is_authenticated
                    and state.uitnodiging.leerkring.researchers.filter(pk=request.user.pk).exists()
                ),
            },
            status=404 if state.kind == "unknown" else 200,
        )

    def get(self, request, token):
        return self.render_state(request, token, onderzoeker_uitnodiging_state(token))

    def post(self, request, token):
        if not request.user.is_authenticated:
            return redirect_to_login(request.path, reverse("account_login"))
        # A link that stopped working: the message, on this page again (DomainErrorMixin).
        uitnodiging = services.onderzoeker_accept(token=token, user=request.user)
        messages.success(
            request,
            _(
                "Je bent nu onderzoeker van de leerkring ‘%(title)s’. Je besluit samen met de "
                "andere onderzoekers over de aanmeldingen van gemeenten."
            )
            % {"title": uitnodiging.leerkring.title},
        )
        return HttpResponseRedirect(reverse("home"))
