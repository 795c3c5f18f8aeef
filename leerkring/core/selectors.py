from django.db.models import QuerySet

from .models import Leerkring, RenderJob, WorkerHeartbeat


def leerkring_list() -> QuerySet[Leerkring]:
    """The circles, newest first."""
    return Leerkring.objects.order_by("-starts_on", "title")


def heartbeat_latest() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.order_by("-seen_at").first()


def leerkring_list_open() -> QuerySet[Leerkring]:
    """Circles a municipality can still apply to: not yet ended."""
    from django.utils import timezone

    return leerkring_list().filter(ends_on__gte=timezone.localdate())


def render_job(*, kind: str, object_id: int) -> RenderJob | None:
    """The PDF job of one document, if it was ever asked for."""
    return RenderJob.objects.filter(kind=kind, object_id=object_id).first()


def render_jobs(*, kind: str, object_ids) -> dict[int, RenderJob]:
    """The PDF jobs of several documents of one kind, by object id (one query)."""
    return {
        job.object_id: job
        for job in RenderJob.objects.filter(kind=kind, object_id__in=list(object_ids))
    }
