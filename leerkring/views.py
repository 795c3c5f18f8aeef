from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from leerkring.core import health
from leerkring.core.selectors import heartbeat_latest

from .selectors import leerkring_list_for_home


class HomeView(TemplateView):
    template_name = "leerkring/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(leerkringen=leerkring_list_for_home(), **kwargs)


@never_cache
@require_GET
def health_view(request):
    """For load balancers and people on call: 200 when the database and broker answer."""
    database = health.database_status()
    broker = health.broker_status()
    healthy = database == health.OK and broker in (health.OK, health.NOT_CONFIGURED)
    worker = None
    if database == health.OK:
        heartbeat = heartbeat_latest()
        if heartbeat:
            worker = {"hostname": heartbeat.hostname, "last_seen": heartbeat.seen_at.isoformat()}
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "database": database,
            "broker": broker,
            "worker": worker,
        },
        status=200 if healthy else 503,
    )
