"""Handing out stored files: only through views that checked permission first."""

from django.http import FileResponse, Http404

from .models import RenderJob


def file_response(
    stored_file,
    *,
    filename: str = "",
    content_type: str = "application/pdf",
    attachment: bool = True,
    cache_control: str = "private, no-store",
) -> FileResponse:
    """A stored file as a response; 404 when it is missing. Personal documents by default:
    no shared cache may keep a copy."""
    if not stored_file:
        raise Http404
    try:
        handle = stored_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=attachment, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = cache_control
    return response


def job_file_response(job: RenderJob | None, filename: str) -> FileResponse:
    """The PDF of a ready job as a download; 404 when there is none (yet)."""
    if job is None or not job.is_ready:
        raise Http404
    return file_response(job.file, filename=filename)
