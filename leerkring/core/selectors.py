from django.db.models import QuerySet
from django.utils import timezone

from .models import Leerkring, WorkerHeartbeat


def leerkring_list() -> QuerySet[Leerkring]:
    """The circles the public sees, newest first: every one but those still in preparation,
    which only their programme's managers and their researchers see."""
    return Leerkring.objects.exclude(phase=Leerkring.Phase.PREPARING).order_by(
        "-starts_on", "title"
    )


def heartbeat_latest() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.order_by("-seen_at").first()


def leerkring_list_open() -> QuerySet[Leerkring]:
    """Circles a municipality can apply to: opened for applications and not yet ended."""
    return leerkring_list().filter(phase=Leerkring.Phase.OPEN, ends_on__gte=timezone.localdate())


def leerkring_newest_researched(*, user) -> Leerkring | None:
    """The newest circle the person researches: where a new meeting or publication goes."""
    return user.leerkringen_as_researcher.order_by("-starts_on").first()
