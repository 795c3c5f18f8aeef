from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ..forms import CleanTextMixin

# The researchers choose per meeting how many days before its reminder goes out; a person
# may choose their own number of days instead, up to two weeks (User.reminder_days).
MAX_REMINDER_DAYS = 14


def _day_choices():
    days = [
        (str(n), ngettext_lazy("%(n)s dag van tevoren", "%(n)s dagen van tevoren", n) % {"n": n})
        for n in range(1, MAX_REMINDER_DAYS + 1)
    ]
    return [("", _("Wanneer de onderzoekers het kozen (meestal 2 dagen van tevoren)")), *days]


class PreferencesForm(CleanTextMixin, forms.Form):
    reminders = forms.BooleanField(
        label=_("Stuur me een herinnering voor een bijeenkomst waarvoor ik een plek heb"),
        required=False,
    )
    reminder_days = forms.TypedChoiceField(
        label=_("Wanneer wil je de herinnering krijgen?"),
        choices=_day_choices,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een dag uit de lijst.")},
    )
    email_notifications = forms.BooleanField(
        label=_("Stuur me een e-mail bij nieuws voor mij"),
        required=False,
        help_text=_("Bijvoorbeeld een reactie op je casus of een besluit over je aanmelding."),
    )
    weekly_digest = forms.BooleanField(
        label=_("Stuur me elke week een overzicht van wat nieuw is"),
        required=False,
        help_text=_(
            "Elke maandagochtend een e-mail met de nieuwe bijeenkomsten, verslagen, casussen, "
            "publicaties en reacties op jouw casussen van de week ervoor. Is er niets nieuws, "
            "dan krijg je geen e-mail."
        ),
    )
    language = forms.ChoiceField(
        label=_("Taal van de website en je e-mails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een taal."),
            "invalid_choice": _("Kies een taal uit de lijst."),
        },
    )

    @classmethod
    def initial_for(cls, user) -> dict:
        return {
            "reminders": user.reminders,
            "reminder_days": user.reminder_days or "",
            "email_notifications": user.email_notifications,
            "weekly_digest": user.weekly_digest,
            "language": user.language,
        }
