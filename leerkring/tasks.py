import logging

from celery import shared_task

from . import digest
from .retention import services as retention

logger = logging.getLogger(__name__)


# Going through every person can take longer than the default limits; an interrupted run is
# safe to repeat (each person's week is claimed as their e-mail is written).
@shared_task(
    name="leerkring.digest_send", ignore_result=True, soft_time_limit=20 * 60, time_limit=25 * 60
)
def digest_send():
    """Send the weekly digest (scheduled by beat on Monday morning); safe to run twice."""
    sent = digest.digest_send_all()
    logger.info("weekly digest: %d e-mail(s) written to the outbox", sent)


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
