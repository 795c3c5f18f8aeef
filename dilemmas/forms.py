from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from leerkring.core.forms import CleanTextMixin

from .models import Casus, Dilemma, Rol, Waarde

MARKDOWN_HELP = _("Je kunt opmaak gebruiken: **vet**, *schuin*, - opsomming, [link](https://…).")


class CasusForm(CleanTextMixin, forms.ModelForm):
    rollen = forms.ModelMultipleChoiceField(
        label=_("Welke rol nam je?"),
        queryset=Rol.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Kies je houding (loslaten, faciliteren of sturen) en de rollen die je vervulde."
        ),
        error_messages={"required": _("Kies minstens één rol.")},
    )
    waarden = forms.ModelMultipleChoiceField(
        label=_("Welke democratische waarden speelden mee?"),
        queryset=Waarde.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Casus
        fields = [
            "title",
            "dilemma",
            "situation",
            "question",
            "rollen",
            "waarden",
            "visibility",
            "anonymise",
            "anon_title",
            "anon_situation",
            "anon_question",
        ]
        labels = {
            "title": _("Titel"),
            "situation": _("Wat speelde er?"),
            "question": _("Wat wil je aan de leerkring vragen?"),
            "visibility": _("Wie mag deze casus zien?"),
            "anonymise": _("Deel buiten mijn gemeente een geanonimiseerde versie"),
        }
        help_texts = {
            "situation": MARKDOWN_HELP,
            "anonymise": _(
                "Collega's uit je eigen gemeente zien altijd de echte versie. Anderen zien de "
                "geanonimiseerde versie, nadat een onderzoeker die heeft goedgekeurd."
            ),
            "anon_situation": _("Laat namen van mensen, straten en organisaties weg."),
        }
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 8}),
            "question": forms.Textarea(attrs={"rows": 3}),
            "anon_situation": forms.Textarea(attrs={"rows": 8}),
            "anon_question": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, leerkring, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dilemma"].queryset = Dilemma.objects.filter(leerkring=leerkring)
        self.fields["dilemma"].empty_label = _("Kies een dilemma")
        self.fields["dilemma"].label = _("Welk dilemma speelde?")
        self.fields["dilemma"].error_messages["required"] = _("Kies het dilemma dat speelde.")
        # Generous limits, so nobody loses a long story, but no unbounded text either.
        for name, limit in (
            ("situation", 20000),
            ("anon_situation", 20000),
            ("question", 4000),
            ("anon_question", 4000),
        ):
            self.fields[name].validators.append(MaxLengthValidator(limit))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("anonymise"):
            if not (cleaned.get("anon_situation") or "").strip():
                self.add_error(
                    "anon_situation",
                    _(
                        "Schrijf de geanonimiseerde situatie, of vink het delen van een "
                        "geanonimiseerde versie uit."
                    ),
                )
            if not (cleaned.get("anon_title") or "").strip():
                # A plain string: the value goes into the case's version history (JSON).
                cleaned["anon_title"] = str(_("Casus uit een deelnemende gemeente"))
        return cleaned


class ReactieForm(CleanTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Je reactie"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=MARKDOWN_HELP,
        error_messages={"required": _("Schrijf eerst je reactie.")},
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Schrijf eerst je reactie."))
        return body


class HideForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Waarom verberg je deze reactie?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("De schrijver van de reactie ziet deze reden."),
        error_messages={"required": _("Schrijf op waarom je de reactie verbergt.")},
    )


class DilemmaForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Dilemma
        fields = ["title", "summary", "description", "questions", "conclusions"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "questions": forms.Textarea(attrs={"rows": 5}),
            "conclusions": forms.Textarea(attrs={"rows": 6}),
        }
