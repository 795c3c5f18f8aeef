import datetime
import logging
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.mail import EmailMultiAlternatives
from django.db import connection, models, transaction
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rendering
from .models import AuditEntry, OutgoingEmail, RenderJob, WorkerHeartbeat

logger = logging.getLogger(__name__)


def heartbeat_record(*, hostname: str) -> WorkerHeartbeat:
    """Note that the worker on `hostname` is alive now."""
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(
        hostname=hostname, defaults={"seen_at": timezone.now()}
    )
    return heartbeat


def audit_record(
    *, actor, action: str, target: models.Model, subject=None, detail: str = ""
) -> AuditEntry:
    """Write one line in the audit log."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        target_repr=str(target)[:300],
        subject=subject,
        detail=detail,
    )


@transaction.atomic
def user_anonymise(*, user) -> None:
    """Erase a person's personal data from the core, keeping the row so that what they
    contributed stays, shown as "voormalig deelnemer"."""
    from allauth.account.models import EmailAddress
    from django.contrib.sessions.models import Session

    EmailAddress.objects.filter(user=user).delete()
    for session in Session.objects.iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
    user.leerkringen_as_researcher.clear()
    user.groups.clear()
    user.user_permissions.clear()
    user.name = ""
    user.email = f"verwijderd-{user.pk}@leerkring.invalid"
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.is_removed = True
    user.email_notifications = False
    user.weekly_digest = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    AuditEntry.objects.filter(subject=user).update(target_repr=_("voormalig deelnemer"))


# --- PDF rendering jobs (DESIGN.md, Background work) ------------------------------------------
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


def _render_enqueue(job_id: int) -> None:
    """Tell a worker about a job once the transaction commits."""
    from .tasks import render_job

    transaction.on_commit(lambda: task_send(render_job, job_id))


@transaction.atomic
def render_request(*, kind: str, object_id: int) -> RenderJob:
    """Ask for the PDF of one document. The first time, the job is simply queued (the worker
    hashes what it renders). After that the HTML is built here (milliseconds) and its hash
    compared with what was asked before: unchanged content is not rendered again."""
    document = rendering.build(kind, object_id)
    job, created = RenderJob.objects.select_for_update().get_or_create(
        kind=kind, object_id=object_id, defaults={"title": document.title[:300]}
    )
    if not created:
        content_hash = rendering.hash_html(rendering.html_for(document))
        if content_hash in (job.content_hash, job.rendered_hash) and job.status in (
            RenderJob.Status.READY,
            RenderJob.Status.FAILED,
        ):
            # Made from this very content, or failed on it (only "retry" tries that again).
            return job
        if job.is_pending and job.content_hash in ("", content_hash):
            return job  # already on its way with this content
        job.content_hash = content_hash
        job.title = document.title[:300]
        _queue_again(job, also=["content_hash", "title"])
    else:
        _render_enqueue(job.pk)
    return job


def _queue_again(job: RenderJob, also: tuple[str, ...] | list[str] = ()) -> None:
    """Back to the start of the queue, with a fresh count of attempts (saving the fields in
    `also` with it)."""
    job.status = RenderJob.Status.QUEUED
    job.attempts = 0
    job.last_error = ""
    job.queued_at = timezone.now()
    job.save(update_fields=["status", "attempts", "last_error", "queued_at", *also])
    _render_enqueue(job.pk)


@transaction.atomic
def render_retry(*, job: RenderJob) -> RenderJob:
    """Try a failed (or stuck) job again from scratch."""
    job = RenderJob.objects.select_for_update().get(pk=job.pk)
    if job.status == RenderJob.Status.READY and job.rendered_hash == job.content_hash:
        return job
    _queue_again(job)
    return job


class RenderRetryLater(Exception):
    """A passing problem (database, disk): the task tries again after a pause."""


def render_fail_for_good(*, job_id: int, error: str) -> None:
    """A passing problem that did not pass: show it to the researchers."""
    _render_fail(job_id, _("De PDF kon niet worden opgeslagen: %(error)s") % {"error": error})


def _render_fail(job_id: int, message: str, content_hash: str | None = None) -> None:
    changes = {"content_hash": content_hash} if content_hash else {}
    RenderJob.objects.filter(pk=job_id).update(
        status=RenderJob.Status.FAILED,
        last_error=message[:4000],
        finished_at=timezone.now(),
        **changes,
    )
    logger.warning("render job %s failed: %s", job_id, message)


def render_job_run(*, job_id: int, task_id: str | None = None) -> str:
    """Render one job if it still needs it. Safe to call any number of times, also for the
    same job at once: the row decides, under a lock, who renders."""
    now = timezone.now()
    with transaction.atomic():
        job = RenderJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            return "gone"
        if job.status == RenderJob.Status.READY and job.rendered_hash == job.content_hash:
            return "unchanged"
        if job.status == RenderJob.Status.FAILED:
            return "failed"
        lease = datetime.timedelta(seconds=settings.RENDER_TIME_LIMIT)
        if (
            job.status == RenderJob.Status.RENDERING
            and job.started_at
            and job.started_at > now - lease
            and not (task_id and job.task_id == task_id)
        ):
            # Another worker is on it. The same message delivered again (task_id matches)
            # means the worker that had it died, so this one takes over.
            return "busy"
        if job.attempts >= settings.RENDER_MAX_ATTEMPTS:
            _render_fail(
                job.pk,
                _(
                    "Het maken van de PDF is %(n)s keer begonnen en niet afgekomen. Probeer het "
                    "opnieuw; lukt het dan weer niet, meld het aan de beheerder."
                )
                % {"n": job.attempts},
            )
            return "failed"
        job.status = RenderJob.Status.RENDERING
        job.attempts += 1
        job.started_at = now
        job.task_id = task_id or ""
        job.save(update_fields=["status", "attempts", "started_at", "task_id"])
        asked_hash = job.content_hash
        kind, object_id = job.kind, job.object_id

    started = time.monotonic()
    html = None
    try:
        document = rendering.build(kind, object_id)
        html = rendering.html_for(document)
        pdf, pages = rendering.render_pdf(html)
    except ObjectDoesNotExist:
        _render_fail(job_id, _("Het document bestaat niet meer."))
        return "failed"
    except rendering.RenderError as exc:
        # Remember what failed, so that asking again for the same content does not loop.
        _render_fail(job_id, str(exc), rendering.hash_html(html))
        return "failed"
    except SoftTimeLimitExceeded:
        _render_fail(
            job_id,
            _("Het maken van de PDF duurde langer dan %(n)s seconden en is gestopt.")
            % {"n": settings.RENDER_SOFT_TIME_LIMIT},
        )
        return "failed"
    except (TemplateSyntaxError, TemplateDoesNotExist, LookupError) as exc:
        _render_fail(
            job_id,
            _("Het sjabloon van het document werkt niet: %(error)s")
            % {"error": f"{type(exc).__name__}: {exc}"},
        )
        return "failed"
    content_hash = rendering.hash_html(html)
    name = f"pdf/{kind}/{object_id}/{content_hash[:20]}.pdf"
    storage = storages["private"]
    try:
        # The name is fixed by the content, so a render that died half-way left at most this
        # very file behind: replace it rather than add a second one.
        if storage.exists(name):
            storage.delete(name)
        name = storage.save(name, ContentFile(pdf))
    except OSError as exc:
        raise RenderRetryLater(str(exc)) from exc

    with transaction.atomic():
        job = RenderJob.objects.select_for_update().get(pk=job_id)
        old_name = job.file.name
        job.file.name = name
        job.rendered_hash = content_hash
        job.pages = pages
        job.size = len(pdf)
        job.finished_at = timezone.now()
        job.duration_ms = int((time.monotonic() - started) * 1000)
        job.last_error = ""
        if job.content_hash in (asked_hash, content_hash):
            # Nobody asked for newer content meanwhile; otherwise it stays queued and the
            # message sent with that request renders again.
            job.content_hash = content_hash
            job.status = RenderJob.Status.READY
        job.save()
        if old_name and old_name != name:
            transaction.on_commit(lambda: storage.delete(old_name))
    logger.info("render job %s ready: %s pages in %s ms", job_id, pages, job.duration_ms)
    return "ready"


def render_jobs_sweep(*, now=None) -> int:
    """Send again every job that waits too long: queued with no worker taking it (the message
    was lost, or the broker was down), or rendering far past the hard time limit (its worker
    died). Returns how many were sent."""
    with transaction.atomic():
        ids = jobs_requeue_stuck(
            model=RenderJob,
            running=RenderJob.Status.RENDERING,
            time_limit=settings.RENDER_TIME_LIMIT,
            now=now or timezone.now(),
        )
        for job_id in ids:
            _render_enqueue(job_id)
    if ids:
        logger.info("sweeper re-sent %d render job(s)", len(ids))
    return len(ids)


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


@transaction.atomic
def render_all(*, kinds: list[str] | None = None) -> int:
    """Queue every job again, also unchanged ones (after a change to the PDF layout)."""
    jobs = RenderJob.objects.select_for_update()
    if kinds:
        jobs = jobs.filter(kind__in=kinds)
    ids = list(jobs.values_list("pk", flat=True))
    RenderJob.objects.filter(pk__in=ids).update(
        status=RenderJob.Status.QUEUED,
        attempts=0,
        last_error="",
        rendered_hash="",
        queued_at=timezone.now(),
    )
    for job_id in ids:
        _render_enqueue(job_id)
    return len(ids)


# --- The e-mail outbox ------------------------------------------------------------------------


def email_send(*, email_id: int) -> bool:
    """Send one queued e-mail and delete it. The row stays locked while it is sent, so a
    duplicate message (the sweeper, a redelivery) finds nothing to do. Returns whether this
    call sent it."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutgoingEmail.Status.QUEUED)
            .first()
        )
        if email is None:
            return False
        message = EmailMultiAlternatives(
            email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.to
        )
        if email.html:
            message.attach_alternative(email.html, "text/html")
        for filename, content, mimetype in email.attachments:
            message.attach(filename, content, mimetype)
        try:
            message.send()
        except Exception as exc:
            OutgoingEmail.objects.filter(pk=email.pk).update(
                attempts=models.F("attempts") + 1, last_error=str(exc)[:2000]
            )
            raise
        email.delete()
    logger.info("e-mail %r sent to %d recipient(s)", email.subject, len(email.to))
    return True


