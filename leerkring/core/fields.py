"""Form fields shared by the apps."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in Dutch time. The hour the clocks skip in spring and the hour
    they repeat in autumn get a message in plain words instead of Django's technical one."""

    messages = {
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
        try:
            return super().to_python(value)
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

    def _naive(self, value) -> datetime.datetime | None:
        for fmt in [*self.input_formats, "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]:
            try:
                return datetime.datetime.strptime(str(value).strip(), fmt)
            except (TypeError, ValueError):
                continue
        return None
