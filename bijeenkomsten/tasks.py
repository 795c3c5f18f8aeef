from celery import shared_task

from . import services


@shared_task(name="bijeenkomsten.reminders_send", ignore_result=True)
def reminders_send():
    """Send due meeting reminders (scheduled hourly by beat); safe to run twice."""
    services.reminders_send()
