"""What a person can be refused about meetings, one class per subject; each message is for the
person who tried (leerkring.core.errors)."""

from leerkring.core.errors import DomainError


class RegistrationError(DomainError):
    """Registering for a meeting or cancelling a registration cannot be done."""


class WerkgroepError(DomainError):
    """Composing work groups, joining one or linking a case to one cannot be done."""


class BijeenkomstError(DomainError):
    """Planning or cancelling the meeting itself cannot be done."""


class VerslagError(DomainError):
    """The meeting's report cannot be published (there is nothing to publish yet)."""


class AttendanceError(DomainError):
    """Attendance cannot be taken (not yet the meeting's day), or a late arrival added."""


class BerichtError(DomainError):
    """A message to participants cannot be sent (too long, nobody to send it to, too many
    messages this hour, or the recipients changed since the preview)."""


class EvaluatieError(DomainError):
    """The questionnaire after a meeting cannot be changed, sent or answered (already sent,
    the meeting has not ended, answered before)."""


class DocumentError(DomainError):
    """A meeting document cannot be added as asked (for everyone at a meeting that is not
    public, a work group of another meeting)."""
