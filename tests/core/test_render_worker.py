"""The rendering building block with real parts: Redis, a real Celery worker (prefork, as in
production), WeasyPrint, and pdftotext to read the result back. Nothing here runs eagerly."""

import contextlib
import os
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from bijeenkomsten.models import Verslag
from bijeenkomsten.selectors import verslagen as verslagen_selectors
from bijeenkomsten.services import verslagen
from leerkring.celery import app as celery_app
from leerkring.core.models import OutgoingEmail, RenderJob
from tests.conftest import _wait_for_worker, start_celery, stop, wait_for, worker_children
from tests.factories import PASSWORD, AanmeldingFactory, BijeenkomstFactory
from tests.support import delete_tree, files_in, free_port, pdf_text, poppler

pytestmark = pytest.mark.worker

CONCLUSION = "Sturen en loslaten gaan samen wanneer de rollen vooraf helder zijn."


def pdf_pages(pdf) -> int:
    info = poppler("pdfinfo", pdf)
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def files_of(job: RenderJob) -> list[str]:
    return files_in(f"pdf/{job.kind}/{job.object_id}")


def long_body(paragraphs: int) -> str:
    return "\n\n".join(
        f"## Gesprek {i}\n\n"
        + "De deelnemers bespraken hoe je als ambtenaar ruimte geeft aan initiatieven uit de "
        "samenleving en tegelijk verantwoordelijk blijft voor het algemeen belang. " * 6
        for i in range(1, paragraphs + 1)
    )


@pytest.fixture
def meeting(circle):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off", capacity=10)
    for user, gemeente in ((circle.member, circle.breda), (circle.other_member, circle.tilburg)):
        AanmeldingFactory(bijeenkomst=meeting, deelnemer=user, gemeente=gemeente, status="aanwezig")
    return meeting


def publish(client, circle, meeting, body: str):
    verslagen.verslag_save(
        bijeenkomst=meeting,
        user=circle.researcher,
        title="Verslag van de kick-off",
        authors="Onderzoeker",
        body=body,
        conclusions=CONCLUSION,
    )
    client.force_login(circle.researcher)
    started = time.monotonic()
    # The confirmation page's number of recipients (the one list; tests/bijeenkomsten).
    recipients = len(verslagen_selectors.verslag_recipients(bijeenkomst=meeting))
    response = client.post(
        f"/bijeenkomsten/{meeting.pk}/verslag/publiceren/", {"recipients": recipients}
    )
    elapsed = time.monotonic() - started
    assert response.status_code == 302
    return RenderJob.objects.get(kind="verslag"), elapsed


@pytest.mark.usefixtures("file_storage")
def test_a_published_report_is_rendered_by_the_worker(celery_worker, client, circle, meeting):
    job, _elapsed = publish(client, circle, meeting, long_body(30))
    assert job.status == "queued"  # the request only queued it

    job = wait_for(lambda: RenderJob.objects.filter(pk=job.pk, status="ready").first(), 90)
    text = pdf_text(job.file)
    assert "Verslag van de kick-off" in text
    assert CONCLUSION in text
    assert job.pages == pdf_pages(job.file) >= 5
    assert f"pagina {job.pages} van {job.pages}" in text
    assert job.attempts == 1 and job.duration_ms > 0 and job.size > 0
    # Members can now download it; the e-mails went out through the same worker.
    client.force_login(circle.member)
    assert client.get(f"/bijeenkomsten/{meeting.pk}/verslag/pdf/").status_code == 200
    wait_for(lambda: not OutgoingEmail.objects.exists())


@pytest.mark.usefixtures("file_storage")
def test_a_worker_killed_mid_render_still_ends_ready_with_one_file(
    celery_worker, client, circle, meeting
):
    job, _elapsed = publish(client, circle, meeting, long_body(250))
    wait_for(lambda: RenderJob.objects.filter(pk=job.pk, status="rendering").exists(), 60)
    assert files_of(job) == []  # the render is under way: nothing written yet
    [child] = worker_children(celery_worker)
    os.kill(child, signal.SIGKILL)

    # acks_late + reject_on_worker_lost: the message goes back to Redis, the next pool
    # process takes it and sees it is the same delivery, so it takes over the job.
    job = wait_for(lambda: RenderJob.objects.filter(pk=job.pk, status="ready").first(), 180)
    assert job.attempts == 2
    assert len(files_of(job)) == 1
    assert pdf_pages(job.file) == job.pages
    assert CONCLUSION in pdf_text(job.file)
    assert child not in worker_children(celery_worker)


