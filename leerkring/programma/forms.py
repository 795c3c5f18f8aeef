"""The programme manager's forms: a new circle and an invitation to become a researcher."""

from django import forms
from django.utils.translation import gettext_lazy as _

from leerkring.core.forms import CleanTextMixin

from .services.kringen import NewDilemma, slug_problem

SKIP, SHARE, COPY = "", "delen", "kopieren"
NEW_DILEMMAS = 3  # empty rows for new dilemmas; more can be added by the researchers later


class LeerkringCreateForm(CleanTextMixin, forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Geef de leerkring een titel.")},
    )
    slug = forms.SlugField(
        label=_("Korte naam in het webadres"),
        max_length=50,
        required=False,
        help_text=_(
            "Kleine letters, cijfers en streepjes, bijvoorbeeld ‘democratie-2027’. Laat je het "
            "leeg, dan maken we hem van de titel."
        ),
        error_messages={
            "invalid": _("Gebruik alleen kleine letters, cijfers en streepjes (-), geen spaties.")
        },
    )
    subtitle = forms.CharField(label=_("Ondertitel"), max_length=200, required=False)
    summary = forms.CharField(
        label=_("Samenvatting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Wat de leerkring wil bereiken. Gemeenten lezen dit als ze zich aanmelden."),
        error_messages={"required": _("Schrijf in een paar zinnen waar de leerkring over gaat.")},
    )
    starts_on = forms.DateField(
        label=_("Begindatum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de begindatum in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 1-9-2027."),
        },
    )
    ends_on = forms.DateField(
        label=_("Einddatum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de einddatum in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 31-8-2029."),
        },
    )
    max_gemeenten = forms.IntegerField(
        label=_("Maximaal aantal gemeenten"),
        min_value=1,
        max_value=50,
        initial=8,
        error_messages={
            "required": _("Vul in hoeveel gemeenten er mee kunnen doen (1 tot en met 50)."),
            "invalid": _("Vul een getal in van 1 tot en met 50."),
            "min_value": _("Vul een getal in van 1 tot en met 50."),
            "max_value": _("Vul een getal in van 1 tot en met 50."),
        },
    )
    kernvragen = forms.CharField(
        label=_("Kernvragen"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        required=False,
        help_text=_("Eén vraag per regel."),
    )
    framework = forms.CharField(
        label=_("Denk- en handelingskader"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=8000,
        required=False,
        help_text=_("Rollen, werkpraktijken en democratische waarden die centraal staan."),
    )

    def __init__(self, *args, dilemmas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.earlier_dilemmas = list(dilemmas)
        choices = [
            (SKIP, _("Niet meenemen")),
            (SHARE, _("Delen: samen aan hetzelfde dilemma werken")),
            (COPY, _("Kopiëren: een eigen dilemma met dezelfde tekst")),
        ]
        for dilemma in self.earlier_dilemmas:
            self.fields[f"dilemma_{dilemma.pk}"] = forms.ChoiceField(
                label=dilemma.title,
                help_text=_("Uit %(leerkring)s: %(summary)s")
                % {"leerkring": dilemma.leerkring.title, "summary": dilemma.summary},
                choices=choices,
                initial=SKIP,
                required=False,
                widget=forms.RadioSelect,
            )
        for i in range(1, NEW_DILEMMAS + 1):
            self.fields[f"new_title_{i}"] = forms.CharField(
                label=_("Nieuw dilemma %(n)s: titel") % {"n": i},
                max_length=120,
                required=False,
            )
            self.fields[f"new_summary_{i}"] = forms.CharField(
                label=_("Nieuw dilemma %(n)s: in één zin") % {"n": i},
                max_length=300,
                required=False,
            )

    @property
    def dilemma_fields(self):
        return [self[f"dilemma_{d.pk}"] for d in self.earlier_dilemmas]

    @property
    def new_dilemma_fields(self):
        return [
            (self[f"new_title_{i}"], self[f"new_summary_{i}"]) for i in range(1, NEW_DILEMMAS + 1)
        ]

    @property
    def main_fields(self):
        names = ["title", "slug", "subtitle", "summary", "starts_on", "ends_on", "max_gemeenten"]
        return [self[name] for name in names]

    @property
    def content_fields(self):
        return [self["kernvragen"], self["framework"]]

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip().lower()
        if slug and (problem := slug_problem(slug)):
            raise forms.ValidationError(problem)
        return slug

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on",
                _("De einddatum ligt vóór de begindatum. Kies een einddatum na de begindatum."),
            )
        for i in range(1, NEW_DILEMMAS + 1):
            title = (data.get(f"new_title_{i}") or "").strip()
            summary = (data.get(f"new_summary_{i}") or "").strip()
            if title and not summary:
                self.add_error(
                    f"new_summary_{i}",
                    _("Schrijf in één zin waar het dilemma ‘%(title)s’ over gaat.")
                    % {"title": title},
                )
            elif summary and not title:
                self.add_error(f"new_title_{i}", _("Geef dit dilemma een titel."))
        return data

    def kernvragen_list(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["kernvragen"].splitlines() if line.strip()
        ]

    def dilemma_choices(self) -> dict:
        shared = [
            d for d in self.earlier_dilemmas if self.cleaned_data.get(f"dilemma_{d.pk}") == SHARE
        ]
        copied = [
            d for d in self.earlier_dilemmas if self.cleaned_data.get(f"dilemma_{d.pk}") == COPY
        ]
        new = [
            NewDilemma(
                title=self.cleaned_data[f"new_title_{i}"].strip(),
                summary=self.cleaned_data[f"new_summary_{i}"].strip(),
            )
            for i in range(1, NEW_DILEMMAS + 1)
            if self.cleaned_data.get(f"new_title_{i}", "").strip()
        ]
        return {"shared": shared, "copied": copied, "new": new}


class OnderzoekerInviteForm(CleanTextMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul het e-mailadres in van de onderzoeker."),
            "invalid": _("Vul een e-mailadres in, zoals naam@voorbeeld.nl."),
        },
    )
    name = forms.CharField(label=_("Naam"), max_length=150, required=False)
    resend = forms.BooleanField(required=False, widget=forms.HiddenInput)
