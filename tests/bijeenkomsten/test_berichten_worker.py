"""A message to 36 people through the outbox and a real Celery worker (prefork, as in
production) that is killed with SIGKILL half-way. The worker runs with
tests/bijeenkomsten/mailworker_settings.py, which writes every e-mail it sends to a file, so
this process counts what went out.

What the outbox guarantees (leerkring/core/mail/outbox.py): each e-mail row is sent inside a
transaction that holds its row lock and deletes it; the delete commits after the SMTP server
accepted the message. Killed before the server accepted it, the transaction rolls back and the
row is sent once, later. Killed in the short moment after the server accepted it and before
the commit, the row is still there and is sent a second time: at least once, never lost, and
at most one double (the message in flight) per kill. The third test shows that moment."""

import collections
import os
import signal
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings

from bijeenkomsten.models import Bericht
from bijeenkomsten.services import berichten
from leerkring.celery import app as celery_app
from leerkring.core.mail import emails_sweep
from leerkring.core.models import OutgoingEmail
from tests.conftest import _wait_for_worker, start_celery, stop, wait_for, worker_children
from tests.factories import AanmeldingFactory, BijeenkomstFactory, UserFactory

pytestmark = pytest.mark.worker

PEOPLE = 36
PAUSE_AT = 18  # the 18th address in the order they are sent


@pytest.fixture
def meeting(circle):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off", capacity=PEOPLE)
    for i in range(PEOPLE):
        user = UserFactory(email=f"deelnemer{i:02d}@breda.nl")
        AanmeldingFactory(bijeenkomst=meeting, deelnemer=user, status="aanwezig")
    return meeting


def addresses() -> list[str]:
    # mail_send_many writes the rows in address order; the batch is sent in that order.
    return sorted(f"deelnemer{i:02d}@breda.nl" for i in range(PEOPLE))


class MailWorker:
    """A prefork worker with one pool process and the recording e-mail backend."""

    def __init__(self, folder: Path, when: str, queue: str):
        self.queue = queue
        self.record = folder / "sent.txt"
        self.record.touch()
        self.log = folder / "worker.log"
        self.env = {
            "DJANGO_SETTINGS_MODULE": "tests.bijeenkomsten.mailworker_settings",
            "MAIL_RECORD_FILE": str(self.record),
            "MAIL_PAUSE_AT": addresses()[PAUSE_AT - 1],
            "MAIL_PAUSE_WHEN": when,
        }
        self.proc = None

    def start(self):
        name = f"mail-{uuid.uuid4().hex[:6]}@localhost"
        self.proc = start_celery(
            ["worker", "--pool=prefork", "--concurrency=1", "--without-gossip",
             "--without-mingle", "-n", name, "-Q", self.queue],
            broker=settings.CELERY_BROKER_URL,
            log=self.log,
            **self.env,
        )  # fmt: skip
        _wait_for_worker(name, self.proc, self.log)
        return self

    def stop(self):
        if self.proc is not None:
            for child in worker_children(self.proc):
                os.kill(child, signal.SIGKILL)
            stop(self.proc)

    def paused(self) -> bool:
        return Path(f"{self.record}.paused").exists()

    def sent(self) -> collections.Counter:
        return collections.Counter(
            line.split("\t")[0] for line in self.record.read_text().splitlines() if line
        )


@pytest.fixture
def mail_worker(transactional_db, tmp_path):
    """Start with `mail_worker(when)`; every worker started is stopped at the end (its log is
    printed, which pytest shows when the test failed). This process sends its tasks to a queue
    of the test's own, which only these workers read: the session's test worker
    (tests/conftest.py), which may be running on the same broker, must not send them."""
    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    default_queue = celery_app.conf.task_default_queue
    queue = f"mail-test-{uuid.uuid4().hex[:8]}"
    celery_app.conf.task_default_queue = queue
    celery_app.conf.task_always_eager = False
    workers = []

    def make(when: str) -> MailWorker:
        worker = MailWorker(tmp_path, when, queue)
        workers.append(worker)
        return worker.start()

    try:
        yield make
    finally:
        celery_app.conf.task_always_eager = True
        celery_app.conf.task_default_queue = default_queue
        for worker in workers:
            worker.stop()
            print(worker.log.read_text())  # shown when the test failed


def send(circle, meeting) -> Bericht:
    """The researcher sends; the e-mails go to the broker when the transaction commits."""
    return berichten.bericht_send(
        sender=circle.researcher,
        doelgroep=berichten.Doelgroep(
            audience="deelnemers", leerkring=circle.leerkring, bijeenkomst=meeting
        ),
        subject="Bedankt voor de kick-off",
        body="De dia's staan op de site.",
    )


def test_a_pool_process_killed_half_way_loses_and_doubles_nothing(mail_worker, circle, meeting):
    worker = mail_worker("before")
    bericht = send(circle, meeting)
    assert bericht.recipient_count == PEOPLE == OutgoingEmail.objects.count()
    wait_for(worker.paused, 30)
    assert sum(worker.sent().values()) == PAUSE_AT - 1  # half-way: 17 sent, the 18th in flight
    [child] = worker_children(worker.proc)
    os.kill(child, signal.SIGKILL)

    # acks_late + reject_on_worker_lost: the batch goes back to Redis; the next pool process
    # sends what is still in the outbox.
    wait_for(lambda: not OutgoingEmail.objects.exists(), 60)
    sent = worker.sent()
    assert sorted(sent) == addresses()
    assert set(sent.values()) == {1}


def test_a_whole_worker_killed_half_way_the_next_worker_sends_the_rest_once(
    mail_worker, circle, meeting
):
    worker = mail_worker("before")
    send(circle, meeting)
    wait_for(worker.paused, 30)
    children = worker_children(worker.proc)
    os.kill(worker.proc.pid, signal.SIGKILL)  # the parent first: nobody gives the batch back
    for child in children:
        os.kill(child, signal.SIGKILL)
    worker.proc.wait()
    assert OutgoingEmail.objects.count() == PEOPLE - (PAUSE_AT - 1)

    # A new worker. The dead one's message stays unacknowledged in Redis (until the broker's
    # visibility timeout); the sweeper (beat, every minute in production) sends what waits.
    worker.start()
    wait_for(lambda: emails_sweep() >= 0 and not OutgoingEmail.objects.exists(), 60, interval=4)
    sent = worker.sent()
    assert sorted(sent) == addresses()
    assert set(sent.values()) == {1}


def test_killed_after_the_server_accepted_a_mail_that_one_goes_twice(mail_worker, circle, meeting):
    """The outbox is at-least-once: this is the one double a kill can cause."""
    worker = mail_worker("after")
    send(circle, meeting)
    wait_for(worker.paused, 30)
    assert sum(worker.sent().values()) == PAUSE_AT  # the 18th was accepted, not yet committed
    [child] = worker_children(worker.proc)
    os.kill(child, signal.SIGKILL)

    wait_for(lambda: not OutgoingEmail.objects.exists(), 60)
    sent = worker.sent()
    assert sorted(sent) == addresses()
    doubled = addresses()[PAUSE_AT - 1]
    assert {a: n for a, n in sent.items() if n != 1} == {doubled: 2}
