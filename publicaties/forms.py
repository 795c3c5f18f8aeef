from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.text import normalize_newlines
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from leerkring.core.fields import LocalDateTimeField
from leerkring.core.forms import CleanTextMixin

from .models import Publicatie
from .uploads import check_image, check_pdf

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PublicatieForm(CleanTextMixin, forms.ModelForm):
    """A publication's details and, when it changes, its text: Markdown or an uploaded PDF."""

    body = forms.CharField(
        label=_("Tekst"),
        required=False,
        max_length=500_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "In Markdown, met ## voor een hoofdstuk. Van de tekst maken we een PDF met voorblad "
            "en inhoudsopgave. Heb je al een PDF? Laat dit leeg en kies hieronder het bestand."
        ),
    )
    upload = forms.FileField(
        label=_("Of: een PDF"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    cover_upload = forms.FileField(
        label=_("Omslagafbeelding"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_cover = forms.BooleanField(label=_("Omslagafbeelding weghalen"), required=False)
    note = forms.CharField(
        label=_("Wat is er veranderd?"),
        required=False,
        max_length=300,
        help_text=_("Alleen bij een nieuwe versie; onderzoekers zien het in de lijst met versies."),
    )

    class Meta:
        model = Publicatie
        fields = [
            "kind",
            "title",
            "slug",
            "abstract",
            "authors",
            "author_names",
            "release_at",
            "visibility",
            "cover_alt",
        ]
        field_classes = {"release_at": LocalDateTimeField}
        widgets = {
            "release_at": DATETIME,
            "abstract": forms.Textarea(attrs={"rows": 5}),
            "authors": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "slug": _("Voor het webadres, bijvoorbeeld slotpublicatie-2019. Kleine letters en -."),
            "release_at": _(
                "Datum en tijd in Nederlandse tijd. Tot dan zien alleen coördinatoren en "
                "onderzoekers de publicatie."
            ),
        }

    def __init__(self, *args, leerkring=None, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.leerkring = leerkring
        self.current = current
        self.fields["release_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        # No select starts on "---------": the empty choice says what to do.
        kind = self.fields["kind"]
        kind.choices = [("", _("Kies een soort")), *[c for c in kind.choices if c[0] != ""]]
        kind.error_messages["required"] = _("Kies een soort publicatie.")
        self.fields["upload"].help_text = gettext(
            "Hooguit %(max)s MB, zonder JavaScript of ingesloten bestanden."
        ) % {"max": settings.PUBLICATIE_MAX_PDF_BYTES // 1024 // 1024}
        self.fields["cover_upload"].help_text = gettext(
            "Optioneel. JPG, PNG of WebP, hooguit %(max)s MB."
        ) % {"max": settings.PUBLICATIE_MAX_IMAGE_BYTES // 1024 // 1024}
        people = get_user_model().objects.none()
        if leerkring is not None:
            people = leerkring.researchers.filter(is_active=True).order_by("name")
        self.fields["authors"].queryset = people
        self.fields["authors"].label = _("Auteurs met een account")
        self.fields["authors"].required = False
        if current is not None and not current.is_upload:
            self.fields["body"].initial = current.body
        if not (self.instance and self.instance.cover):
            del self.fields["remove_cover"]

    def publicatie_save_kwargs(self) -> dict:
        """What `services.publicatie_save` takes from this form: the publication, unsaved (a
        new one belongs to the form's circle), and the cleaned text, files and note; a field
        this form leaves out (no cover to remove yet) gives the service's default."""
        publicatie = self.save(commit=False)
        if publicatie.pk is None:
            publicatie.leerkring = self.leerkring
        return {
            "publicatie": publicatie,
            "authors": self.cleaned_data["authors"],
            "body": self.cleaned_data.get("body", ""),
            "upload": self.cleaned_data.get("upload"),
            "cover": self.cleaned_data.get("cover_upload"),
            "remove_cover": self.cleaned_data.get("remove_cover", False),
            "note": self.cleaned_data.get("note", ""),
        }

    def clean_body(self):
        return normalize_newlines(self.cleaned_data.get("body") or "").strip()

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        return check_pdf(upload) if upload else None

    def clean_cover_upload(self):
        upload = self.cleaned_data.get("cover_upload")
        return check_image(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        body, upload = (cleaned.get("body") or "").strip(), cleaned.get("upload")
        if body and upload and (self.current is None or body != self.current.body):
            raise forms.ValidationError(
                _("Schrijf de tekst óf kies een PDF, niet allebei."), code="both"
            )
        if not body and not upload and self.current is None and not self.has_error("upload"):
            self.add_error("body", _("Schrijf de tekst of kies een PDF."))
        has_cover = bool(cleaned.get("cover_upload")) or (
            self.instance.cover and not cleaned.get("remove_cover")
        )
        if has_cover and not (cleaned.get("cover_alt") or "").strip():
            self.add_error(
                "cover_alt",
                _("Beschrijf in een paar woorden wat er op de afbeelding staat."),
            )
        return cleaned
