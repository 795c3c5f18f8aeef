"""The one kind of error a service raises for a person's mistake.

A service that refuses something a person asked for (register twice, cancel someone else's
registration, publish an empty report) raises a subclass of `DomainError` with a message for
that person. Each app names its subclasses after the subject they are about, in its own
`errors.py`; views turn any of them into a message on the form or the page with
`leerkring.core.views.DomainErrorMixin`, so no view has to know which subclass a service raises.
Anything else (a missing object, a bug) is not a DomainError and is not caught."""


class DomainError(Exception):
    """Something a person tried that cannot be done; `message` is shown to them as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)
