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
