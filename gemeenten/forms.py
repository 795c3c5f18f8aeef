from django import forms
from django.utils.translation import gettext_lazy as _

from leerkring.core.fields import IdField
from leerkring.core.forms import CleanTextMixin
from leerkring.core.models import Leerkring

from .models import Deelname, cbs_code_validator


class DeelnameApplyForm(CleanTextMixin, forms.Form):
    leerkring = forms.ModelChoiceField(
        label=_("Leerkring"),
        queryset=Leerkring.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een leerkring uit de lijst.")},
    )
    name = forms.CharField(label=_("Naam van de gemeente"), max_length=200)
    cbs_code = forms.CharField(
        label=_("CBS-code"),
        max_length=6,
        help_text=_("Staat op de site van het CBS, bijvoorbeeld GM0758 voor Breda."),
        validators=[cbs_code_validator],
    )
    website = forms.URLField(
        label=_("Website van de gemeente"), required=False, assume_scheme="https"
    )
    contact_name = forms.CharField(label=_("Naam contactpersoon"), max_length=150)
    contact_email = forms.EmailField(label=_("E-mailadres contactpersoon"))
    motivation = forms.CharField(
        label=_("Waarom wil je gemeente meedoen?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("Een paar zinnen zijn genoeg. De onderzoekers lezen dit bij hun besluit."),
    )

    def __init__(self, *args, leerkringen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leerkring"].queryset = leerkringen

    def clean_cbs_code(self):
        return self.cleaned_data["cbs_code"].strip().upper()


class ReasonForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Deze reden sturen we mee in de e-mail, schrijf hem dus voor de ontvanger."),
        error_messages={"required": _("Schrijf op waarom, zodat de ontvanger het begrijpt.")},
    )


class DeelnameCardForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Deelname
        fields = [
            "portfolio_holder",
            "quality_status",
            "quality_note",
            "time_status",
            "time_note",
            "money_status",
            "money_note",
        ]
        widgets = {
            "quality_note": forms.Textarea(attrs={"rows": 3}),
            "time_note": forms.Textarea(attrs={"rows": 3}),
            "money_note": forms.Textarea(attrs={"rows": 3}),
        }


class CoordinatorForm(CleanTextMixin, forms.Form):
    user = IdField(widget=forms.HiddenInput)
    deelname = IdField(widget=forms.HiddenInput)
    make = forms.BooleanField(required=False, widget=forms.HiddenInput)
