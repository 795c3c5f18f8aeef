from django import forms
from django.utils.translation import gettext_lazy as _

from leerkring.core.fields import IdField
from leerkring.core.forms import CleanTextMixin
from leerkring.core.models import Leerkring

from .models import Deelname, Lidmaatschap, cbs_code_validator
from .services import LATER, CoordinatorChoice


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


class UitnodigingForm(CleanTextMixin, forms.Form):
    """A coordinator invites a colleague of their municipality."""

    email = forms.EmailField(
        label=_("E-mailadres van je collega"),
        max_length=254,
        help_text=_(
            "Naar dit adres sturen we de uitnodiging. Je collega maakt er het account mee."
        ),
        error_messages={
            "required": _("Vul het e-mailadres van je collega in."),
            "invalid": _(
                "Dit is geen geldig e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl."
            ),
        },
    )
    name = forms.CharField(
        label=_("Naam van je collega"),
        max_length=150,
        required=False,
        help_text=_("Dan staat de naam al in de e-mail."),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class CoordinatorChoiceForm(CleanTextMixin, forms.Form):
    """Who will coordinate a municipality: a confirmed member, an invitation to an address,
    or (when admitting) nobody yet. Without confirmed members the first choice is left out."""

    MEMBER = "deelnemer"
    INVITE = "uitnodigen"
    LATER = "later"

    choice = forms.ChoiceField(
        label=_("Wie wordt coördinator?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wie coördinator wordt, of kies ‘later’."),
            "invalid_choice": _("Kies een van de mogelijkheden."),
        },
    )
    user = forms.ModelChoiceField(
        label=_("Deelnemer die coördinator wordt"),
        queryset=None,
        required=False,
        empty_label=_("Kies een deelnemer"),
        error_messages={"invalid_choice": _("Kies een deelnemer uit de lijst.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres voor de uitnodiging"),
        max_length=254,
        required=False,
        help_text=_(
            "Deze persoon krijgt een e-mail met een link om een account te maken, en is daarna "
            "meteen coördinator."
        ),
        error_messages={
            "invalid": _(
                "Dit is geen geldig e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl."
            )
        },
    )
    name = forms.CharField(label=_("Naam bij de uitnodiging"), max_length=150, required=False)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def __init__(self, *args, candidates, allow_later: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        choices = []
        if candidates:
            choices.append((self.MEMBER, _("Een deelnemer van de gemeente die er al is")))
            self.fields["user"].queryset = candidates
            self.fields["user"].label_from_instance = lambda user: (
                f"{user.display_name} ({user.email})"
            )
        else:
            del self.fields["user"]
        choices.append((self.INVITE, _("Iemand uitnodigen via e-mail")))
        if allow_later:
            choices.append((self.LATER, _("Later: nu nog niemand")))
        self.fields["choice"].choices = choices

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("choice")
        if choice == self.MEMBER and not cleaned.get("user"):
            self.add_error("user", _("Kies de deelnemer die coördinator wordt."))
        if choice == self.INVITE and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Vul het e-mailadres in waar de uitnodiging heen moet."))
        return cleaned

    def coordinator_choice(self):
        """The choice as services.CoordinatorChoice."""
        choice = self.cleaned_data["choice"]
        if choice == self.MEMBER:
            return CoordinatorChoice(user=self.cleaned_data["user"])
        if choice == self.INVITE:
            return CoordinatorChoice(
                email=self.cleaned_data["email"], name=self.cleaned_data.get("name", "")
            )
        return LATER


class LidmaatschapConfirmForm(CleanTextMixin, forms.Form):
    """The confirmation of admitting a person: the status of the request the page showed."""

    status = forms.ChoiceField(choices=Lidmaatschap.Status.choices, widget=forms.HiddenInput)
