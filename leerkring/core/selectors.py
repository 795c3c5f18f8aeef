from django.db.models import QuerySet
from django.utils import timezone

from .models import Leerkring, WorkerHeartbeat


def leerkring_list() -> QuerySet[Leerkring]:
    """The circles, newest first."""
    return Leerkring.objects.order_by("-starts_on", "title")


def heartbeat_latest() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.order_by("-seen_at").first()


def leerkring_list_open() -> QuerySet[Leerkring]:
    """Circles a municipality can still apply to: not yet ended."""
    return leerkring_list().filter(ends_on__gte=timezone.localdate())


def leerkring_newest_researched(*, user) -> Leerkring | None:
    """The newest circle the person researches: where a new meeting or publication goes."""
    return user.leerkringen_as_researcher.order_by("-starts_on").first()
