"""allauth's pages around confirming an address, with what comes next for this person
(leerkring/signup.py). They take the URLs and names of allauth's own views."""

from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from allauth.account.models import EmailAddress
from allauth.account.views import ConfirmEmailView
from allauth.account.views import SignupView as AllauthSignupView
from allauth.core import ratelimit
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from gemeenten.selectors import INVITATION_SESSION_KEY, lidmaatschap_next_step, uitnodiging_state
from leerkring.core.views import DomainErrorMixin

from .signup import (
    CHANGE_RATE_LIMIT,
    SignupEmailForm,
    pending_signup_user,
    signup_email_change,
)


class PendingSignupMixin:
    """The person this browser just signed up (leerkring/signup.py), as `pending_user`; a POST
    from any other browser is refused with how to get back here."""

    def dispatch(self, request, *args, **kwargs):
        self.pending_user = pending_signup_user(request)
        if request.method == "POST" and self.pending_user is None:
            messages.error(
                request,
                _(
                    "Dit kan nu niet meer op deze pagina. Log in met het e-mailadres en wachtwoord "
                    "die je hebt opgegeven; dan kom je hier terug en kun je het adres aanpassen."
                ),
            )
            return HttpResponseRedirect(reverse("account_email_verification_sent"))
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class VerificationSentView(PendingSignupMixin, DomainErrorMixin, FormView):
    """ "Bevestig je e-mailadres" after sign-up: what happens once the address is confirmed, and,
    for the person this browser just signed up, a form to correct the address (this view's
    POST) and a button to have the link sent again (VerificationResendView)."""

    template_name = "account/verification_sent.html"
    form_class = SignupEmailForm
    domain_error_field = "email"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(pending_user=self.pending_user, **kwargs)
        if self.pending_user is not None:
            context["next_step"] = lidmaatschap_next_step(
                user=self.pending_user, email=self.pending_user.email
            )
        return context

    def form_valid(self, form):
        if not ratelimit.consume(
            self.request, action=CHANGE_RATE_LIMIT, key=str(self.pending_user.pk)
        ):
            form.add_error(
                "email",
                _("Je hebt je e-mailadres al vaak gewijzigd. Probeer het over een uur opnieuw."),
            )
            return self.form_invalid(form)
        address = signup_email_change(user=self.pending_user, email=form.cleaned_data["email"])
        send_verification_email_to_address(self.request, address, signup=True)
        messages.success(
            self.request,
            _(
                "Je e-mailadres is gewijzigd in %(email)s. De link in de eerste e-mail werkt "
                "niet meer."
            )
            % {"email": address.email},
        )
        return HttpResponseRedirect(self.request.path)


@method_decorator(never_cache, name="dispatch")
class VerificationResendView(PendingSignupMixin, View):
    """ "Stuur de e-mail opnieuw" on the page above, for the person this browser signed up."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        address = EmailAddress.objects.filter(
            user=self.pending_user, email__iexact=self.pending_user.email
        ).first()
        # allauth sends at most one link per address every EMAIL_CONFIRMATION_COOLDOWN.
        if address is not None and send_verification_email_to_address(
            request, address, signup=True
        ):
            messages.success(
                request,
                _("We hebben de e-mail opnieuw gestuurd naar %(email)s.")
                % {"email": address.email},
            )
        else:
            messages.error(
                request,
                _(
                    "We hebben je net al een e-mail gestuurd. Wacht een paar minuten en probeer "
                    "het dan opnieuw."
                ),
            )
        return HttpResponseRedirect(reverse("account_email_verification_sent"))


class EmailConfirmView(ConfirmEmailView):
    """allauth's confirmation page, which also says what happens once the address is confirmed."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object:
            address = self.object.email_address
            context["next_step"] = lidmaatschap_next_step(user=address.user, email=address.email)
        return context


class SignupView(AllauthSignupView):
    """allauth's sign-up, with the invitation this browser followed (gemeenten:uitnodiging
    keeps its token in the session): the form then has the municipality fixed and accepts
    the invitation when the account is made (leerkring/accounts.py)."""

    def get_form_kwargs(self):
        token = self.request.session.get(INVITATION_SESSION_KEY, "")
        if token and not uitnodiging_state(token).valid:
            # Used or expired since the link was followed: an ordinary sign-up, whose address
            # is confirmed by e-mail as any other.
            self.request.session.pop(INVITATION_SESSION_KEY, None)
            get_adapter(self.request).unstash_verified_email(self.request)
            token = ""
            messages.warning(
                self.request,
                _(
                    "Je uitnodiging werkt niet meer: ze is verlopen of al gebruikt. Je kunt wel "
                    "een account maken; de coördinator van je gemeente laat je dan toe."
                ),
            )
        return {**super().get_form_kwargs(), "uitnodiging_token": token}
