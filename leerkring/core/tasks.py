import logging
import socket

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="core.heartbeat_record", bind=True, ignore_result=True)
def heartbeat_record(self):
    """Record that a worker is alive (scheduled every minute by beat)."""
    hostname = self.request.hostname or socket.gethostname()
    services.heartbeat_record(hostname=hostname)
    logger.info("heartbeat recorded for %s", hostname)
