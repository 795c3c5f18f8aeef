"""The Celery app. Every setting comes from Django's settings (CELERY_* names), so the broker,
the eager fallback and the beat schedule are written in one place: leerkring/settings/base.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkring.settings.local")

app = Celery("leerkring")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
