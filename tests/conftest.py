import datetime
import importlib
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from hypothesis import settings as hypothesis_settings
from hypothesis.database import DirectoryBasedExampleDatabase

from leerkring.celery import app as celery_app
from tests.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.objectstore import make_bucket, s3_environment

# Playwright's sync API runs an event loop in the test thread; Django must not mistake the
# test for async code when it touches the database.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent

# Hypothesis keeps the examples it found (failing ones first) in .hypothesis/ at the root
# (git-ignored), also in CI, so that a failure found once is tried again on the next run.
# `make test` draws a few dozen examples per form; HYPOTHESIS_PROFILE=deep draws more.
hypothesis_settings.register_profile(
    "leerkring",
    max_examples=20,
    database=DirectoryBasedExampleDatabase(ROOT / ".hypothesis" / "examples"),
    print_blob=True,
)
hypothesis_settings.register_profile(
    "deep", parent=hypothesis_settings.get_profile("leerkring"), max_examples=500
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "leerkring"))


@pytest.fixture(autouse=True)
def _vocabulary(request):
    """Roles and values come from a data migration, and a transactional test (browser, live
    server, worker) empties every table when it ends, also for the tests that run after it.
    Every test that uses the database starts with the real vocabulary."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    transactional = bool(
        (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & names
    )
    if not (marker or transactional or "db" in names):
        return
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.apps import apps
    from django.utils import translation

    # With their English names (django-modeltranslation, issue 18), in Dutch: a request of an
    # earlier test may have left English active, and `name` means the active language's.
    with translation.override("nl"):
        importlib.import_module("dilemmas.migrations.0003_rollen_waarden").forwards(apps, None)
        importlib.import_module("dilemmas.migrations.0004_translations").copy_dutch(apps, None)


@pytest.fixture(scope="session", autouse=True)
def _empty_private_storage():
    """Rendered files of an earlier run would share names with this run's (ids restart)."""
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)


# --- Files ------------------------------------------------------------------------------------
# Where files live is configuration (DJANGO_FILE_STORAGE): the tests that save, open, list or
# delete files run twice, on the disk and on the S3-compatible server (tests/objectstore.py),
# by asking for `file_storage`. The fields look their storage up on every use
# (leerkring.core.storage.StorageAlias), so overriding STORAGES reaches them.
@pytest.fixture(scope="session")
def s3_bucket() -> str:
    """This process's own bucket, emptied: one per xdist worker and per test database, so that
    runs side by side (other checkouts, `make test` next to a single test) never meet."""
    database = re.sub(r"[^a-z0-9]+", "-", settings.DATABASES["default"]["NAME"].lower())
    bucket = f"leerkring-{database}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
    bucket = bucket[:63].strip("-")
    make_bucket(bucket)
    return bucket


@pytest.fixture(scope="session")
def s3_storages(s3_bucket) -> dict:
    """settings.STORAGES as production builds it for DJANGO_FILE_STORAGE=s3 on `s3_bucket`."""
    from leerkring.settings.base import s3_storage

    with pytest.MonkeyPatch.context() as patch:
        for name, value in s3_environment(s3_bucket).items():
            patch.setenv(name, value)
        return {
            **settings.STORAGES,
            "default": s3_storage("media"),
            "private": s3_storage("private"),
        }


@pytest.fixture(params=["disk", "s3"])
def file_storage(request):
    """Run the test on each place files can live; the value names the backend."""
    if request.param == "disk":
        yield "disk"
        return
    with override_settings(STORAGES=request.getfixturevalue("s3_storages")):
        yield "s3"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the (Redis) cache; every test starts with none."""
    cache.clear()
    yield


# --- Browser ----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


# --- Celery -----------------------------------------------------------------------------------
def _wait_for_worker(name: str, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Celery worker exited early:\n{log.read_text()}")
        replies = celery_app.control.ping(destination=[name], timeout=1.0)
        if replies:
            return
    raise RuntimeError(f"Celery worker did not answer within {timeout}s:\n{log.read_text()}")


def celery_env(broker: str, **extra) -> dict:
    """The environment of a worker or beat process: the test database, the given broker.
    It gets this xdist worker's derived values as they are, so it must not derive them again
    from PYTEST_XDIST_WORKER (leerkring/settings/test.py)."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST_")}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "leerkring.settings.test",
        "TEST_REDIS_URL": settings.REDIS_URL,
        "TEST_DATABASE_URL": f"postgres://{connection.settings_dict['USER']}@"
        f"{connection.settings_dict['HOST']}:{connection.settings_dict['PORT']}/"
        f"{connection.settings_dict['NAME']}",
        "TEST_CELERY_BROKER_URL": broker,
        "TEST_CELERY_EAGER": "false",
        "TEST_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        **extra,
    }


