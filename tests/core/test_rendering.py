"""The rendering building block in-process: when it renders, what it may fetch, how it fails
and recovers, the sweeper and the re-render command. (tests/core/test_render_worker.py does
the same through Redis and a real worker.)"""

import datetime

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.template import engines
from django.test import override_settings
from django.utils import timezone

from leerkring.core import mail as core_mail
from leerkring.core import rendering
from leerkring.core.mail import outbox
from leerkring.core.models import OutgoingEmail, RenderJob
from leerkring.core.rendering import Document, PdfKind, services, worker
from tests.factories import RenderJobFactory
from tests.support import files_in

pytestmark = pytest.mark.django_db

TEMPLATE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{ title }}</title>
{% for url in links %}<link rel="stylesheet" href="{{ url }}">{% endfor %}</head>
<body><h1>{{ title }}</h1>{% for url in images %}<img src="{{ url }}" alt="">{% endfor %}
</body></html>"""


@pytest.fixture
def documents(tmp_path):
    """A document kind of this test's own, with a template in a folder the test controls."""
    (tmp_path / "testdoc.html").write_text(TEMPLATE)
    state = {"title": "Proefdocument", "links": [], "images": []}

    def get_object(object_id):
        if object_id == 404:
            raise RenderJob.DoesNotExist
        return object_id

    def build(object_id):
        return Document(
            template="testdoc.html",
            context=dict(state),
            title=state["title"],
            filename="proef.pdf",
        )

    rendering.register(
        PdfKind(
            kind="test",
            get_object=get_object,
            build=build,
            version=lambda object_id: repr(sorted(state.items())),
            permission="",
            retry_permission="",
            filename=lambda object_id: "proef.pdf",
            page_url=lambda object_id: "/",
            failed_links=lambda ids, circles: {},
        )
    )
    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    with override_settings(TEMPLATES=templates):
        yield state


def run(job):
    """What the worker does for one message."""
    result = worker.render_job_run(job_id=job.pk, task_id="t1")
    job.refresh_from_db()
    return result


def files(job) -> list[str]:
    return files_in(f"pdf/{job.kind}/{job.object_id}")


