"""The core's tasks, where Celery's autodiscovery looks for them (`<app>.tasks`).

Each subject package keeps its own tasks (rendering/tasks.py, mail/tasks.py,
exports/tasks.py); they are imported here so that the worker registers them under their
unchanged names. The two tasks left here belong to no subject: the worker's heartbeat and
the sweeper, which runs every registered sweeper (sweepers.py)."""

import logging
import socket

from celery import shared_task

from . import services, sweepers
from .exports import tasks as exports_tasks
from .mail import tasks as mail_tasks
from .rendering import tasks as rendering_tasks

logger = logging.getLogger(__name__)

# Registered with Celery by being imported (above); named here so that the intent is plain.
SUBJECT_TASKS = (exports_tasks, mail_tasks, rendering_tasks)


@shared_task(name="core.heartbeat_record", bind=True, ignore_result=True)
def heartbeat_record(self):
    """Record that a worker is alive (scheduled every minute by beat)."""
    hostname = self.request.hostname or socket.gethostname()
    services.heartbeat_record(hostname=hostname)
    logger.info("heartbeat recorded for %s", hostname)


@shared_task(name="core.sweep", ignore_result=True)
def sweep():
    """Run every registered sweeper (scheduled by beat every minute): the core's own register
    in CoreConfig.ready (PDF jobs, exports, e-mails, expiring old exports), the apps' in
    theirs (PDF upload checks). Each sends again what a lost message, a dead worker or a
    broker that was down left behind."""
    sweepers.sweep_all()
