from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from rules.contrib.views import PermissionRequiredMixin

from .errors import DomainError


class PermissionRequiredOr404Mixin(PermissionRequiredMixin):
    """Check a rules permission; whoever may not see a thing gets a 404, so that ids reveal
    nothing (docs/architecture.md, Roles and permissions)."""

    raise_exception = True

    def handle_no_permission(self):
        raise Http404


class DomainErrorMixin:
    """Turns a `DomainError` raised by a service into a message for the person, so that views
    catch nothing themselves.

    When the view has a bound form (a FormView posting), the message goes on that form (on
    `domain_error_field`, or the whole form) and the form is shown again with what was typed.
    Otherwise, or when `domain_error_on_form` is off because the refusal is about the thing and
    not about what was typed, it becomes a messages error and the person is sent to
    `get_error_url()`: by default the page they posted from. A missing object is not a
    DomainError: it is a 404 from get_object_or_404 or a selector."""

    domain_error_on_form = True
    domain_error_field = None

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except DomainError as error:
            return self.domain_error_response(error)

    def get_form(self, form_class=None):
        self._domain_error_form = super().get_form(form_class)
        return self._domain_error_form

    def domain_error_response(self, error: DomainError):
        form = getattr(self, "_domain_error_form", None)
        if self.domain_error_on_form and form is not None and form.is_bound:
            form.add_error(self.domain_error_field, error.message)
            return self.form_invalid(form)
        messages.error(self.request, error.message)
        return HttpResponseRedirect(self.get_error_url())

    def get_error_url(self) -> str:
        """Where the person reads the message; POST-only views name their page."""
        return self.request.path
