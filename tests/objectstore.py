"""The S3-compatible server the file tests talk to: moto's standalone server on loopback,
installed from PyPI with the test extras. `make test` starts it (scripts/ensure-services.sh);
`ensure_s3()` starts it too when a plain `pytest` finds none, so any test run works the same.
The app reaches it over HTTP through boto3 (django-storages), never by patching in-process."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
ENDPOINT = os.environ.get("TEST_S3_ENDPOINT_URL", "http://127.0.0.1:9123")
# moto accepts any key pair; these only have to be the same everywhere.
ACCESS_KEY = "leerkring-test"
SECRET_KEY = "leerkring-test-secret"


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def ensure_s3() -> str:
    """The endpoint URL of a running S3 server; starts moto's when nothing answers there. Two
    processes racing to start it are harmless: the second cannot bind and exits."""
    parts = urlsplit(ENDPOINT)
    host, port = parts.hostname, parts.port
    if _answers(host, port):
        return ENDPOINT
    # This virtualenv's own first: another moto_server on PATH may be another version.
    server = Path(sys.executable).with_name("moto_server")
    server = str(server) if server.exists() else shutil.which("moto_server")
    log = ROOT / "var" / "moto.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        subprocess.Popen(
            [server, "-H", host, "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # outlives this process, like PostgreSQL and Redis
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if _answers(host, port):
            return ENDPOINT
        time.sleep(0.2)
    raise RuntimeError(f"moto_server did not start on {ENDPOINT}; see {log}")


def s3_environment(bucket: str) -> dict[str, str]:
    """The environment variables that put a process's files in `bucket` on the test server
    (the names production uses: README, "Configuration")."""
    return {
        "DJANGO_FILE_STORAGE": "s3",
        "S3_ENDPOINT_URL": ensure_s3(),
        "S3_BUCKET": bucket,
        "S3_ACCESS_KEY_ID": ACCESS_KEY,
        "S3_SECRET_ACCESS_KEY": SECRET_KEY,
        "S3_REGION": "us-east-1",
    }


def s3_client():
    """A boto3 client of the test server, for tests that look into a bucket themselves."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=ensure_s3(),
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
    )


def bucket_keys(bucket: str) -> list[str]:
    """What the S3 server holds in `bucket`, asked over its own API."""
    pages = s3_client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def make_bucket(bucket: str) -> None:
    """Create `bucket` (empty) on the test server; an existing one is emptied."""
    client = s3_client()
    # In us-east-1 creating a bucket one owns already succeeds (S3's old behaviour, which moto
    # keeps), so the bucket is emptied whether or not that raised.
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(Bucket=bucket)
    keys = bucket_keys(bucket)
    for start in range(0, len(keys), 1000):  # delete_objects takes 1,000 at most
        chunk = [{"Key": key} for key in keys[start : start + 1000]]
        client.delete_objects(Bucket=bucket, Delete={"Objects": chunk})
