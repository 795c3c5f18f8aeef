"""How django-allauth's sign-up fits this project: the extra fields on the form, where their
values are stored, and what happens when an address is verified. Lives in the project package
because it combines the core (User) with the municipalities."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gemeenten import services as gemeenten_services
from gemeenten.models import Lidmaatschap
from gemeenten.selectors import (
    INVITATION_SESSION_KEY,
    gemeente_choices_for_signup,
    lidmaatschap_next_step,
    uitnodiging_state,
)
from leerkring.core.forms import CleanTextMixin

OTHER_ORGANISATION = "anders"


class SignupForm(CleanTextMixin, AllauthSignupForm):
    name = forms.CharField(
        label=_("Volledige naam"),
        max_length=150,
        help_text=_("Zo zien andere deelnemers je, bijvoorbeeld: Anna de Vries."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    gemeente = forms.ChoiceField(
        label=_("Voor welke gemeente werk je?"),
        help_text=_(
            "Gebruik je het e-mailadres van je gemeente? Dan ben je meteen lid. Anders vragen we "
            "de coördinator van je gemeente om je toe te laten."
        ),
        error_messages={
            "required": _("Kies je gemeente, of kies ‘een andere organisatie’."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    job_title = forms.CharField(
        label=_("Functie"),
        max_length=150,
        required=False,
        help_text=_("Bijvoorbeeld: wijkregisseur, beleidsadviseur participatie."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )

    def __init__(self, *args, uitnodiging_token: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten = {g.slug: g for g in gemeente_choices_for_signup()}
        self.fields["gemeente"].choices = [
            ("", _("Kies je gemeente")),
            *[(slug, g.name) for slug, g in self.gemeenten.items()],
            (OTHER_ORGANISATION, _("Een andere organisatie")),
        ]
        self.order_fields(["name", "email", "gemeente", "job_title", "password1", "password2"])
        # Through an invitation link (gemeenten:uitnodiging): its municipality, fixed.
        self.uitnodiging_token = uitnodiging_token
        state = uitnodiging_state(uitnodiging_token) if uitnodiging_token else None
        self.uitnodiging = state.uitnodiging if state is not None and state.valid else None
        if self.uitnodiging is not None:
            gemeente = self.uitnodiging.gemeente
            self.gemeenten[gemeente.slug] = gemeente
            field = self.fields["gemeente"]
            field.choices = [(gemeente.slug, gemeente.name)]
            field.initial = gemeente.slug
            field.disabled = True
            field.help_text = _(
                "Je bent uitgenodigd voor gemeente %(gemeente)s. Maak je account met het "
                "e-mailadres waar de uitnodiging heen ging; dan ben je meteen lid."
            ) % {"gemeente": gemeente.name}
            self.fields["email"].initial = self.uitnodiging.email
            if self.uitnodiging.name and not self.fields["name"].initial:
                self.fields["name"].initial = self.uitnodiging.name

    def clean_email(self):
        email = super().clean_email()
        if self.uitnodiging is not None and email.lower() != self.uitnodiging.email.lower():
            raise forms.ValidationError(
                _(
                    "De uitnodiging is gestuurd naar %(email)s. Maak je account met dat adres. "
                    "Wil je een ander adres gebruiken? Meld je dan aan zonder uitnodiging; de "
                    "coördinator laat je daarna toe."
                )
                % {"email": self.uitnodiging.email}
            )
        return email

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Vul je naam in."))
        return name

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("gemeente") not in (None, "", OTHER_ORGANISATION)
            and not cleaned.get("job_title", "").strip()
        ):
            self.add_error("job_title", _("Vul je functie in, zodat je coördinator je herkent."))
        return cleaned


class AccountAdapter(DefaultAccountAdapter):
    @transaction.atomic
    def save_user(self, request, user, form, commit=True):
        user.name = form.cleaned_data["name"]
        # Who signs up on the English pages reads Leerkring in English (My settings).
        if translation.get_language() in dict(settings.LANGUAGES):
            user.language = translation.get_language()
        user = super().save_user(request, user, form, commit=commit)
        gemeente = form.gemeenten.get(form.cleaned_data.get("gemeente"))
        job_title = form.cleaned_data.get("job_title", "").strip()
        if commit and getattr(form, "uitnodiging", None) is not None:
            request.session.pop(INVITATION_SESSION_KEY, None)
            lidmaatschap = gemeenten_services.uitnodiging_accept(
                token=form.uitnodiging_token, user=user, job_title=job_title
            )
            if lidmaatschap is not None:
                messages.success(
                    request,
                    _("Welkom! Je bent nu lid namens gemeente %(gemeente)s.")
                    % {"gemeente": lidmaatschap.gemeente.name},
                )
                return user
        if commit and gemeente is not None:
            gemeenten_services.lidmaatschap_request(
                user=user, gemeente=gemeente, job_title=job_title
            )
        return user

    def confirm_email(self, request, email_address):
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            lidmaatschap = gemeenten_services.lidmaatschap_confirm_by_domain(
                user=email_address.user, email=email_address.email
            )
            if lidmaatschap is not None and request is not None:
                messages.info(request, _confirmed_outcome(lidmaatschap))
        return confirmed

    def send_mail(self, template_prefix, email, context):
        # The confirmation e-mail says what happens once the address is confirmed, like the
        # page after sign-up (templates/account/email/email_confirmation_message.txt).
        if template_prefix.startswith("account/email/email_confirmation") and context.get("user"):
            context = {
                **context,
                "next_step": lidmaatschap_next_step(user=context["user"], email=email),
            }
        # To a known account (a password reset, a confirmation), in its language (My settings).
        language = getattr(context.get("user"), "language", None)
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)


def _confirmed_outcome(lidmaatschap) -> str:
    if lidmaatschap.status == Lidmaatschap.Status.CONFIRMED:
        return _("Je bent nu lid namens gemeente %(gemeente)s. Log in om mee te doen.") % {
            "gemeente": lidmaatschap.gemeente.name
        }
    return _(
        "Een coördinator van gemeente %(gemeente)s beslist nu of je lid wordt. Je krijgt een "
        "e-mail zodra dat is gebeurd. Inloggen kan al wel."
    ) % {"gemeente": lidmaatschap.gemeente.name}