def start_celery(args: list[str], *, broker: str, log: Path, **extra_env) -> subprocess.Popen:
    """`celery -A leerkring <args>` as a child process, its output in `log`."""
    with log.open("a") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "leerkring", *args, "--loglevel=INFO"],
            cwd=ROOT,
            env=celery_env(broker, **extra_env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def worker_children(proc: subprocess.Popen) -> list[int]:
    """The pool processes of a prefork worker (they do the work; the parent only listens)."""
    path = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    return [int(pid) for pid in path.read_text().split()] if path.exists() else []


# The queue of the worker whose files are on S3; the default queue is the other worker's.
S3_QUEUE = "leerkring-s3"


def _celery_worker_process(tmp_path_factory, queue: str = "", **extra_env):
    broker = settings.CELERY_BROKER_URL
    if not queue:  # the first worker; the S3 one starts after it (see there)
        redis.Redis.from_url(broker).flushdb()
    name = f"test-{uuid.uuid4().hex[:8]}@localhost"
    log = tmp_path_factory.mktemp("celery") / "worker.log"
    proc = start_celery(
        [
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "-n",
            name,
            *(["-Q", queue] if queue else []),
        ],
        broker=broker,
        log=log,
        **extra_env,
    )
    proc.log = log
    try:
        _wait_for_worker(name, proc, log)
        yield proc
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real `celery worker` process consuming from Redis and writing to the test database.
    Prefork with one pool process, as in production: killing that process mid-task is how
    the tests show that acks_late + reject_on_worker_lost hand the task to the next one."""
    yield from _celery_worker_process(tmp_path_factory)


@pytest.fixture(scope="session")
def celery_worker_process_s3(celery_worker_process, tmp_path_factory, s3_bucket):
    """The same, with its files in this process's bucket (DJANGO_FILE_STORAGE=s3 and the
    variables production uses), for the tests that run on S3; started only when one does.
    It shares the broker but consumes its own queue, which `celery_worker` sends to while a
    test runs on S3, and sends its own follow-up tasks there too (TEST_CELERY_QUEUE). It
    starts after the other worker, whose start empties the broker."""
    yield from _celery_worker_process(
        tmp_path_factory, queue=S3_QUEUE, TEST_CELERY_QUEUE=S3_QUEUE, **s3_environment(s3_bucket)
    )


@pytest.fixture
def celery_worker(request, transactional_db):
    """Send tasks through Redis to the real worker for the duration of one test: the one
    that keeps its files where this test does (`file_storage`)."""
    on_s3 = "file_storage" in request.fixturenames and (
        request.getfixturevalue("file_storage") == "s3"
    )
    process = request.getfixturevalue(
        "celery_worker_process_s3" if on_s3 else "celery_worker_process"
    )
    default_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    if on_s3:
        celery_app.conf.task_default_queue = S3_QUEUE
    try:
        yield process
    finally:
        celery_app.conf.task_always_eager = True
        celery_app.conf.task_default_queue = default_queue


def wait_for(predicate, timeout: float = 20, interval: float = 0.1):
    """Poll until predicate() is truthy; return its value or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"condition not met within {timeout}s")


# --- Data -------------------------------------------------------------------------------------
@pytest.fixture
def circle(db):
    from tests.factories import (
        DeelnameFactory,
        EmaildomeinFactory,
        GemeenteFactory,
        LeerkringFactory,
        LidmaatschapFactory,
        UserFactory,
    )

    """A running circle with Breda and Tilburg admitted, one coordinator for Breda, members
    in both, a pending request for Breda, a researcher and someone without a municipality."""
    leerkring = LeerkringFactory(ends_on=datetime.date(2030, 12, 31), max_gemeenten=6)
    breda = GemeenteFactory(name="Breda", slug="breda", cbs_code="GM0758")
    tilburg = GemeenteFactory(name="Tilburg", slug="tilburg", cbs_code="GM0855")
    EmaildomeinFactory(gemeente=breda, domain="breda.nl")
    EmaildomeinFactory(gemeente=tilburg, domain="tilburg.nl")
    deelname_breda = DeelnameFactory(leerkring=leerkring, gemeente=breda)
    DeelnameFactory(leerkring=leerkring, gemeente=tilburg)

    researcher = UserFactory(email="onderzoeker@uni.example", name="Onderzoeker")
    leerkring.researchers.add(researcher)
    coordinator = LidmaatschapFactory(
        gemeente=breda, user=UserFactory(email="coord@breda.nl", name="Coördinator Breda")
    ).user
    deelname_breda.coordinators.add(coordinator)
    member = LidmaatschapFactory(
        gemeente=breda, user=UserFactory(email="lid@breda.nl", name="Lid Breda")
    ).user
    hidden = LidmaatschapFactory(
        gemeente=breda,
        visible_to_colleagues=False,
        user=UserFactory(email="verborgen@breda.nl", name="Verborgen Breda"),
    ).user
    other_member = LidmaatschapFactory(
        gemeente=tilburg, user=UserFactory(email="lid@tilburg.nl", name="Lid Tilburg")
    ).user
    pending = LidmaatschapFactory(
        gemeente=breda,
        status="aangevraagd",
        user=UserFactory(email="wacht@mail.example", name="Wacht Breda"),
    )
    outsider = UserFactory(email="extern@bureau.example", name="Extern")
    return SimpleNamespace(
        leerkring=leerkring,
        breda=breda,
        tilburg=tilburg,
        deelname_breda=deelname_breda,
        researcher=researcher,
        coordinator=coordinator,
        member=member,
        hidden=hidden,
        other_member=other_member,
        pending=pending,
        pending_user=pending.user,
        outsider=outsider,
    )
