"""The web process of `make bench`: the embedded settings pointed at the bench database, plus
one extra page, the ceiling (tests/bench/urls.py)."""

from leerkring.settings.local import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
