"""Handing out stored files: only through views that checked permission first.

Every download streams through Django, from the disk or from S3 alike, rather than
redirecting to a signed object-store URL: the permission is checked at the moment of the
download, no address works for anyone else for a while, and the file name, Content-Disposition
and Cache-Control stay ours (docs/decisions.md)."""

import logging

from django.http import FileResponse, Http404

from .models import RenderJob
from .storage import UNAVAILABLE, is_missing

logger = logging.getLogger(__name__)


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
    except UNAVAILABLE as exc:
        if not is_missing(exc):
            raise
        if not isinstance(exc, FileNotFoundError):
            # S3's 403 for a missing object, or a key that may not read it: worth a look.
            logger.warning("stored file %s cannot be read: %s", stored_file.name, exc)
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
