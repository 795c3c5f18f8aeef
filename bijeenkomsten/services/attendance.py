"""Attendance: who came to a meeting, and the attendance list as PDF."""

from django.db import transaction
from django.utils import timezone

from leerkring.core.rendering.services import render_request

from ..documents import PRESENTIELIJST
from ..models import Aanmelding, Bijeenkomst


@transaction.atomic
def attendance_mark(*, bijeenkomst: Bijeenkomst, present_ids: set[int]) -> None:
    """Record who came: everyone with a seat is either present or not."""
    seated = bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.SEATED)
    seated.filter(pk__in=present_ids).update(status=Aanmelding.Status.ATTENDED)
    seated.exclude(pk__in=present_ids).update(status=Aanmelding.Status.REGISTERED)
    if bijeenkomst.starts_at <= timezone.now() and bijeenkomst.status == Bijeenkomst.Status.PLANNED:
        bijeenkomst.status = Bijeenkomst.Status.HELD
        bijeenkomst.save(update_fields=["status", "updated_at"])


def presentielijst_pdf_request(*, bijeenkomst: Bijeenkomst):
    """Ask for the attendance list as PDF; rendered again only when the list changed."""
    return render_request(kind=PRESENTIELIJST, object_id=bijeenkomst.pk)
