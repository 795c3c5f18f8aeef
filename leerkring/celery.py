"""The Celery app. Every setting comes from Django's settings (CELERY_* names), so the broker,
the eager fallback and the beat schedule are written in one place: leerkring/settings/base.py."""

import os

from celery import Celery
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkring.settings.local")

app = Celery("leerkring")
app.config_from_object("django.conf:settings", namespace="CELERY")
if not settings.CELERY_BROKER_URL:
    # The embedded default runs tasks eagerly; Celery still prepares a producer for them,
    # which must not go looking for an AMQP server on localhost.
    app.conf.broker_url = "memory://localhost/"
app.autodiscover_tasks()
