"""E-mail from templates, in the recipient's language, sent by a Celery task after commit."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import email_send


def mail_send(
    *,
    template: str,
    to: list[str],
    context: dict,
    language: str | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>_message.txt` and queue the e-mail once
    the surrounding transaction commits (nothing is sent for work that was rolled back)."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_message.txt", context)
    email_send.delay_on_commit(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        to=recipients,
        attachments=attachments or [],
    )
