"""Tests always run against PostgreSQL and Redis (DESIGN.md). Tasks run eagerly unless a test
uses the `celery_worker` fixture, which sends them through Redis to a real worker."""

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, CELERY_BEAT_SCHEDULE, DATABASES, STORAGES, env

SECRET_KEY = env("DJANGO_SECRET_KEY", default="test-only-not-secret")
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

DATABASES["default"] = env.db(
    "TEST_DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/leerkring"
)
REDIS_URL = env("TEST_REDIS_URL", default="redis://127.0.0.1:6379/14")
CACHES["default"] = {
    "BACKEND": "leerkring.core.cache.TolerantRedisCache",
    "LOCATION": REDIS_URL,
    "KEY_PREFIX": "leerkring-test",
}
CELERY_BROKER_URL = env("TEST_CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
# The test process runs tasks in-process unless a test asks for the real worker; the worker
# itself is started with TEST_CELERY_EAGER=false.
CELERY_TASK_ALWAYS_EAGER = env.bool("TEST_CELERY_EAGER", default=True)

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Hashing strength is not under test; a fast hasher keeps the suite quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PRIVATE_MEDIA_ROOT = env.path("TEST_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "test-private")
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