@pytest.mark.usefixtures("file_storage")
def test_the_same_content_is_rendered_once(documents, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as sent:
        job = services.render_request(kind="test", object_id=1)
        services.render_request(kind="test", object_id=1)
    assert len(sent) == 1  # the second request found the same hash and queued nothing
    job.refresh_from_db()
    assert job.status == "ready" and job.attempts == 1
    assert run(job) == "unchanged"

    first_hash = job.rendered_hash
    documents["title"] = "Een andere titel"
    with django_capture_on_commit_callbacks(execute=True):
        services.render_request(kind="test", object_id=1)
    job.refresh_from_db()
    assert job.status == "ready" and job.rendered_hash != first_hash
    # The old file was replaced, not kept beside the new one.
    assert len(files(job)) == 1


@pytest.mark.parametrize(
    "field,url",
    [
        ("links", "https://fonts.example.com/font.css"),
        ("images", "http://169.254.169.254/latest/meta-data/"),
        ("images", "file:///etc/passwd"),
        ("links", "https://leerkring.document/static/../../leerkring/settings/base.py"),
        ("links", "https://leerkring.document/media/../../../etc/hostname"),
        ("links", "https://leerkring.document/elders/pdf.css"),
    ],
)
def test_a_document_may_only_use_the_projects_own_files(documents, field, url):
    documents[field] = [url]
    job = services.render_request(kind="test", object_id=2)
    assert run(job) == "failed"
    assert job.status == "failed"
    assert "verwijst naar een bestand dat niet gebruikt mag worden" in job.last_error
    assert url.split("/")[-1] in job.last_error
    assert files(job) == [] and not job.file


def test_a_stored_file_is_never_fetched(documents, file_storage):
    """Stored files may live on another machine (S3): a document that shows one inlines it
    as a data: URL (as a publication's cover does), the renderer never reads one."""
    storage = storages["default"]
    name = storage.save("logo.gif", ContentFile(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"))
    try:
        documents["images"] = [f"https://leerkring.document/media/{name}"]
        job = services.render_request(kind="test", object_id=15)
        assert run(job) == "failed"
        assert name in job.last_error
    finally:
        storage.delete(name)


def test_static_files_and_data_urls_may_be_used(documents):
    documents["links"] = ["https://leerkring.document/static/css/pdf.css"]
    documents["images"] = ["data:image/gif;base64,R0lGODlhAQABAAAAACw="]
    job = services.render_request(kind="test", object_id=3)
    assert run(job) == "ready"


@pytest.mark.usefixtures("file_storage")
def test_a_failing_template_shows_its_error_and_retry_works_after_the_fix(
    documents, tmp_path, django_capture_on_commit_callbacks
):
    (tmp_path / "testdoc.html").write_text(
        TEMPLATE.replace(
            "</head>", '<link rel="stylesheet" href="https://cdn.example/x.css"></head>'
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = services.render_request(kind="test", object_id=4)
    job.refresh_from_db()
    assert job.status == "failed"
    assert "https://cdn.example/x.css" in job.last_error
    assert files(job) == []  # no half-written file
    # Asking again for the same content does not loop on the failure.
    with django_capture_on_commit_callbacks(execute=True) as sent:
        services.render_request(kind="test", object_id=4)
    assert sent == []

    (tmp_path / "testdoc.html").write_text(TEMPLATE)  # the fix
    for engine in engines.all():
        engine.engine.template_loaders[0].reset()
    with django_capture_on_commit_callbacks(execute=True):
        services.render_retry(job=job)
    job.refresh_from_db()
    assert job.status == "ready" and job.last_error == "" and len(files(job)) == 1


def test_a_broken_template_and_a_vanished_document_fail_readably(documents, tmp_path):
    (tmp_path / "testdoc.html").write_text("{% if %}")
    job = RenderJobFactory(kind="test", object_id=5)
    assert run(job) == "failed"
    assert job.last_error.startswith("Het sjabloon van het document werkt niet")

    gone = RenderJobFactory(kind="test", object_id=404)
    assert run(gone) == "failed"
    assert gone.last_error == "Het document bestaat niet meer."


def test_a_job_rendering_elsewhere_is_left_alone_unless_its_message_comes_back(documents):
    job = RenderJobFactory(
        kind="test", object_id=6, status="rendering", started_at=timezone.now(), task_id="t0"
    )
    assert worker.render_job_run(job_id=job.pk, task_id="other") == "busy"
    # The same message delivered again means the worker that had it died.
    assert worker.render_job_run(job_id=job.pk, task_id="t0") == "ready"


def test_the_sweeper_resends_what_waits_too_long(documents, django_capture_on_commit_callbacks):
    now = timezone.now()
    long_ago = now - datetime.timedelta(seconds=settings.SWEEP_STUCK_AFTER + 1)
    dead = now - datetime.timedelta(
        seconds=settings.RENDER_TIME_LIMIT + settings.SWEEP_STUCK_AFTER + 1
    )
    lost = RenderJobFactory(kind="test", object_id=7, queued_at=long_ago)
    waiting = RenderJobFactory(kind="test", object_id=8, queued_at=now)
    orphan = RenderJobFactory(
        kind="test", object_id=9, status="rendering", started_at=dead, attempts=1
    )
    busy = RenderJobFactory(kind="test", object_id=10, status="rendering", started_at=now)
    failed = RenderJobFactory(kind="test", object_id=11, status="failed", queued_at=dead)

    with django_capture_on_commit_callbacks(execute=True) as sent:
        assert services.render_jobs_sweep() == 2
    assert len(sent) == 2
    for job in (lost, waiting, orphan, busy, failed):
        job.refresh_from_db()
    assert (lost.status, orphan.status) == ("ready", "ready")
    assert (waiting.status, busy.status, failed.status) == ("queued", "rendering", "failed")


def test_a_job_that_keeps_dying_is_failed_not_retried_forever(documents):
    job = RenderJobFactory(
        kind="test", object_id=12, status="queued", attempts=settings.RENDER_MAX_ATTEMPTS
    )
    assert run(job) == "failed"
    assert f"{settings.RENDER_MAX_ATTEMPTS} keer begonnen" in job.last_error


def test_the_command_renders_everything_again(documents, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.render_request(kind="test", object_id=13)
        second = services.render_request(kind="test", object_id=14)
    with django_capture_on_commit_callbacks(execute=True) as sent:
        call_command("rerender_pdfs", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(sent) == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.attempts, second.status) == ("ready", 1, "ready")
    assert first.finished_at > first.queued_at


def test_the_outbox_keeps_an_email_until_it_is_sent(django_capture_on_commit_callbacks):
    from leerkring.core.mail import mail_send

    email = mail_send(
        template="bijeenkomsten/email/verslag_published",
        to=["a@breda.nl"],
        context={"bijeenkomst": {"title": "X"}, "url": "https://x"},
    )
    assert OutgoingEmail.objects.filter(pk=email.pk).exists()
    # Its message was lost: the sweeper sends it once it waited long enough.
    assert core_mail.emails_sweep() == 0
    later = timezone.now() + datetime.timedelta(seconds=settings.SWEEP_STUCK_AFTER + 1)
    from django.core import mail

    assert core_mail.emails_sweep(now=later) == 1
    assert [m.to for m in mail.outbox] == [["a@breda.nl"]]
    assert not OutgoingEmail.objects.exists()
    assert outbox.email_send(email_id=email.pk) is False  # a duplicate message: no resend
