import logging
import socket
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import export_services, services, sweepers

logger = logging.getLogger(__name__)


@shared_task(name="core.heartbeat_record", bind=True, ignore_result=True)
def heartbeat_record(self):
    """Record that a worker is alive (scheduled every minute by beat)."""
    hostname = self.request.hostname or socket.gethostname()
    services.heartbeat_record(hostname=hostname)
    logger.info("heartbeat recorded for %s", hostname)


@shared_task(
    name="core.email_send",
    bind=True,
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
)
def email_send(self, email_id: int):
    """Send one e-mail from the outbox. SMTP hiccups are retried after 30 s, 1, 2, 4 and 8
    minutes; after that the e-mail is marked failed for the administrator."""
    try:
        services.email_send(email_id=email_id)
    except (OSError, SMTPException) as exc:
        if self.request.retries >= self.max_retries:
            services.email_failed(email_id=email_id, error=str(exc))
            return
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc


@shared_task(
    name="core.email_send_many",
    bind=True,
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
)
def email_send_many(self, email_ids: list[int]):
    """Send a batch from the outbox (one message for a whole mailing). Each e-mail is sent and
    deleted on its own, so a retry after a failure half-way sends only what is left."""
    try:
        for email_id in email_ids:
            services.email_send(email_id=email_id)
    except (OSError, SMTPException) as exc:
        if self.request.retries >= self.max_retries:
            for email_id in email_ids:
                services.email_failed(email_id=email_id, error=str(exc))
            return
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc


@shared_task(
    name="core.render_job",
    bind=True,
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.RENDER_SOFT_TIME_LIMIT,
    time_limit=settings.RENDER_TIME_LIMIT,
    max_retries=settings.RENDER_MAX_ATTEMPTS,
)
def render_job(self, job_id: int):
    """Render one PDF job (see services.render_job_run). A passing problem (database or disk)
    is retried with a growing pause: 10 s, 20 s, 40 s."""
    try:
        services.render_job_run(job_id=job_id, task_id=self.request.id)
    except (services.RenderRetryLater, OperationalError, InterfaceError) as exc:
        if self.request.retries >= self.max_retries:
            services.render_fail_for_good(job_id=job_id, error=str(exc))
            return
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc


@shared_task(
    name="core.export_run",
    bind=True,
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=max(settings.EXPORT_TIME_LIMIT - 30, 1),
    time_limit=settings.EXPORT_TIME_LIMIT,
    max_retries=settings.RENDER_MAX_ATTEMPTS,
)
def export_run(self, job_id: int):
    """Write one large CSV export (see export_services.export_run). A passing problem
    (database or disk) is retried after 10 s, 20 s, 40 s."""
    try:
        export_services.export_run(job_id=job_id, task_id=self.request.id)
    except (export_services.ExportRetryLater, OperationalError, InterfaceError) as exc:
        if self.request.retries >= self.max_retries:
            export_services.export_fail_for_good(job_id=job_id, error=str(exc))
            return
        raise self.retry(exc=exc, countdown=10 * 2**self.request.retries) from exc


@shared_task(name="core.sweep", ignore_result=True)
def sweep():
    """Send again the PDF jobs, exports, e-mails and the apps' registered work (PDF upload
    checks) that wait too long (scheduled by beat every minute): what a lost message, a dead
    worker or a broker that was down left behind; and delete exports older than
    EXPORT_KEEP_DAYS."""
    services.render_jobs_sweep()
    export_services.export_jobs_sweep()
    sweepers.sweep_all()
    services.emails_sweep()
    export_services.exports_expire()
