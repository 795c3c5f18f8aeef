"""Handing out rendered files: only through views that checked permission first."""

from django.http import FileResponse, Http404

from .models import RenderJob


def job_file_response(job: RenderJob | None, filename: str) -> FileResponse:
    """The PDF of a ready job as a download; 404 when there is none (yet)."""
    if job is None or not job.is_ready or not job.file:
        raise Http404
    try:
        handle = job.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    # Personal documents: no shared cache may keep a copy.
    response["Cache-Control"] = "private, no-store"
    return response