# --- The broker down while publishing ---------------------------------------------------------
class Broker:
    """A Redis server of this test's own, to stop and start without touching the suite's."""

    def __init__(self, port: int, folder: Path):
        self.port, self.folder, self.proc = port, folder, None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: self._answers(), 10)

    def _answers(self) -> bool:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
            return True
        return False

    def stop(self):
        stop(self.proc)


@contextlib.contextmanager
def app_sends_to(url: str):
    """This (web) process sends its tasks to `url` for the duration."""
    old = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app.conf.task_always_eager = False
    try:
        yield
    finally:
        celery_app.conf.broker_url = old
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        celery_app.conf.task_always_eager = True


@contextlib.contextmanager
def worker_and_beat_on_own_broker(tmp_path: Path, prefix: str):
    """A Redis of the test's own with a worker and beat on it, and this process sending its
    tasks there. Yields the broker once the worker answers, to stop and start again; prints
    the worker's log when the test fails, and stops all three at the end."""
    broker = Broker(free_port(), tmp_path)
    broker.start()
    name = f"{prefix}-{uuid.uuid4().hex[:6]}@localhost"
    log = tmp_path / "celery.log"
    worker = start_celery(
        ["worker", "--pool=solo", "--without-gossip", "--without-mingle", "-n", name],
        broker=broker.url,
        log=log,
    )
    beat = start_celery(
        ["beat", "--schedule", str(tmp_path / "beat-schedule")], broker=broker.url, log=log
    )
    try:
        with app_sends_to(broker.url):
            _wait_for_worker(name, worker, log)
            yield broker
    except BaseException:
        print(log.read_text())
        raise
    finally:
        stop(beat)
        stop(worker)
        broker.stop()


def test_redis_down_pages_answer_and_the_sweeper_renders_the_report_later(
    transactional_db, client, circle, meeting, tmp_path, settings
):
    """One Redis is the broker and the cache here, as in a small installation, and it stops."""
    with worker_and_beat_on_own_broker(tmp_path, "broker") as broker:
        settings.CACHES = {
            "default": {
                "BACKEND": "leerkring.core.cache.TolerantRedisCache",
                "LOCATION": broker.url.replace("/0", "/1"),
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
        # What /health/ checks. Set inside: Celery reads Django's settings live, and
        # app_sends_to must remember the suite's broker, not this one.
        settings.CELERY_BROKER_URL = broker.url
        broker.stop()

        # Pages answer, also logging in (its rate limit lives in the cache); /health/
        # says what is wrong.
        for url in ("/", "/bijeenkomsten/", f"/bijeenkomsten/{meeting.pk}/", "/publicaties/"):
            assert client.get(url).status_code == 200, url
        login = client.post("/account/login/", {"login": circle.member.email, "password": PASSWORD})
        assert login.status_code == 302
        health = client.get("/health/")
        assert health.status_code == 503 and health.json()["broker"] != "ok"

        job, elapsed = publish(client, circle, meeting, "Een kort verslag.")
        # The request answered at once, although the broker was down; nothing was lost.
        assert elapsed < 2.0
        assert OutgoingEmail.objects.count() == 2
        time.sleep(2)
        job.refresh_from_db()
        assert job.status == "queued"

        broker.start()  # nobody touches the job: beat's sweeper sends it again
        job = wait_for(lambda: RenderJob.objects.filter(pk=job.pk, status="ready").first(), 90)
        assert "Een kort verslag." in pdf_text(job.file)
        wait_for(lambda: not OutgoingEmail.objects.exists(), 60)


def test_publishing_only_queues_the_render(celery_worker, client, circle, meeting):
    """The web request never renders: with a report that takes seconds to render, the
    request that publishes it still answers in a fraction of a second."""
    job, elapsed = publish(client, circle, meeting, long_body(60))
    assert job.status in ("queued", "rendering")
    assert elapsed < 1.0
    wait_for(lambda: RenderJob.objects.filter(pk=job.pk, status="ready").exists(), 90)
    assert Verslag.objects.get().is_published


@pytest.fixture(autouse=True)
def _no_files_of_earlier_tests(request):
    """Ids start again in a fresh test database; files left by an earlier test must not be
    counted as this test's (on the test's own storage: after `file_storage` set it)."""
    if "file_storage" in request.fixturenames:
        request.getfixturevalue("file_storage")
    delete_tree("pdf")
