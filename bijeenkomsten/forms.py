from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerkring.core.fields import LocalDateTimeField
from leerkring.core.forms import CleanTextMixin

from .models import Bijeenkomst, Werkgroep

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AanmeldingForm(CleanTextMixin, forms.Form):
    diet = forms.CharField(
        label=_("Dieetwensen"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld: vegetarisch, geen noten."),
    )
    accessibility = forms.CharField(
        label=_("Wat heb je nodig om goed mee te kunnen doen?"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld: rolstoeltoegankelijk, ringleiding, een rustige plek."),
    )


class BijeenkomstForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Bijeenkomst
        fields = [
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "location",
            "online_url",
            "host_gemeente",
            "capacity",
            "max_per_gemeente",
            "registration_opens_at",
            "registration_closes_at",
            "reminder_days",
            "is_public",
        ]
        field_classes = {
            name: LocalDateTimeField
            for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
        }
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "registration_opens_at": DATETIME,
            "registration_closes_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A select does not start on "---------": a kind has no sensible default, so the empty
        # choice says what to do, and choosing nothing gets a message in words.
        kind = self.fields["kind"]
        kind.choices = [("", _("Kies een soort")), *[c for c in kind.choices if c[0] != ""]]
        kind.error_messages["required"] = _("Kies een soort bijeenkomst.")
        self.fields["host_gemeente"].empty_label = _("Geen gastgemeente")

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        closes, opens = cleaned.get("registration_closes_at"), cleaned.get("registration_opens_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Het einde moet na het begin liggen."))
        if closes and ends and closes > ends:
            self.add_error(
                "registration_closes_at",
                _("Aanmelden moet sluiten voor het einde van de bijeenkomst."),
            )
        if opens and closes and opens >= closes:
            self.add_error("registration_opens_at", _("Aanmelden moet openen voordat het sluit."))
        if not cleaned.get("location") and not cleaned.get("online_url"):
            self.add_error(
                "location", _("Vul een plaats in, een link voor online deelname, of allebei.")
            )
        if (
            cleaned.get("max_per_gemeente") is not None
            and cleaned.get("capacity") is not None
            and (cleaned["max_per_gemeente"] > cleaned["capacity"])
        ):
            self.add_error(
                "max_per_gemeente", _("Het maximum per gemeente is groter dan het aantal plaatsen.")
            )
        return cleaned


class ProgrammaForm(CleanTextMixin, forms.Form):
    starts_at = forms.TimeField(
        label=_("Tijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    title = forms.CharField(label=_("Onderdeel"), max_length=200)
    speaker = forms.CharField(label=_("Spreker"), max_length=200, required=False)


# A day has a handful of programme items; a posted TOTAL_FORMS of thousands must not make the
# server build thousands of forms (Django's own ceiling is 1,000).
ProgrammaFormSet = formset_factory(
    ProgrammaForm, extra=3, can_delete=True, max_num=30, absolute_max=30, validate_max=True
)


class DuplicateForm(CleanTextMixin, forms.Form):
    starts_at = LocalDateTimeField(label=_("Nieuw begin"), widget=DATETIME)

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Kies een moment in de toekomst."))
        return value


class WerkgroepForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Werkgroep
        fields = ["title", "dilemma", "facilitator", "capacity"]

    def __init__(self, *args, bijeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dilemma"].queryset = bijeenkomst.leerkring.dilemmas.all()
        self.fields["dilemma"].empty_label = _("Kies een dilemma")
        self.fields["dilemma"].error_messages["required"] = _("Kies het dilemma van de werkgroep.")


class VerslagForm(CleanTextMixin, forms.Form):
    """The report: the text, the day's conclusions and one box per work group."""

    MAX_TEXT = 100_000

    title = forms.CharField(label=_("Titel"), max_length=200)
    authors = forms.CharField(
        label=_("Auteurs"),
        max_length=300,
        help_text=_("Namen gescheiden door komma's. Ze staan op het voorblad van de PDF."),
    )
    body = forms.CharField(
        label=_("Verslag"),
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=MAX_TEXT,
        help_text=_("Wat er die dag gebeurde. Je kunt Markdown gebruiken, zoals ## voor een kop."),
    )
    conclusions = forms.CharField(
        label=_("Conclusies van de dag"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT,
        required=False,
    )

    def __init__(self, *args, werkgroepen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.werkgroepen = list(werkgroepen)
        for groep in self.werkgroepen:
            self.fields[f"werkgroep_{groep.pk}"] = forms.CharField(
                label=_("Conclusies van werkgroep %(name)s") % {"name": groep.title},
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=self.MAX_TEXT,
                required=False,
            )

    def werkgroep_conclusies(self) -> dict[int, str]:
        return {g.pk: self.cleaned_data.get(f"werkgroep_{g.pk}", "") for g in self.werkgroepen}
