from django import forms
from django.utils.translation import gettext_lazy as _

from leerkring.core.forms import CleanTextMixin


class ProfileForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Volledige naam"), max_length=150)
    job_title = forms.CharField(label=_("Functie"), max_length=150, required=False)
    visible_to_colleagues = forms.BooleanField(
        label=_("Collega's uit mijn gemeente mogen mijn naam en functie zien"), required=False
    )
    # What a person receives and their language are on My settings (leerkring.core.preferences).

    def __init__(self, *args, has_membership: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_membership:
            del self.fields["job_title"]
            del self.fields["visible_to_colleagues"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Vul je naam in."))
        return name


class AccountDeleteForm(CleanTextMixin, forms.Form):
    password = forms.CharField(
        label=_("Je wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Zo weten we zeker dat jij het bent."),
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en mijn persoonsgegevens worden gewist"),
        error_messages={"required": _("Vink aan dat je dit begrijpt.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return self.cleaned_data["password"]
