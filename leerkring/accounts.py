"""How django-allauth's sign-up fits this project: the extra fields on the form and where
their values are stored. Lives in the project package because later issues add fields
(municipality, job title) from the apps above the core."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):
    name = forms.CharField(
        label=_("Volledige naam"),
        max_length=150,
        help_text=_("Zo zien andere deelnemers je, bijvoorbeeld: Anna de Vries."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["name", "email", "password1", "password2"])

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Vul je naam in."))
        return name


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user.name = form.cleaned_data["name"]
        return super().save_user(request, user, form, commit=commit)
