import json
import os
import subprocess
import sys

import pytest
from django.test import override_settings

from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_database_and_redis_answer(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "ok",
        "worker": None,
    }
    assert response["Cache-Control"].startswith("max-age=0")


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_health_is_503_when_the_broker_is_unreachable(client):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"
    assert response.json()["database"] == "ok"


@override_settings(CELERY_BROKER_URL="")
def test_health_without_a_broker_means_tasks_run_in_process(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["broker"] == "not-configured"


def test_health_is_503_when_the_database_is_unreachable():
    # A separate process, so the database really is unreachable (nothing is patched).
    code = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/health/');"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkring.settings.test",
        "TEST_DATABASE_URL": "postgres://postgres@127.0.0.1:1/nothing",
        "DJANGO_LOG_LEVEL": "CRITICAL",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["status"] == 503
    assert answer["body"]["database"] == "unreachable"
    assert answer["body"]["status"] == "error"


def test_health_refuses_other_methods(client):
    assert client.post("/health/").status_code == 405
