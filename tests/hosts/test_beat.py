"""Beat runs once however many hosts run: the rule is one `celery beat` per installation
(docs/deploy.md), and every periodic task is safe to run twice or at the same moment, so that a
second beat started by mistake, or a message delivered twice, does no harm. No lock: a lock
cannot stop a second beat's run that comes after the first one finished, so the tasks have to
be safe to repeat anyway (docs/decisions.md).

Here two beat processes run on one broker, with every periodic task of the real schedule due
every second (tests/hosts/beat_settings.py), and a worker with two pool processes runs what
they send. Each e-mail still goes out once, the day's retention is applied once, a lost
export is made once. The single runs at the same moment are shown per task too: reminders
(tests/bijeenkomsten/test_races.py), the digest (tests/leerkring/test_digest.py), retention
(tests/leerkring/test_retention.py)."""

import collections
import datetime
import re
import uuid

import pytest
import redis
from django.conf import settings
from django.utils import timezone

from bijeenkomsten.exports import AANMELDINGEN
from bijeenkomsten.models import Aanmelding
from leerkring.core.models import (
    AuditEntry,
    ExportJob,
    OutgoingEmail,
    RetentionRun,
    WorkerHeartbeat,
)
from tests.conftest import start_celery, stop, wait_for
from tests.core.test_render_worker import Broker
from tests.factories import AanmeldingFactory, BijeenkomstFactory, ExportJobFactory, UserFactory
from tests.support import free_port

pytestmark = [pytest.mark.worker, pytest.mark.xdist_group("multihost")]

# What this test shows for each periodic task. A new one fails the first assertion until it
# is added here with what shows that it is safe to run twice.
PROVEN = {
    "core.heartbeat_record": "one row per worker, however often it beats",
    "bijeenkomsten.reminders_send": "each reminder e-mail once",
    "core.sweep": "a lost export sent again and made once",
    "leerkring.digest_send": "each digest e-mail once",
    "leerkring.retention_apply": "the day's rules applied once",
}
RUNS = 3  # each task at least this many times, from both beats


def test_every_periodic_task_is_shown_safe_to_run_twice():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled == set(PROVEN)


@pytest.fixture
def world(circle):
    """Something due for every periodic task."""
    now = timezone.now()
    soon = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Bijeenkomst morgen",
        starts_at=now + datetime.timedelta(hours=20),
        registration_closes_at=now + datetime.timedelta(hours=1),
        capacity=10,
    )
    reminded = [UserFactory(email=f"herinnering{i}@breda.nl") for i in range(4)]
    for person in reminded:
        AanmeldingFactory(bijeenkomst=soon, deelnemer=person, status="aangemeld")
    digested = [circle.member, circle.researcher]
    for person in digested:
        person.weekly_digest = True
        person.save(update_fields=["weekly_digest"])
    held = BijeenkomstFactory(leerkring=circle.leerkring, starts_at=now - datetime.timedelta(60))
    AanmeldingFactory(bijeenkomst=held, deelnemer=circle.other_member, diet="glutenvrij")
    lost = ExportJobFactory(user=circle.researcher, kind=AANMELDINGEN, params={})
    ExportJob.objects.filter(pk=lost.pk).update(queued_at=now - datetime.timedelta(hours=1))
    return {"reminded": reminded, "digested": digested, "lost": lost}


def succeeded(log, task: str) -> int:
    return len(re.findall(rf"Task {re.escape(task)}\[[^\]]+\] succeeded", log.read_text()))


def test_two_beats_by_mistake_do_each_thing_once(transactional_db, world, tmp_path):
    broker = Broker(free_port(), tmp_path)
    broker.start()
    record = tmp_path / "sent.txt"
    record.touch()
    log = tmp_path / "celery.log"
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.hosts.beat_settings",
        "MAIL_RECORD_FILE": str(record),
        "TEST_REDIS_URL": broker.url.replace("/0", "/1"),
    }
    name = f"beat-{uuid.uuid4().hex[:6]}@localhost"
    worker = start_celery(
        ["worker", "--pool=prefork", "--concurrency=2", "--without-gossip", "--without-mingle",
         "-n", name],
        broker=broker.url, log=log, **env,
    )  # fmt: skip
    beat_logs = [tmp_path / f"beat-{i}.log" for i in (1, 2)]
    beats = [
        start_celery(
            ["beat", "--schedule", str(beat_log.with_suffix(".db"))],
            broker=broker.url,
            log=beat_log,
            **env,
        )
        for beat_log in beat_logs
    ]
    try:
        wait_for(lambda: all(succeeded(log, task) >= RUNS for task in PROVEN), 90, interval=0.5)
        for beat in beats:
            stop(beat)
        # What the beats sent is done: the queue is empty and the outbox too.
        queue = redis.Redis.from_url(broker.url)
        wait_for(lambda: queue.llen("celery") == 0 and not OutgoingEmail.objects.exists(), 60)
        # Both beats sent every task.
        for beat_log in beat_logs:
            sending = re.findall(r"Sending due task \S+ \(([\w.]+)\)", beat_log.read_text())
            assert set(sending) == set(PROVEN), beat_log.name
    except BaseException:
        for path in (log, *beat_logs):
            print(f"--- {path.name}\n{path.read_text()}")
        raise
    finally:
        for beat in beats:
            stop(beat)
        stop(worker)
        broker.stop()

    sent = collections.Counter(
        tuple(line.split("\t")) for line in record.read_text().splitlines() if line
    )
    assert set(sent.values()) == {1}, sent  # nothing twice
    reminders = sorted(to for to, subject in sent if "Herinnering" in subject)
    assert reminders == sorted(person.email for person in world["reminded"])
    digests = sorted(to for to, subject in sent if "Herinnering" not in subject)
    assert digests == sorted(person.email for person in world["digested"])
    assert RetentionRun.objects.count() == 1
    assert not Aanmelding.objects.exclude(diet="").exists()
    details = list(
        AuditEntry.objects.filter(action=AuditEntry.Action.RETENTION_APPLIED).values_list(
            "detail", flat=True
        )
    )
    assert "aanmelding_behoeften: 1" in details and len(details) == len(set(details))
    lost = ExportJob.objects.get(pk=world["lost"].pk)
    assert (lost.status, lost.attempts) == ("ready", 1)
    assert list(WorkerHeartbeat.objects.values_list("hostname", flat=True)) == [name]
