"""What every form of the site shares: typed text is cleaned before any field sees it."""

import django_filters
from django import forms

from .fields import IdField
from .text import clean_line, clean_text

# Text typed into these is cleaned; a password is taken as typed (changing it silently would
# lock its owner out) and a file is not text.
_NOT_TEXT = (forms.PasswordInput, forms.FileInput)


def _cleaner(field: forms.Field):
    """clean_text for a text area, clean_line for any other text input; None for a field
    that does not take typed text (choices, numbers, dates, files, passwords)."""
    if not isinstance(field, forms.CharField) or isinstance(field.widget, _NOT_TEXT):
        return None
    if isinstance(field.widget, forms.Textarea):
        return clean_text
    if isinstance(field.widget, forms.widgets.Input):
        return clean_line
    return None


class CleanTextMixin:
    """Cleans the posted text of every text field before validation (docs/decisions.md, D35):
    single-line fields lose line breaks (CR, LF, U+2028, …), control characters and invisible
    formatting characters; text areas keep their line breaks (as "\\n") and tabs and lose the
    rest. Fields added in a subclass's __init__ are included, since the cleaning happens when
    the form is validated. Put it first among the bases: `class F(CleanTextMixin, forms.Form)`.
    """

    def full_clean(self):
        if self.is_bound and self.data:
            self.data = self._cleaned_data_copy(self.data)
        super().full_clean()

    def _cleaned_data_copy(self, data):
        cleaners = {
            self.add_prefix(name): cleaner
            for name, field in self.fields.items()
            if (cleaner := _cleaner(field)) is not None
        }
        if not any(key in data for key in cleaners):
            return data
        data = data.copy()  # a QueryDict's copy can be changed; the request's cannot
        for key, cleaner in cleaners.items():
            if key not in data:
                continue
            if hasattr(data, "setlist"):
                data.setlist(key, [_apply(cleaner, v) for v in data.getlist(key)])
            else:
                data[key] = _apply(cleaner, data[key])
        return data


def _apply(cleaner, value):
    return cleaner(value) if isinstance(value, str) else value


class CleanTextForm(CleanTextMixin, forms.Form):
    """The base of the filter forms (`FilterSet.Meta.form`)."""


class IdFilter(django_filters.NumberFilter):
    """A filter on a row's id from the query string (`?bijeenkomst=12`): out of range is a form
    error, not a database error."""

    field_class = IdField
    MESSAGES = ("invalid", "min_value", "max_value")
