"""The settings of the worker and the two beat processes of tests/hosts/test_beat.py: the test
settings, e-mail written to a file the test counts (tests/bijeenkomsten/mailworker_settings.py)
and every periodic task of the real schedule due every second, the weekly and nightly ones
included, so that two beats send each of them many times within seconds."""

from tests.bijeenkomsten.mailworker_settings import *  # noqa: F403
from tests.bijeenkomsten.mailworker_settings import CELERY_BEAT_SCHEDULE

CELERY_BEAT_SCHEDULE = {
    name: {**entry, "schedule": 1.0} for name, entry in CELERY_BEAT_SCHEDULE.items()
}
