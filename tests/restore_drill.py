"""`make restore-drill`: the restore drill (`manage.py restore_drill`, docs/deploy.md) on this
machine. A database of its own (leerkring_drill) gets the demo and every PDF rendered into a
bucket on the local S3 server (moto, tests/objectstore.py); then the drill backs both up,
restores them into a scratch database and a scratch bucket and compares counts and checksums."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg

from tests.objectstore import make_bucket, s3_environment

ROOT = Path(__file__).resolve().parents[1]
DB = "leerkring_drill"
BUCKET = "leerkring-drill"


def main() -> int:
    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    make_bucket(BUCKET)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkring.settings.local",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "CELERY_BROKER_URL": "",  # the PDFs are rendered in-process
        "REDIS_URL": "",
        **s3_environment(BUCKET),
    }
    for key in ("DATABASE_PGBOUNCER", "DATABASE_POOL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(key, None)
    py = sys.executable

    def manage(*args: str, quiet: bool = True) -> None:
        out = subprocess.DEVNULL if quiet else None
        subprocess.run([py, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=out)

    print(f"Source: database {DB} with the demo, bucket {BUCKET} on {env['S3_ENDPOINT_URL']}")
    manage("migrate", "-v0")
    manage("seed_demo")
    manage("rerender_pdfs")
    done = subprocess.run(
        [py, "manage.py", "restore_drill", "--backup-dir", str(ROOT / "var" / "restore-drill")],
        cwd=ROOT,
        env=env,
        check=False,
    )
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
