"""The database drops every connection in the middle of traffic (a restart, a failover): the
next request still works, because the pool checks a connection before handing it out."""

import os
import subprocess
import sys
import time
import urllib.request

import pytest
from django.db import connection

from tests.conftest import ROOT, stop, wait_for
from tests.support import free_port

pytestmark = pytest.mark.worker  # a process of its own, like the worker tests


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except urllib.error.URLError:
        return 0  # not listening (yet)


@pytest.fixture
def web(transactional_db, tmp_path):
    """gunicorn serving the test database through Django's psycopg pool, as in production."""
    port = free_port()
    settings = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkring.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/"
        f"{settings['NAME']}",
        "DATABASE_POOL": "true",
        "DATABASE_POOL_MIN": "2",
        "CELERY_BROKER_URL": "",
    }
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "leerkring.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "1", "--threads", "4", "--env",
             "DJANGO_SETTINGS_MODULE=leerkring.settings.local"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _get(url + "/privacy/") == 200, 60)
        yield url
    except BaseException:
        print(log.read_text())
        raise
    finally:
        stop(proc)


def _terminate_other_connections():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_the_next_request_works_after_the_database_dropped_every_connection(web):
    for _ in range(5):  # fill the pool
        assert _get(web + "/bijeenkomsten/") == 200
    assert _terminate_other_connections() >= 1
    time.sleep(0.2)
    answers = [_get(web + "/bijeenkomsten/") for _ in range(6)]
    assert answers == [200] * 6
