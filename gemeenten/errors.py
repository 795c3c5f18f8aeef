"""What a person can be refused about municipalities and memberships, one class per subject;
each message is for the person who tried (leerkring.core.errors)."""

from leerkring.core.errors import DomainError


class DeelnameError(DomainError):
    """A municipality's application to a circle cannot be made, admitted or declined."""


class LidmaatschapError(DomainError):
    """A membership request cannot be confirmed or refused."""


class CoordinatorError(DomainError):
    """Someone cannot be made (or stop being) a coordinator."""


class UitnodigingError(DomainError):
    """An invitation cannot be sent or accepted."""
