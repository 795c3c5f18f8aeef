from django.db.models import QuerySet

from .models import Leerkring, WorkerHeartbeat


def leerkring_list() -> QuerySet[Leerkring]:
    """The circles, newest first."""
    return Leerkring.objects.order_by("-starts_on", "title")


def heartbeat_latest() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.order_by("-seen_at").first()
