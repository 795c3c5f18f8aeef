from django.http import Http404
from rules.contrib.views import PermissionRequiredMixin


class PermissionRequiredOr404Mixin(PermissionRequiredMixin):
    """Check a rules permission; whoever may not see a thing gets a 404, so that ids reveal
    nothing (DESIGN.md, Access)."""

    raise_exception = True

    def handle_no_permission(self):
        raise Http404
