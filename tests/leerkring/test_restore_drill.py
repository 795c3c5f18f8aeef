"""The restore drill (`manage.py restore_drill`, `make restore-drill`, docs/deploy.md): it backs
up the database and every object of the bucket, restores both into scratch copies, compares
them, reports the figures and removes the scratch copies."""

import json
import os
import re
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.db import connection

from tests.conftest import ROOT
from tests.objectstore import make_bucket, s3_environment
from tests.publicaties.test_uploads import weasyprint_pdf

OBJECTS = {
    "private/verslagen/verslag-1.pdf": None,  # a real PDF, filled in below
    "private/exports/aanmeldingen-2026.csv": b"Naam;Gemeente\r\nFatima;Breda\r\n",
    "media/leeg.txt": b"",
}


def _boto3(env):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=env["S3_ENDPOINT_URL"],
        aws_access_key_id=env["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=env["S3_SECRET_ACCESS_KEY"],
        region_name=env["S3_REGION"],
    )


@pytest.mark.django_db(transaction=True)
def test_the_drill_restores_every_row_and_every_object_and_says_so(circle, tmp_path):
    bucket = f"drill-{uuid.uuid4().hex[:8]}"
    make_bucket(bucket)
    s3 = s3_environment(bucket)
    client = _boto3(s3)
    objects = {**OBJECTS, "private/verslagen/verslag-1.pdf": weasyprint_pdf()}
    for key, body in objects.items():
        client.put_object(Bucket=bucket, Key=key, Body=body)
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "PYTEST_"))},
        "DJANGO_SETTINGS_MODULE": "leerkring.settings.local",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        **s3,
    }
    backup = tmp_path / "backup"
    done = subprocess.run(
        [sys.executable, "manage.py", "restore_drill", "--backup-dir", str(backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = done.stdout
    tables = len(connection.introspection.table_names())
    figures = re.search(r"PostgreSQL: (\d+) tables, (\d+) rows", report)
    assert int(figures.group(1)) == tables
    assert int(figures.group(2)) > 0
    assert f"{tables}/{tables} tables with the same row count" in report
    assert "3/3 objects with the same SHA-256" in report
    assert "Restore drill passed" in report

    # The backup holds the dump and every object byte for byte, with its checksum.
    assert (backup / "database.dump").stat().st_size > 0
    manifest = json.loads((backup / "manifest.json").read_text())
    assert set(manifest) == set(objects)
    for key, body in objects.items():
        assert (backup / "objects" / key).read_bytes() == body
    # The scratch database and bucket are gone again.
    with psycopg.connect(
        f"host={db['HOST']} port={db['PORT']} user={db['USER']} dbname=postgres"
    ) as admin:
        scratch = admin.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{db['NAME']}_drill_%"]
        ).fetchall()
    assert scratch == []
    assert [
        b["Name"] for b in client.list_buckets()["Buckets"] if b["Name"].startswith(bucket)
    ] == [bucket]


def test_the_drill_refuses_to_dump_through_pgbouncer(tmp_path):
    done = subprocess.run(
        [sys.executable, "manage.py", "restore_drill", "--backup-dir", str(tmp_path)],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "leerkring.settings.local",
            "DATABASE_URL": "postgres://leerkring@pgbouncer.internal:6432/leerkring",
            "DATABASE_PGBOUNCER": "true",
        },
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "give PostgreSQL itself with --database-url or BACKUP_DATABASE_URL" in done.stderr
