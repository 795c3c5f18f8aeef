from ..models import RenderJob
from . import kinds


def render_job(*, kind: str, object_id: int) -> RenderJob | None:
    """The PDF job of one document, if it was ever asked for."""
    return RenderJob.objects.filter(kind=kind, object_id=object_id).first()


def render_jobs(*, kind: str, object_ids) -> dict[int, RenderJob]:
    """The PDF jobs of several documents of one kind, by object id (one query)."""
    return {
        job.object_id: job
        for job in RenderJob.objects.filter(kind=kind, object_id__in=list(object_ids))
    }


def render_jobs_failed(*, circles, limit: int) -> list[dict]:
    """PDF jobs that failed, of documents in these circles, newest first, each with the page
    to retry it on: [{"job", "url"}]. The job row knows only a kind and an id; each kind
    finds its objects' pages in one query (PdfKind.failed_links)."""
    jobs = list(
        RenderJob.objects.filter(status=RenderJob.Status.FAILED).order_by("-finished_at", "-pk")
    )
    circles = frozenset(circles)
    if not jobs or not circles:
        return []
    links: dict[tuple[str, int], str] = {}
    for pdf_kind in kinds():
        ids = [job.object_id for job in jobs if job.kind == pdf_kind.kind]
        if ids:
            for object_id, url in pdf_kind.failed_links(ids, circles).items():
                links[(pdf_kind.kind, object_id)] = url
    return [
        {"job": job, "url": links[(job.kind, job.object_id)]}
        for job in jobs
        if (job.kind, job.object_id) in links
    ][:limit]
