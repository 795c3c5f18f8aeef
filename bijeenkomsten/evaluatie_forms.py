"""The forms of the questionnaire after a meeting: its questions (a formset: add, remove,
reorder), the answers of one person, and the choice to put the results in the report's PDF.
(A module of its own beside forms.py, which other work changes at the same time.)"""

from django import forms
from django.forms import formset_factory
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from leerkring.core.forms import CleanTextMixin

from .models import EvaluatieVraag
from .selectors.evaluatie import LIKERT
from .services.evaluatie import MAX_OPEN_ANSWER, MAX_QUESTIONS


class EvaluatieVraagForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=EvaluatieVraag.Kind.choices,
        initial=EvaluatieVraag.Kind.STATEMENT,
    )
    text = forms.CharField(
        label=_("Stelling of vraag"),
        max_length=300,
        required=False,
        help_text=_("Laat leeg om de vraag weg te laten."),
    )


class BaseEvaluatieVraagFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Volgorde")
        form.fields["ORDER"].help_text = _("Een lager nummer komt eerder.")
        form.fields["ORDER"].required = False
        form.fields["DELETE"].label = _("Weglaten")

    def clean(self):
        """The same question twice is a mistake (and would give two charts one name)."""
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.is_valid() or self._should_delete_form(form):
                continue
            text = form.cleaned_data.get("text") or ""
            key = slugify(text) or text.casefold()
            if text and key in seen:
                raise forms.ValidationError(
                    _("Deze vraag staat er twee keer in: „%(text)s”. Laat er één weg.")
                    % {"text": text}
                )
            seen.add(key)

    def questions(self) -> list[dict]:
        """The questions kept, in the chosen order (call after is_valid)."""
        return [
            {"kind": form.cleaned_data["kind"], "text": form.cleaned_data["text"]}
            for form in self.ordered_forms
            if form.cleaned_data.get("text")
        ]


# A questionnaire is short; a posted TOTAL_FORMS of thousands must not build thousands of forms.
EvaluatieVraagFormSet = formset_factory(
    EvaluatieVraagForm,
    formset=BaseEvaluatieVraagFormSet,
    extra=2,
    can_order=True,
    can_delete=True,
    max_num=MAX_QUESTIONS,
    absolute_max=MAX_QUESTIONS + 5,
    validate_max=True,
)


def field_name(vraag: EvaluatieVraag) -> str:
    return f"vraag_{vraag.pk}"


class EvaluatieAnswerForm(CleanTextMixin, forms.Form):
    """One field per question: a statement is answered 1 to 5, an open question in words
    (not required)."""

    def __init__(self, *args, vragen: list[EvaluatieVraag], **kwargs):
        super().__init__(*args, **kwargs)
        self.vragen = vragen
        for vraag in vragen:
            if vraag.kind == EvaluatieVraag.Kind.STATEMENT:
                self.fields[field_name(vraag)] = forms.TypedChoiceField(
                    label=vraag.text,
                    choices=[(score, f"{score} – {label}") for score, label in LIKERT],
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Kies bij deze stelling een antwoord van 1 tot 5."),
                        "invalid_choice": _("Kies bij deze stelling een antwoord van 1 tot 5."),
                    },
                )
            else:
                self.fields[field_name(vraag)] = forms.CharField(
                    label=vraag.text,
                    required=False,
                    max_length=MAX_OPEN_ANSWER,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )

    def answers(self) -> dict[int, int | str]:
        return {vraag.pk: self.cleaned_data.get(field_name(vraag)) for vraag in self.vragen}


class EvaluatieInReportForm(CleanTextMixin, forms.Form):
    in_report = forms.BooleanField(
        label=_("Zet de uitkomsten van de stellingen in de PDF van het verslag"),
        required=False,
        help_text=_(
            "Alleen de grafieken van de stellingen, en pas vanaf 5 antwoorden. De antwoorden op "
            "de open vragen blijven alleen voor onderzoekers."
        ),
    )
