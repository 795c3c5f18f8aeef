"""PgBouncer in transaction mode in front of the database (DATABASE_PGBOUNCER=true,
docs/deploy.md): Debian's pgbouncer, started by scripts/pgbouncer.sh from the repository's
config, carries real work of the site (a registration, a search, an export over many rows),
although each transaction may land on another server connection. Without the setting's
changes the same export breaks, which shows that the setting is what makes it work."""

import copy
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.db import ProgrammingError, connection

from bijeenkomsten.models import Aanmelding
from leerkring.settings.base import through_pgbouncer
from tests.conftest import ROOT, stop
from tests.factories import BijeenkomstFactory
from tests.support import csv_rows, free_port

EXPORT = "/bijeenkomsten/aanmeldingen/export/"
ROWS = 600  # more than one page of the screen; the export iterates over all of them


def _admin(port: int, command: str) -> list[tuple]:
    """A command on PgBouncer's admin console (SHOW POOLS, SHOW STATS)."""
    dsn = f"host=127.0.0.1 port={port} user=postgres dbname=pgbouncer"
    with psycopg.connect(dsn, autocommit=True, prepare_threshold=None) as admin:
        cursor = admin.cursor()
        cursor.execute(command)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@pytest.fixture(scope="module")
def pgbouncer():
    """`scripts/pgbouncer.sh` on a free port in front of the test database's PostgreSQL."""
    settings = connection.settings_dict
    port = free_port()
    # Readable for PostgreSQL's user, which PgBouncer runs as when started by root.
    folder = Path(tempfile.mkdtemp(prefix="leerkring-pgbouncer-"))
    folder.chmod(0o755)
    env = {
        **os.environ,
        "PGBOUNCER_PORT": str(port),
        "PGBOUNCER_DIR": str(folder),
        "PGBOUNCER_SERVER": f"{settings['HOST']}:{settings['PORT']}",
    }
    log = folder / "pgbouncer.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(ROOT / "scripts" / "pgbouncer.sh")], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                _admin(port, "SHOW VERSION")
                break
            except psycopg.OperationalError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"pgbouncer did not start:\n{log.read_text()}")
                time.sleep(0.1)
        yield port
    finally:
        stop(proc)


def _server_connections(port: int, name: str, count: int) -> None:
    """Have PgBouncer open `count` server connections to database `name`, by holding that many
    transactions open at once: then there is more than one for a client to land on."""
    dsn = f"host=127.0.0.1 port={port} user=postgres dbname={name}"
    clients = [psycopg.connect(dsn, prepare_threshold=None) for _ in range(count)]
    for client in clients:
        client.execute("SELECT 1")  # opens a transaction that keeps its server connection
    for client in clients:
        client.commit()  # a server connection left in a transaction would be dropped
        client.close()


def _use(settings_dict: dict) -> None:
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(settings_dict)


@pytest.fixture
def via_pgbouncer(pgbouncer, transactional_db):
    """The test's own database connection goes through PgBouncer with the settings of
    DATABASE_PGBOUNCER=true (`through_pgbouncer`, which leerkring/settings/base.py applies)."""
    direct = copy.deepcopy(connection.settings_dict)
    _server_connections(pgbouncer, direct["NAME"], 3)
    _use(through_pgbouncer({**direct, "HOST": "127.0.0.1", "PORT": str(pgbouncer)}))
    try:
        yield pgbouncer
    finally:
        _use(direct)


def _transactions(port: int, name: str) -> int:
    return next(
        int(row["total_xact_count"])
        for row in _admin(port, "SHOW STATS")
        if row["database"] == name
    )


def _many_registrations(meeting) -> None:
    users = get_user_model().objects.bulk_create(
        get_user_model()(email=f"deelnemer{i}@voorbeeld.nl", name=f"Deelnemer {i}")
        for i in range(ROWS)
    )
    Aanmelding.objects.bulk_create(
        Aanmelding(bijeenkomst=meeting, deelnemer=user, status="aangemeld") for user in users
    )


