from django.http import Http404
from rules.contrib.views import PermissionRequiredMixin


class PermissionRequiredOr404Mixin(PermissionRequiredMixin):
    """Check a rules permission; whoever may not see a thing gets a 404, so that ids reveal
    nothing (DESIGN.md, Access)."""

    raise_exception = True

    def handle_no_permission(self):
        raise Http404


def render_status_context(
    *, job, page_url: str, status_url: str, download_url: str, retry_url: str, can_retry: bool
) -> dict:
    """What includes/render_status.html needs to show one PDF job and poll for it."""
    return {
        "job": job,
        "page_url": page_url,
        "status_url": status_url,
        "download_url": download_url,
        "retry_url": retry_url,
        "can_retry": can_retry,
    }
