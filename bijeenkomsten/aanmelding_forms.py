"""The forms of a person's own registration: changing the needs and work group, and the
confirmation of cancelling it. (A module of its own beside forms.py, which other work changes
at the same time.)"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from leerkring.core.forms import CleanTextMixin

from .forms import AanmeldingForm

NO_GROUP = "geen"


class RadioSelect(forms.RadioSelect):
    """Radio buttons where a full work group is shown but cannot be chosen. (Named as Django's,
    so that its `widget_type` stays "radioselect" and the form templates draw a fieldset.)"""

    def __init__(self, *args, full=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.full = set(full)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if str(value) in self.full:
            option["attrs"]["disabled"] = True
        return option


class AanmeldingUpdateForm(AanmeldingForm):
    """The needs, as asked when registering, and (for someone with a seat at a meeting with
    work groups) the work group: every group, a full one shown as full and not choosable."""

    def __init__(self, *args, werkgroepen=(), seated=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not (seated and werkgroepen):
            return
        choices = [(NO_GROUP, _("Geen werkgroep"))]
        full = []
        for group in werkgroepen:
            room = ngettext(
                "%(members)s van %(capacity)s plaats bezet",
                "%(members)s van %(capacity)s plaatsen bezet",
                group.capacity,
            ) % {"members": group.members, "capacity": group.capacity}
            label = f"{group.title} ({room})"
            if not group.has_room:
                label = f"{group.title} ({_('vol')})"
                full.append(str(group.pk))
            choices.append((str(group.pk), label))
        self.fields["werkgroep"] = forms.ChoiceField(
            label=_("Werkgroep"),
            choices=choices,
            required=False,
            widget=RadioSelect(full=full),
            help_text=_("Je kunt alleen wisselen naar een werkgroep met plek."),
        )

    def werkgroep_id(self, keep):
        """The chosen group's id, None for no group, `keep` when not asked or not posted."""
        value = self.cleaned_data.get("werkgroep")
        if not value:
            return keep
        return None if value == NO_GROUP else int(value)


class AanmeldingCancelForm(CleanTextMixin, forms.Form):
    """Cancelling: an optional reason, and what the confirmation page said would happen
    (selectors.registration.CancelOutcome.token), which the service checks again (D59)."""

    reason = forms.CharField(
        label=_("Reden van afmelden"),
        max_length=300,
        required=False,
        help_text=_(
            "Je hoeft geen reden te geven. Alleen jij en de beheerders van de website kunnen "
            "hem lezen."
        ),
    )
    gevolg = forms.CharField(max_length=40, widget=forms.HiddenInput)
