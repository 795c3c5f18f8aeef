"""What a person can be refused about cases and comments, one class per subject; each message
is for the person who tried (leerkring.core.errors)."""

from leerkring.core.errors import DomainError


class CasusError(DomainError):
    """Writing, changing or approving a case cannot be done."""


class ReactieError(DomainError):
    """Placing, changing, deleting or hiding a comment cannot be done."""
