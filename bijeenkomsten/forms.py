import re
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.forms import formset_factory
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from leerkring.core.fields import LocalDateTimeField
from leerkring.core.forms import CleanTextMixin

from .errors import BerichtError
from .models import Bijeenkomst, Document, Werkgroep
from .services import berichten, documenten

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CoordinateField(forms.DecimalField):
    """A latitude or longitude in degrees, typed with a point or a comma ("51,5886"); more
    than six decimals (pasted from a map) are rounded to six, about 10 cm."""

    def __init__(self, *, lowest: int, highest: int, example: str, **kwargs):
        self.example = example
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(min_value=lowest, max_value=highest, max_digits=9, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "invalid": _("Vul een getal in, zoals %(example)s.") % {"example": example},
            "min_value": _("Vul een getal tussen %(low)s en %(high)s in.")
            % {"low": lowest, "high": highest},
            "max_value": _("Vul een getal tussen %(low)s en %(high)s in.")
            % {"low": lowest, "high": highest},
        }

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        if isinstance(value, str) and len(value) > 40:  # no number of degrees is this long
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        value = super().to_python(value)
        if value is None:
            return None
        if not value.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if abs(value) >= 1000:  # out of range; rounding "1e400" would overflow
            raise forms.ValidationError(self.error_messages["max_value"], code="max_value")
        return value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


