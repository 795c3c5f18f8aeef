"""`make loadtest`: the demo on gunicorn with a Celery worker, on loopback, and locust's three
journeys against it for LOAD_SECONDS (default 60) with LOAD_USERS users (default 20). Prints
requests, failures, median and 95th percentile per endpoint."""

import csv
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import redis

from tests.support import free_port

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "load"
DB = "leerkring_load"
SECONDS = os.environ.get("LOAD_SECONDS", "60")
USERS = os.environ.get("LOAD_USERS", "20")
# LOAD_PGBOUNCER=true: gunicorn and the worker reach the database through PgBouncer in
# transaction mode (scripts/pgbouncer.sh on a free port, DATABASE_PGBOUNCER=true); migrating
# and seeding go straight to PostgreSQL, as docs/deploy.md advises.
PGBOUNCER = os.environ.get("LOAD_PGBOUNCER", "").lower() in ("1", "true", "yes")

ACCOUNTS = """
import json, django
django.setup()
from bijeenkomsten.models import Bijeenkomst
from django.contrib.auth import get_user_model
from gemeenten.models import Lidmaatschap
from leerkring.demo import content
users = get_user_model().objects
civil = [m.user.email for m in Lidmaatschap.objects.filter(status="bevestigd")
         .exclude(user__email__startswith="coordinator@").select_related("user")]
print(json.dumps({
    "password": content.DEMO_PASSWORD,
    "researcher": "onderzoeker@leerkring.example",
    "coordinators": list(users.filter(email__startswith="coordinator@")
                         .values_list("email", flat=True)),
    "civil_servants": civil,
    "upcoming": Bijeenkomst.objects.filter(status="gepland").order_by("starts_at").first().pk,
    "closing": "slotpublicatie-2019",
}))
"""


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    # Every simulated person comes from 127.0.0.1: rate-limit counters of an earlier run or of
    # another process on this Redis (allauth allows 30 log-ins a minute from one address) must
    # not refuse this run's. The broker starts empty; the cache keys of this run have a prefix
    # of their own, so no counter can be left over or shared.
    redis.Redis.from_url("redis://127.0.0.1:6379/3").flushdb()
    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkring.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "DATABASE_POOL": "true",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/3",
        "REDIS_URL": "redis://127.0.0.1:6379/2",
        "DJANGO_CACHE_KEY_PREFIX": f"load-{uuid.uuid4().hex[:12]}",
        "EMAIL_URL": "dummymail://",
        "DJANGO_PRIVATE_MEDIA_ROOT": str(OUT / "private"),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([py, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    found = subprocess.run(
        [py, "-c", ACCOUNTS], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    data = found.stdout.strip().splitlines()[-1]
    (OUT / "accounts.json").write_text(data)
    port = free_port()
    logs = (OUT / "server.log").open("w")
    pgbouncer = None
    if PGBOUNCER:
        bouncer_port = free_port()
        bouncer_env = {"PGBOUNCER_PORT": str(bouncer_port), "PGBOUNCER_DIR": str(OUT / "pgbouncer")}
        pgbouncer = subprocess.Popen(
            [str(ROOT / "scripts" / "pgbouncer.sh")], env={**env, **bouncer_env},
            stdout=(OUT / "pgbouncer.log").open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        env = {
            **env,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{bouncer_port}/{DB}",
            "DATABASE_PGBOUNCER": "true",
        }
    worker = subprocess.Popen([py, "-m", "celery", "-A", "leerkring", "worker",
                               "--concurrency=1", "--loglevel=WARNING"],
                              cwd=ROOT, env=env, stdout=logs, stderr=subprocess.STDOUT)  # fmt: skip
    web = subprocess.Popen([py, "-m", "gunicorn", "leerkring.wsgi", "--bind", f"127.0.0.1:{port}",
                            "--workers", "2", "--threads", "4", "--keep-alive", "30"],
                           cwd=ROOT, env=env, stdout=logs, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        subprocess.run(
            [py, "-m", "locust", "-f", str(Path(__file__).with_name("locustfile.py")),
             "--headless", "-u", USERS, "-r", "5", "-t", f"{SECONDS}s",
             "--host", f"http://127.0.0.1:{port}", "--csv", str(OUT / "stats"),
             "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT, env={**env, "LEERKRING_LOAD_DATA": str(OUT / "accounts.json")},
            check=False, stdout=subprocess.DEVNULL, stderr=(OUT / "locust.log").open("w"),
        )  # fmt: skip
    finally:
        web.terminate()
        worker.terminate()
        web.wait(30)
        worker.wait(30)
        if pgbouncer:
            pgbouncer.terminate()
            pgbouncer.wait(30)
    rows = list(csv.DictReader((OUT / "stats_stats.csv").open()))
    width = max(len(f"{r['Type']} {r['Name']}") for r in rows)
    print(
        f"\n{'endpoint':<{width}}  {'requests':>8}  {'failures':>8}  {'p50 ms':>7}  {'p95 ms':>7}"
    )
    for r in rows:
        name = f"{r['Type']} {r['Name']}".strip()
        print(f"{name:<{width}}  {r['Request Count']:>8}  {r['Failure Count']:>8}  "
              f"{r['50%']:>7}  {r['95%']:>7}")  # fmt: skip
    csv_path = (OUT / "stats_stats.csv").relative_to(ROOT)
    through = " through PgBouncer (transaction mode)" if PGBOUNCER else ""
    print(f"\n{USERS} users for {SECONDS} s on loopback{through}; CSV in {csv_path}")
    failures = sum(int(r["Failure Count"]) for r in rows if r["Name"] == "Aggregated")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
