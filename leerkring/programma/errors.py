"""The refusals of the programme manager's pages (leerkring.core.errors)."""

from leerkring.core.errors import DomainError


class ProgrammaError(DomainError):
    """A circle that cannot be created like this, or a phase it cannot go to from where it is."""


class OnderzoekerUitnodigingError(DomainError):
    """An invitation to become a researcher that cannot be sent or no longer works."""