@pytest.mark.django_db(transaction=True)
def test_the_site_works_through_pgbouncer_in_transaction_mode(via_pgbouncer, client, circle):
    name = connection.settings_dict["NAME"]
    before = _transactions(via_pgbouncer, name)
    # Transaction mode really hands out another server connection from one transaction to the
    # next, and PgBouncer keeps the time zone Django set on its first one.
    backends, zones = set(), set()
    for _ in range(6):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid(), current_setting('TimeZone')")
            backend, zone = cursor.fetchone()
            backends.add(backend)
            zones.add(zone)
    assert len(backends) > 1
    assert zones == {"UTC"}

    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring, capacity=1, title="Kraanwaterdialoog in de wijk"
    )
    # A registration takes the last seat; the next person goes on the waiting list.
    client.force_login(circle.member)
    response = client.post(f"/bijeenkomsten/{meeting.pk}/aanmelden/", {"diet": ""})
    assert response.status_code == 302
    client.force_login(circle.other_member)
    client.post(f"/bijeenkomsten/{meeting.pk}/aanmelden/", {"diet": ""})
    statuses = dict(meeting.aanmeldingen.values_list("deelnemer__email", "status"))
    assert statuses == {"lid@breda.nl": "aangemeld", "lid@tilburg.nl": "wachtlijst"}

    # The site search finds the meeting by a word of its title.
    response = client.get("/zoeken/", {"q": "kraanwater"})
    assert response.status_code == 200
    assert "Kraanwaterdialoog in de wijk" in response.text

    # An export iterating over hundreds of rows, answered at once.
    _many_registrations(meeting)
    client.force_login(circle.researcher)
    response = client.get(EXPORT)
    assert response.status_code == 200
    rows = csv_rows(response.content)[1:]
    assert len(rows) == ROWS + 2
    assert sum("Kraanwaterdialoog in de wijk" in row for row in rows) == ROWS + 2

    # All of it went through PgBouncer.
    assert _transactions(via_pgbouncer, name) - before > 20


@pytest.mark.django_db(transaction=True)
def test_without_the_setting_an_export_breaks_in_transaction_mode(via_pgbouncer, client, circle):
    """The control: a server-side cursor (Django's default for .iterator()) is declared in one
    transaction and read in the next, on another server connection that does not know it."""
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Kraanwaterdialoog")
    _many_registrations(meeting)
    connection.close()
    connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = False
    client.force_login(circle.researcher)
    with pytest.raises(ProgrammingError, match=r"portal .* does not exist"):
        client.get(EXPORT)


def _database_settings(**environment) -> dict:
    """DATABASES["default"] as a fresh process builds it from these environment variables."""
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'], default=str))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "PYTEST_", "DJANGO_SETTINGS"))
    }
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "leerkring.settings.local", **environment},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_pgbouncer_setting_turns_off_server_side_cursors_and_prepared_statements():
    url = "postgres://leerkring@pgbouncer.internal:6432/leerkring"
    direct = _database_settings(DATABASE_URL=url, DATABASE_POOL="true")
    pooled = _database_settings(DATABASE_URL=url, DATABASE_POOL="true", DATABASE_PGBOUNCER="true")
    assert direct.get("DISABLE_SERVER_SIDE_CURSORS", False) is False
    assert "prepare_threshold" not in direct["OPTIONS"]
    assert pooled["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert "prepare_threshold" in pooled["OPTIONS"]
    assert pooled["OPTIONS"]["prepare_threshold"] is None
    # Django's own pool stays on: it keeps connections to PgBouncer, which shares PostgreSQL's.
    assert pooled["OPTIONS"]["pool"] == direct["OPTIONS"]["pool"]
    assert pooled["PORT"] == 6432


def test_the_pgbouncer_setting_refuses_a_database_that_is_not_postgresql():
    code = "from django.conf import settings; settings.DATABASES"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "leerkring.settings.local",
            "DATABASE_URL": "sqlite:////tmp/leerkring-pgbouncer.sqlite3",
            "DATABASE_PGBOUNCER": "true",
        },
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "DATABASE_PGBOUNCER needs DATABASE_URL to be PostgreSQL." in done.stderr