def email_failed(*, email_id: int, error: str) -> None:
    OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.QUEUED).update(
        status=OutgoingEmail.Status.FAILED, last_error=error[:2000]
    )
    logger.error("e-mail %s failed for good: %s", email_id, error)


def emails_sweep(*, now=None) -> int:
    """Send the e-mails that have waited longer than SWEEP_STUCK_AFTER (their message was
    lost, or the broker was down when they were written)."""
    from .tasks import email_send as email_send_task

    now = now or timezone.now()
    ids = list(
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.QUEUED,
            created_at__lt=now - datetime.timedelta(seconds=settings.SWEEP_STUCK_AFTER),
        ).values_list("pk", flat=True)[:500]
    )
    for email_id in ids:
        task_send(email_send_task, email_id)
    return len(ids)


def personal_data_erase(*, user) -> None:
    """E-mails still waiting for this person are not sent any more."""
    waiting = OutgoingEmail.objects.all()
    if connection.features.supports_json_field_contains:
        waiting = waiting.filter(to__contains=[user.email])
    # SQLite (the embedded default) cannot look inside a JSON list: the outbox only holds what
    # has not been sent yet, so reading its recipients is cheap.
    ids = [pk for pk, to in waiting.values_list("pk", "to").iterator() if user.email in to]
    OutgoingEmail.objects.filter(pk__in=ids).delete()
