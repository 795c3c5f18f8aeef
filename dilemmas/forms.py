from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from leerkring.core.forms import CleanTextMixin

from .models import Casus, Dilemma, DilemmaGedeeld, Rol, Waarde
from .selectors import casus_missing_fields, dilemma_choices_for

MARKDOWN_HELP = _("Je kunt opmaak gebruiken: **vet**, *schuin*, - opsomming, [link](https://…).")


class CasusForm(CleanTextMixin, forms.ModelForm):
    rollen = forms.ModelMultipleChoiceField(
        label=_("Welke rol nam je?"),
        queryset=Rol.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Kies je houding (loslaten, faciliteren of sturen) en de rollen die je vervulde."
        ),
        # Asked for when the case is shared (see clean): a draft may be only a title.
        required=False,
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
            "programme_open",
        ]
        labels = {
            "title": _("Titel"),
            "situation": _("Wat speelde er?"),
            "question": _("Wat wil je aan de leerkring vragen?"),
            "visibility": _("Wie mag deze casus zien?"),
            "anonymise": _("Deel buiten mijn gemeente een geanonimiseerde versie"),
            "programme_open": _("Deel de geanonimiseerde versie ook met het hele programma"),
        }
        help_texts = {
            "situation": MARKDOWN_HELP,
            "anonymise": _(
                "Collega's uit je eigen gemeente zien altijd de echte versie. Anderen zien de "
                "geanonimiseerde versie, nadat een onderzoeker die heeft goedgekeurd."
            ),
            "anon_situation": _("Laat namen van mensen, straten en organisaties weg."),
            "programme_open": _(
                "Dan lezen ook deelnemers van de andere leerkringen in het programma de "
                "geanonimiseerde versie, zonder je naam en je gemeente, zodra een onderzoeker "
                "die heeft goedgekeurd. Vink je dit later uit, dan zien zij de casus meteen "
                "niet meer."
            ),
        }
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 8}),
            "question": forms.Textarea(attrs={"rows": 3}),
            "anon_situation": forms.Textarea(attrs={"rows": 8}),
            "anon_question": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
        }

    # What is said at a field that is still empty when the case is shared.
    NEEDED_MESSAGES = {
        "title": _("Geef je casus een titel."),
        "dilemma": _("Kies het dilemma dat speelde."),
        "situation": _("Beschrijf wat er speelde."),
        "question": _("Schrijf op wat je aan de leerkring wilt vragen."),
        "rollen": _("Kies minstens één rol."),
        "anon_situation": _(
            "Schrijf de geanonimiseerde situatie, of vink het delen van een "
            "geanonimiseerde versie uit."
        ),
    }

    def __init__(self, *args, leerkring, share: bool = False, **kwargs):
        """`share`: the case is (to be) published, so every field it needs is checked; a
        draft needs only its title (issue 18)."""
        super().__init__(*args, **kwargs)
        self.share = share
        self.fields["title"].error_messages["required"] = self.NEEDED_MESSAGES["title"]
        # Its own dilemmas and those shared with it (DilemmaGedeeld).
        self.fields["dilemma"].queryset = dilemma_choices_for(leerkring=leerkring)
        self.fields["dilemma"].label_from_instance = lambda dilemma: (
            dilemma.title
            if dilemma.leerkring_id == leerkring.pk
            else f"{dilemma.title} ({dilemma.leerkring.title})"
        )
        if leerkring.programma_id is None:  # a circle on its own has no programme to share with
            del self.fields["programme_open"]
        self.fields["dilemma"].empty_label = _("Kies een dilemma")
        self.fields["dilemma"].label = _("Welk dilemma speelde?")
        # Chosen beforehand on the page; a post without it keeps what the case had.
        self.fields["visibility"].required = False
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
        if not cleaned.get("visibility") and "visibility" not in self.errors:
            cleaned["visibility"] = self.instance.visibility or Casus.Visibility.CIRCLE
        if self.share:
            missing = casus_missing_fields(
                title=cleaned.get("title"),
                dilemma=cleaned.get("dilemma"),
                situation=cleaned.get("situation"),
                question=cleaned.get("question"),
                rollen=cleaned.get("rollen"),
                anonymise=cleaned.get("anonymise"),
                anon_situation=cleaned.get("anon_situation"),
            )
            for name in missing:
                if name not in self.errors:  # a field with a mistake of its own says that
                    self.add_error(name, self.NEEDED_MESSAGES[name])
        if cleaned.get("programme_open"):
            if not cleaned.get("anonymise"):
                self.add_error(
                    "programme_open",
                    _(
                        "Met het hele programma deel je alleen een geanonimiseerde versie. "
                        "Vink ook „Deel buiten mijn gemeente een geanonimiseerde versie” aan, "
                        "of vink dit uit."
                    ),
                )
            elif cleaned.get("visibility") == Casus.Visibility.GEMEENTE:
                self.add_error(
                    "programme_open",
                    _(
                        "Een casus die alleen je gemeente ziet, kun je niet met het programma "
                        "delen. Kies „de hele leerkring”, of vink dit uit."
                    ),
                )
        if cleaned.get("anonymise") and not (cleaned.get("anon_title") or "").strip():
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
    """The researchers' edit form. The name and the one-line summary have a version per
    language (translation.py): `title` and `summary` are the Dutch ones whichever language
    the page is in (services.dilemma_update stores them so), with an English version beside
    them; the rest is written once, in Dutch."""

    class Meta:
        model = Dilemma
        fields = ["title", "title_en", "summary", "summary_en", "description", "questions"]
        fields += ["conclusions"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "questions": forms.Textarea(attrs={"rows": 5}),
            "conclusions": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["title"] = self.instance.title_nl or self.instance.title
            self.initial["summary"] = self.instance.summary_nl or self.instance.summary
        self.fields["title"].label = _("Titel")
        self.fields["summary"].label = _("In één zin")
        self.fields["title_en"].label = _("Titel in het Engels")
        self.fields["summary_en"].label = _("In één zin, in het Engels")
        for name in ("title_en", "summary_en"):
            self.fields[name].required = False
            self.fields[name].help_text = _("Leeg: wie Engels leest, ziet de Nederlandse tekst.")


class DilemmaGedeeldForm(CleanTextMixin, forms.ModelForm):
    """The conclusions a circle that shares a dilemma reached (researchers of that circle)."""

    class Meta:
        model = DilemmaGedeeld
        fields = ["conclusions"]
        labels = {"conclusions": _("Wat deze leerkring concludeerde")}
        help_texts = {"conclusions": MARKDOWN_HELP}
        widgets = {"conclusions": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conclusions"].validators.append(MaxLengthValidator(20000))