# A phone number as people write it: digits, spaces, +, -, ( ) and a dot; at least six digits.
_PHONE = re.compile(r"^\+?[0-9 ()./-]+$")


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
            "address",
            "latitude",
            "longitude",
            "venue_accessibility",
            "contact_name",
            "contact_phone",
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
            "venue_accessibility": forms.Textarea(attrs={"rows": 3}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        help_texts = {
            "location": _("De naam van de plek, zoals Stadhuis Breda."),
            "contact_name": _(
                "Wie deelnemers op de dag kunnen bellen. Alleen mensen met een plek en de "
                "onderzoekers zien naam en telefoonnummer."
            ),
            "contact_phone": _("Bijvoorbeeld 06 12345678 of +31 6 12345678."),
            "online_url": _(
                "Deelnemers met een plek zien vanaf een halfuur voor het begin een knop "
                "Deelnemen met deze link."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        coordinates = _(
            "Voor de routelink en de agenda. Je vindt de coördinaten op openstreetmap.org: "
            "klik met de rechtermuisknop op de plek en kies 'Toon adres'."
        )
        self.fields["latitude"] = CoordinateField(
            label=_("Breedtegraad"),
            lowest=-90,
            highest=90,
            example="51.5886",
            required=False,
            help_text=coordinates,
        )
        self.fields["longitude"] = CoordinateField(
            label=_("Lengtegraad"),
            lowest=-180,
            highest=180,
            example="4.7760",
            required=False,
            help_text=_("Vul breedtegraad en lengtegraad allebei in, of allebei niet."),
        )
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
        self._clean_venue(cleaned)
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

    def _clean_venue(self, cleaned):
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        # Only when both fields were valid: a wrong number already has its own message.
        if "latitude" not in self.errors and "longitude" not in self.errors:
            if latitude is not None and longitude is None:
                self.add_error(
                    "longitude", _("Vul ook de lengtegraad in, of maak de breedtegraad leeg.")
                )
            elif longitude is not None and latitude is None:
                self.add_error(
                    "latitude", _("Vul ook de breedtegraad in, of maak de lengtegraad leeg.")
                )
        phone = cleaned.get("contact_phone") or ""
        if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 6):
            self.add_error(
                "contact_phone",
                _("Vul een telefoonnummer in met cijfers, zoals 06 12345678."),
            )
        if phone and not cleaned.get("contact_name"):
            self.add_error(
                "contact_name", _("Vul ook de naam in van wie er op dit nummer opneemt.")
            )
        if cleaned.get("venue_accessibility") and not (
            cleaned.get("location") or cleaned.get("address")
        ):
            self.add_error(
                "venue_accessibility",
                _("Vul ook de plaats of het adres in waar deze toegankelijkheid over gaat."),
            )


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
    """The copy's new title, start and end; each field says what the original had ("Was:")."""

    title = forms.CharField(label=_("Nieuwe titel"), max_length=200)
    starts_at = LocalDateTimeField(label=_("Nieuw begin"), widget=DATETIME)
    ends_at = LocalDateTimeField(label=_("Nieuw einde"), widget=DATETIME)

    def __init__(self, *args, bijeenkomst: Bijeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = _("Geef de kopie een titel.")
        self.fields["starts_at"].error_messages["required"] = _("Kies het begin van de kopie.")
        self.fields["ends_at"].error_messages["required"] = _("Kies het einde van de kopie.")
        # form_field.html prints help texts as HTML: the old title is escaped.
        self.fields["title"].help_text = _("Was: %(old)s") % {"old": escape(bijeenkomst.title)}
        for name in ("starts_at", "ends_at"):
            old = timezone.localtime(getattr(bijeenkomst, name))
            self.fields[name].help_text = _("Was: %(old)s") % {
                "old": formats.date_format(old, "l j F Y, H:i")
            }

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Kies een moment in de toekomst."))
        return value

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Het einde moet na het begin liggen."))
        return cleaned


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


class PublishConfirmForm(CleanTextMixin, forms.Form):
    """The confirmation of publishing a report: the number of recipients the page showed."""

    recipients = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class CancelConfirmForm(CleanTextMixin, forms.Form):
    """The confirmation of cancelling a meeting: the numbers of people the page showed."""

    seated = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    waiting = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class BerichtForm(CleanTextMixin, forms.Form):
    """A message to participants: to whom (when there is a choice), subject and body. The
    preview posts the same fields again, with the number of recipients it showed."""

    aan = forms.ChoiceField(label=_("Aan wie"), widget=forms.RadioSelect)
    subject = forms.CharField(
        label=_("Onderwerp"),
        help_text=_("Hooguit 200 tekens. Dit is ook het onderwerp van de e-mail."),
    )
    body = forms.CharField(
        label=_("Bericht"),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    expected = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, audiences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aan"].error_messages["required"] = _("Kies aan wie je schrijft.")
        self.fields["aan"].error_messages["invalid_choice"] = _(
            "Kies een van de groepen hieronder."
        )
        self.fields["subject"].error_messages["required"] = _("Geef het bericht een onderwerp.")
        self.fields["body"].error_messages["required"] = _("Schrijf een bericht; het is nu leeg.")
        self.fields["body"].help_text = _(
            "Je kunt Markdown gebruiken: **vet**, een lijst met - aan het begin van de regel, "
            "een link als [tekst](https://...). Hooguit %(max)s tekens."
        ) % {"max": formats.number_format(berichten.limits()["body"], force_grouping=True)}
        if audiences:
            self.fields["aan"].choices = list(audiences)
        else:
            del self.fields["aan"]

    def clean_subject(self):
        return self._domain(berichten.subject_check, self.cleaned_data["subject"])

    def clean_body(self):
        return self._domain(berichten.body_check, self.cleaned_data["body"])

    @staticmethod
    def _domain(check, value):
        try:
            return check(value)
        except BerichtError as error:
            raise forms.ValidationError(error.message) from error


class DocumentForm(CleanTextMixin, forms.Form):
    """A document for a meeting or one of its work groups, and who may see it. The file is
    read here only for its size and first bytes (services.documenten.document_read); a worker
    checks the rest."""

    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_("Zo staat het document op de pagina. Bijvoorbeeld: Dia's van de opening."),
    )
    upload = forms.FileField(
        label=_("Bestand"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.jpg,.jpeg,.png,.webp,.docx,.pptx,.xlsx,.odt,.odp,"
                "application/pdf,image/jpeg,image/png,image/webp"
            }
        ),
    )
    visibility = forms.ChoiceField(
        label=_("Wie mag het zien?"),
        choices=Document.Visibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie het document mag zien.")},
    )
    werkgroep = forms.ModelChoiceField(
        label=_("Hoort bij"),
        queryset=Werkgroep.objects.none(),
        required=False,
        empty_label=_("De hele bijeenkomst"),
    )

    def __init__(self, *args, bijeenkomst: Bijeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        self.bijeenkomst = bijeenkomst
        self.fields["upload"].help_text = _(
            "Een PDF, een foto of afbeelding (JPG, PNG, WebP) of een document in docx, pptx, "
            "xlsx, odt of odp; hooguit %(max)s MB. Bestanden met macro's nemen we niet aan. "
            "We controleren het bestand eerst; daarna is het te downloaden."
        ) % {"max": documenten.max_megabytes()}
        self.fields["upload"].error_messages["required"] = _("Kies een bestand.")
        self.fields["title"].error_messages["required"] = _("Geef het document een titel.")
        self.fields["visibility"].help_text = (
            _("Iedereen: ook bezoekers die niet zijn ingelogd.")
            if bijeenkomst.is_public
            else _("Deze bijeenkomst is niet openbaar: 'iedereen' kan hier niet.")
        )
        groups = bijeenkomst.werkgroepen.order_by("title")
        self.fields["werkgroep"].queryset = groups
        self.fields["werkgroep"].error_messages["invalid_choice"] = _(
            "Kies een werkgroep van deze bijeenkomst."
        )
        if not groups.exists():
            del self.fields["werkgroep"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        return documenten.document_read(upload) if upload else None

    def clean_visibility(self):
        visibility = self.cleaned_data["visibility"]
        if visibility == Document.Visibility.PUBLIC and not self.bijeenkomst.is_public:
            raise forms.ValidationError(
                _(
                    "Deze bijeenkomst is niet openbaar, dus een document kan niet voor iedereen "
                    "zijn. Kies 'deelnemers van de leerkring' of 'wie een plek had'."
                ),
                code="not_public",
            )
        return visibility

    def upload_kwargs(self) -> dict:
        """What services.documenten.document_upload takes from this form."""
        content, sniffed = self.cleaned_data["upload"]
        return {
            "title": self.cleaned_data["title"],
            "visibility": self.cleaned_data["visibility"],
            "werkgroep": self.cleaned_data.get("werkgroep"),
            "content": content,
            "sniffed": sniffed,
        }
