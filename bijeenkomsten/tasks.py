from celery import shared_task

from .services import reminders


@shared_task(name="bijeenkomsten.reminders_send", ignore_result=True)
def reminders_send():
    """Send due meeting reminders (scheduled hourly by beat); safe to run twice."""
    reminders.reminders_send()
