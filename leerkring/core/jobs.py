"""What every kind of background job shares (PDF renders, CSV exports, e-mails, upload checks):
sending a task message for a row that records the work, and finding rows that wait too long.
It imports no tasks, so every subject's services can use it without a cycle."""

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def task_send(task, *args) -> bool:
    """Send a task message for a row that records the work. The row is the truth: when the
    broker cannot be reached the message is not sent, the request that asked still succeeds,
    and the sweeper sends it later. Returns whether it was sent."""
    try:
        task.apply_async(args=list(args), retry=False)
    except Exception:
        logger.warning("%s%r not sent now; the sweeper will send it", task.name, args)
        return False
    return True


def job_claim(*, model, pk: int, task_id: str | None, running: str, **also) -> bool:
    """Queued → `running`, in one conditional update: of two messages for one job row (an
    export, an upload to check), one wins. The same message delivered again (its worker died,
    or a retry) may take over. `also`: more fields to set in the same update."""
    mine = models.Q(status=model.Status.QUEUED)
    if task_id:
        mine |= models.Q(status=running, task_id=task_id)
    return bool(
        model.objects.filter(mine, pk=pk, attempts__lt=settings.RENDER_MAX_ATTEMPTS).update(
            status=running,
            attempts=models.F("attempts") + 1,
            started_at=timezone.now(),
            task_id=task_id or "",
            **also,
        )
    )


def jobs_requeue_stuck(*, model, running: str, time_limit: int, now) -> list[int]:
    """Put back in the queue, and return, the jobs of `model` (RenderJob, ExportJob) that wait
    too long: queued for SWEEP_STUCK_AFTER seconds with no worker taking them, or `running`
    past `time_limit` plus that (their worker died). Call it in a transaction: the rows stay
    locked, and skipped by a sweeper running at the same time, until it ends."""
    stuck_queued = now - datetime.timedelta(seconds=settings.SWEEP_STUCK_AFTER)
    stuck_running = now - datetime.timedelta(seconds=time_limit + settings.SWEEP_STUCK_AFTER)
    ids = list(
        model.objects.select_for_update(skip_locked=True)
        .filter(
            models.Q(status=model.Status.QUEUED, queued_at__lt=stuck_queued)
            | models.Q(status=running, started_at__lt=stuck_running)
        )
        .values_list("pk", flat=True)
    )
    model.objects.filter(pk__in=ids).update(status=model.Status.QUEUED, queued_at=now)
    return ids


def jobs_sweep(
    *, model, running: str, time_limit: int, enqueue: Callable[[int], None], now=None
) -> int:
    """Send again every job of `model` that waits too long (see jobs_requeue_stuck), each
    through `enqueue`, which sends its message once the transaction commits. Every sweeper of
    a job table is this call. Returns how many were sent."""
    with transaction.atomic():
        ids = jobs_requeue_stuck(
            model=model, running=running, time_limit=time_limit, now=now or timezone.now()
        )
        for job_id in ids:
            enqueue(job_id)
    if ids:
        logger.info("sweeper re-sent %d %s row(s)", len(ids), model._meta.label)
    return len(ids)
