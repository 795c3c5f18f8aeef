"""Form fields shared by the apps."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The largest id PostgreSQL's bigint (and SQLite's integer) holds.
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    """The id of a row, from a form or a query string: a whole number from 1 up to what the
    database can hold. Anything else ("1e30", forty digits, "-1") is a form error rather than
    a query the database refuses."""

    default_error_messages = {
        "invalid": _("Dit nummer bestaat niet."),
        "min_value": _("Dit nummer bestaat niet."),
        "max_value": _("Dit nummer bestaat niet."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


def id_from(value) -> int | None:
    """An id posted or put in a query string outside a form (a hidden input, `?id=`): the
    number by IdField's rule, or None for anything else ("²", "-1", "1e30", forty digits)."""
    try:
        return IdField(required=False).clean(value)
    except ValidationError:
        return None


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in Dutch time, between the years MIN_YEAR and MAX_YEAR. The hour
    the clocks skip in spring and the hour they repeat in autumn get a message in plain words
    instead of Django's technical one, and so does a year out of range (year 1 or 9999 breaks
    time-zone arithmetic, calendar files and every date shown later)."""

    MIN_YEAR = 2000
    MAX_YEAR = 2100

    messages = {
        "out_of_range": _("Kies een datum tussen het jaar %(min)s en %(max)s."),
        "skipped": _(
            "%(time)s bestaat niet op deze datum: die nacht gaat de klok een uur vooruit. "
            "Kies bijvoorbeeld een uur later."
        ),
        "repeated": _(
            "%(time)s komt op deze datum twee keer voor: die nacht gaat de klok een uur "
            "terug. Kies een tijd buiten het uur tussen 02:00 en 03:00."
        ),
    }

    def to_python(self, value):
        naive = None if value in self.empty_values else self._naive(value)
        if naive is not None:
            self._check_year(naive)
        try:
            result = super().to_python(value)
        except ValidationError as error:
            if error.code != "ambiguous_timezone":
                raise
            naive = self._naive(value)
            if naive is None:
                raise
            zone = timezone.get_current_timezone()
            first = naive.replace(tzinfo=zone, fold=0)
            second = naive.replace(tzinfo=zone, fold=1)
            kind = "repeated" if first.utcoffset() > second.utcoffset() else "skipped"
            raise ValidationError(
                self.messages[kind] % {"time": naive.strftime("%H:%M")}, code=kind
            ) from None
        if result is not None:
            self._check_year(result)  # also a value with its own offset ("…T10:00+05:00")
        return result

    def _check_year(self, value: datetime.datetime) -> None:
        if not self.MIN_YEAR <= value.year <= self.MAX_YEAR:
            raise ValidationError(
                self.messages["out_of_range"] % {"min": self.MIN_YEAR, "max": self.MAX_YEAR},
                code="out_of_range",
            )

    def _naive(self, value) -> datetime.datetime | None:
        for fmt in [*self.input_formats, "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]:
            try:
                return datetime.datetime.strptime(str(value).strip(), fmt)
            except (TypeError, ValueError):
                continue
        return None
