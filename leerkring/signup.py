"""After sign-up, before the address is confirmed: whose sign-up this browser holds, what
happens next, and correcting a mistyped address (docs/decisions.md, D34).

allauth keeps the person who just signed up (or who just logged in with the right password
but an unconfirmed address) in the session as a pending login, for LOGIN_TIMEOUT (15
minutes), at its e-mail verification stage. That session is the only proof we accept: nobody
else's browser holds it, so nobody can change another person's address."""

from allauth.account.internal.flows.manage_email import assess_unique_email
from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage, LoginStageController
from django import forms
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerkring.core.errors import DomainError
from leerkring.core.forms import CleanTextMixin

# allauth's rate limit (ACCOUNT_RATE_LIMITS) for corrections, per person and per IP address.
CHANGE_RATE_LIMIT = "change_signup_email"


class SignupEmailError(DomainError):
    """A correction of the address that cannot be made; the message is for the person."""


def pending_signup_user(request):
    """The person whose sign-up this browser is in the middle of, while their address is not
    confirmed and they never logged in; None otherwise (another browser, more than 15
    minutes later, logged in, or already confirmed)."""
    if request.user.is_authenticated:
        return None
    stage = LoginStageController.enter(request, EmailVerificationStage.key)
    user = stage.login.user if stage is not None else None
    if user is None or not user.is_active or user.last_login is not None:
        return None
    if EmailAddress.objects.filter(user=user, verified=True).exists():
        return None
    return user


class SignupEmailForm(CleanTextMixin, forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Het juiste e-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": gettext_lazy("Vul je e-mailadres in."),
            "invalid": gettext_lazy(
                "Dit is geen geldig e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl."
            ),
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].lower()


@transaction.atomic
def signup_email_change(*, user, email: str) -> EmailAddress:
    """Replace the unconfirmed address of someone who just signed up. The old address's row is
    deleted, so a link sent to it stops working (allauth's link names the row); the caller
    sends a link to the new address."""
    User = get_user_model()
    user = User.objects.select_for_update().get(pk=user.pk)
    email = email.strip().lower()
    confirmed = EmailAddress.objects.filter(user=user, verified=True).exists()
    if user.last_login is not None or confirmed:
        raise SignupEmailError(
            _("Je e-mailadres is al bevestigd. Log in en wijzig het in je profiel.")
        )
    if email == user.email.lower():
        raise SignupEmailError(
            _("Dit is het adres dat je al had opgegeven. Vul het juiste e-mailadres in.")
        )
    if not assess_unique_email(email, user=user):
        raise SignupEmailError(_("Er is al een gebruiker geregistreerd met dit e-mailadres."))
    EmailAddress.objects.filter(user=user).delete()
    user.email = email
    try:
        with transaction.atomic():
            user.save(update_fields=["email"])
    except IntegrityError as exc:  # the same address, signed up for at this very moment
        raise SignupEmailError(
            _("Er is al een gebruiker geregistreerd met dit e-mailadres.")
        ) from exc
    return EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
