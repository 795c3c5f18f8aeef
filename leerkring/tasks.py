import datetime
import logging

from celery import shared_task
from django.utils import timezone

from leerkring.core.jobs import task_send

from . import digest
from .retention import services as retention

logger = logging.getLogger(__name__)


@shared_task(
    name="leerkring.digest_send", ignore_result=True, soft_time_limit=5 * 60, time_limit=6 * 60
)
def digest_send():
    """Send the weekly digest (scheduled by beat on Monday morning); safe to run twice. The
    people are divided into batches of DIGEST_BATCH, one task each, so that every worker takes
    part (20,000 people in one task took 12 to 30 minutes on two cores). A batch that cannot be
    sent to the broker is done here instead; each person's week is claimed as their e-mail is
    written, so a batch done twice (a second beat, a redelivered message) sends nothing twice."""
    now = timezone.now()
    batches = digest.digest_batches(digest.digest_recipient_ids(now=now))
    for user_ids in batches:
        if not task_send(digest_send_batch, user_ids, now.isoformat()):
            digest_send_batch(user_ids, now.isoformat())
    logger.info("weekly digest: %d batch(es) for %s", len(batches), now.date())


@shared_task(
    name="leerkring.digest_send_batch",
    ignore_result=True,
    soft_time_limit=10 * 60,
    time_limit=12 * 60,
)
def digest_send_batch(user_ids: list[int], now: str):
    """The weekly digest for one batch of people (see digest_send)."""
    sent = digest.digest_send_to(user_ids=user_ids, now=datetime.datetime.fromisoformat(now))
    logger.info("weekly digest: %d of %d e-mail(s) written to the outbox", sent, len(user_ids))


@shared_task(
    name="leerkring.retention_apply",
    ignore_result=True,
    soft_time_limit=10 * 60,
    time_limit=15 * 60,
)
def retention_apply():
    """Remove what has passed its retention period (scheduled by beat every night); the day is
    claimed first, so a second run on the same day does nothing."""
    counts = retention.retention_apply()
    if counts is None:
        logger.info("retention: already applied today")
    else:
        logger.info("retention applied: %s", counts)
