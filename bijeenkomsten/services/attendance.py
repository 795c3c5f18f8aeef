"""Attendance: who came to a meeting, late arrivals who had not registered, and the
attendance list as PDF."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeenten.models import Lidmaatschap
from leerkring.core.audit import audit_record
from leerkring.core.models import AuditEntry
from leerkring.core.rendering.services import render_request

from ..documents import PRESENTIELIJST
from ..errors import AttendanceError
from ..models import Aanmelding, Bijeenkomst
from ..selectors import attendance as attendance_selectors


def _locked(bijeenkomst_id: int) -> Bijeenkomst:
    """The meeting with its row locked, refused when attendance cannot be taken yet."""
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst_id)
    problem = attendance_selectors.attendance_problem(bijeenkomst)
    if problem:
        raise AttendanceError(problem)
    return bijeenkomst


def _mark_held(bijeenkomst: Bijeenkomst) -> None:
    if bijeenkomst.starts_at <= timezone.now() and bijeenkomst.status == Bijeenkomst.Status.PLANNED:
        bijeenkomst.status = Bijeenkomst.Status.HELD
        bijeenkomst.save(update_fields=["status", "updated_at"])


@transaction.atomic
def attendance_mark(*, bijeenkomst: Bijeenkomst, present_ids: set[int]) -> None:
    """Record who came, from the meeting's day on: everyone with a seat is either present or
    not. A late arrival (walk_in) who is unticked was added by mistake: their registration
    is cancelled rather than turned into a seat they never asked for."""
    bijeenkomst = _locked(bijeenkomst.pk)
    seated = bijeenkomst.aanmeldingen.filter(status__in=Aanmelding.SEATED)
    seated.filter(pk__in=present_ids).update(status=Aanmelding.Status.ATTENDED)
    absent = seated.exclude(pk__in=present_ids)
    absent.filter(walk_in=True).update(
        status=Aanmelding.Status.CANCELLED, cancelled_at=timezone.now(), werkgroep=None
    )
    absent.filter(walk_in=False).update(status=Aanmelding.Status.REGISTERED)
    _mark_held(bijeenkomst)


@transaction.atomic
def attendance_walk_in(*, bijeenkomst_id: int, deelnemer_id: int, actor) -> Aanmelding:
    """Add someone who came without registering as present (walk_in), from the meeting's day
    on: a confirmed member of a municipality in the circle without a registration for it
    (selectors.attendance.walk_in_candidates). They came, so the capacity does not stop it;
    they get no e-mail. Audited."""
    bijeenkomst = _locked(bijeenkomst_id)
    deelnemer = (
        attendance_selectors.walk_in_candidates(bijeenkomst=bijeenkomst)
        .filter(pk=deelnemer_id)
        .first()
    )
    if deelnemer is None:
        raise AttendanceError(
            _("Kies iemand uit de lijst: een deelnemer die nog niet is aangemeld.")
        )
    try:
        with transaction.atomic():
            aanmelding = Aanmelding.objects.create(
                bijeenkomst=bijeenkomst,
                deelnemer=deelnemer,
                gemeente_id=deelnemer.lidmaatschap.gemeente_id
                if deelnemer.lidmaatschap.status == Lidmaatschap.Status.CONFIRMED
                else None,
                status=Aanmelding.Status.ATTENDED,
                walk_in=True,
            )
    except IntegrityError as exc:  # registered meanwhile: the partial unique constraint
        raise AttendanceError(_("Deze persoon staat al op de presentielijst.")) from exc
    audit_record(
        actor=actor,
        action=AuditEntry.Action.AANMELDING_WALK_IN,
        target=bijeenkomst,
        subject=deelnemer,
        detail="aanwezig zonder aanmelding",
    )
    _mark_held(bijeenkomst)
    return aanmelding


def presentielijst_pdf_request(*, bijeenkomst: Bijeenkomst):
    """Ask for the attendance list as PDF; rendered again only when the list changed."""
    return render_request(kind=PRESENTIELIJST, object_id=bijeenkomst.pk)
