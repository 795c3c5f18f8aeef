"""gunicorn on loopback for `make bench`, and a small load generator: threads with their own
keep-alive connection, each sending requests one after another."""

import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings

from tests.support import free_port

ROOT = Path(__file__).resolve().parents[2]


class Gunicorn:
    def __init__(self, database_url: str, workers: int = 2, threads: int = 2):
        self.port = free_port()
        self.log = ROOT / "var" / "bench" / "gunicorn.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
            "DATABASE_URL": database_url,
            "DATABASE_POOL": "true",
            "DATABASE_POOL_MIN": "2",
            # Tasks go to Redis, as in production, where no worker takes them: a request
            # queues its e-mail and never sends it itself (with no broker Celery would run the
            # task inside the request).
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "REDIS_URL": "",
            "EMAIL_URL": "dummymail://",
            "DJANGO_ALLOW_ASYNC_UNSAFE": "",
            # Sessions made by the bench process must be valid in the server.
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        }
        with self.log.open("w") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "leerkring.wsgi",
                 "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
                 "--threads", str(threads), "--env", "DJANGO_SETTINGS_MODULE=tests.bench.settings"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.get("/privacy/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start:\n{self.log.read_text()}")

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def get(self, path: str, headers=None) -> tuple[int, bytes]:
        conn = self.connection()
        try:
            conn.request("GET", path, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def throughput(server: Gunicorn, path: str, seconds: float, clients: int) -> float:
    """Requests per second that `clients` keep-alive clients get answered in `seconds`."""
    done = [0] * clients
    errors = []
    stop_at = time.monotonic() + seconds

    def client(index):
        conn = server.connection()
        while time.monotonic() < stop_at:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
            done[index] += 1
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{path}: {len(errors)} answers were not 200, e.g. {errors[:5]}")
    return sum(done) / (time.monotonic() - started)


def latencies(server: Gunicorn, path: str, count: int, headers=None) -> list[float]:
    conn = server.connection()
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        samples.append(time.perf_counter() - started)
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")
    conn.close()
    return samples


def median(values):
    return statistics.median(values)
