"""Tests always run against PostgreSQL and Redis, as production does. Tasks run eagerly unless a
test uses the `celery_worker` fixture, which sends them through Redis to a real worker."""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, CELERY_BEAT_SCHEDULE, DATABASES, FILE_STORAGE, STORAGES, env

SECRET_KEY = env("DJANGO_SECRET_KEY", default="test-only-not-secret")
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

DATABASES["default"] = env.db(
    "TEST_DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/leerkring"
)
# `make test` runs the suite in several processes (pytest-xdist). pytest-django gives each its
# own database (test_<name>_gw0, _gw1 ...); whatever else they would share is made theirs here,
# because tests empty it: the Redis databases of the cache and the broker (flushed) and the
# private media folder (emptied when a session starts). Worker N uses the Redis databases given
# in the environment plus 2N, so one pair of numbers describes a whole run; a plain `pytest`
# (no worker) uses them as given. Child processes that get these derived values explicitly
# (the Celery worker, tests/conftest.py) are started without PYTEST_XDIST_WORKER.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
XDIST_INDEX = int(XDIST_WORKER.removeprefix("gw")) if XDIST_WORKER else 0
XDIST_COUNT = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) if XDIST_WORKER else 1


def _redis_db_of_worker(url: str, index: int) -> str:
    """`url` with its database number moved up by two per worker (Redis has 0-15)."""
    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0) + 2 * index
    if db > 15:
        raise ImproperlyConfigured(
            f"{url}: xdist worker {index} would need Redis database {db}; Redis has 0-15. "
            "Give lower database numbers in TEST_REDIS_URL and TEST_CELERY_BROKER_URL, or run "
            "fewer workers."
        )
    return urlunsplit(parts._replace(path=f"/{db}"))


_REDIS_URL_GIVEN = env("TEST_REDIS_URL", default="redis://127.0.0.1:6379/8")
_BROKER_URL_GIVEN = env("TEST_CELERY_BROKER_URL", default="redis://127.0.0.1:6379/9")
# Fail at once, in every worker, when two workers would share a Redis database.
_all_urls = [
    _redis_db_of_worker(url, index)
    for index in range(XDIST_COUNT)
    for url in (_REDIS_URL_GIVEN, _BROKER_URL_GIVEN)
]
if len(set(_all_urls)) != len(_all_urls):
    raise ImproperlyConfigured(
        f"TEST_REDIS_URL ({_REDIS_URL_GIVEN}) and TEST_CELERY_BROKER_URL ({_BROKER_URL_GIVEN}) "
        f"overlap across {XDIST_COUNT} xdist workers (each uses its own +2N): give two "
        "adjacent databases."
    )
REDIS_URL = _redis_db_of_worker(_REDIS_URL_GIVEN, XDIST_INDEX)
CACHES["default"] = {
    "BACKEND": "leerkring.core.cache.TolerantRedisCache",
    "LOCATION": REDIS_URL,
    "KEY_PREFIX": "leerkring-test",
}
CELERY_BROKER_URL = _redis_db_of_worker(_BROKER_URL_GIVEN, XDIST_INDEX)
# The test process runs tasks in-process unless a test asks for the real worker; the worker
# itself is started with TEST_CELERY_EAGER=false.
CELERY_TASK_ALWAYS_EAGER = env.bool("TEST_CELERY_EAGER", default=True)
# The worker of the tests on S3 (tests/conftest.py) has a queue of its own, also for the tasks it
# sends itself, so that the other worker never picks up a task whose files are in the bucket.
CELERY_TASK_DEFAULT_QUEUE = env("TEST_CELERY_QUEUE", default="celery")

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Hashing strength is not under test; a fast hasher keeps the suite quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / XDIST_WORKER
PRIVATE_MEDIA_ROOT = (
    Path(env("TEST_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-private")))
    / XDIST_WORKER
)
if FILE_STORAGE == "local":
    # On S3 (DJANGO_FILE_STORAGE=s3, e.g. the Celery worker of a test on S3) the bucket in
    # the environment is the process's own already.
    STORAGES = {
        **STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/niet-openbaar/"},
        },
    }
# Short waits, so that the sweeper tests recover a lost job in seconds rather than minutes.
SWEEP_STUCK_AFTER = env.int("SWEEP_STUCK_AFTER", default=3)
SWEEP_INTERVAL = env.float("SWEEP_INTERVAL", default=1.0)
CELERY_BEAT_SCHEDULE = {
    **CELERY_BEAT_SCHEDULE,
    "sweeper": {**CELERY_BEAT_SCHEDULE["sweeper"], "schedule": SWEEP_INTERVAL},
}
# Serve static files from the finders, as in development (the live server has no collectstatic).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
