import logging

from celery import shared_task

from . import digest

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
