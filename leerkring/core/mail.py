"""E-mail from templates, in the recipient's language, through a durable outbox: the message
is a row written with the change it reports, and a Celery task sends it after commit."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import OutgoingEmail


def _render(template: str, context: dict, language: str | None) -> tuple[str, str]:
    """Subject (with the site's prefix) and body of `<template>_subject/_message.txt`."""
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_message.txt", context)
    return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"[:300], body


def mail_send(
    *,
    template: str,
    to: list[str],
    context: dict,
    language: str | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> OutgoingEmail | None:
    """Render `<template>_subject.txt` and `<template>_message.txt` and queue the e-mail. It
    goes out once the surrounding transaction commits (nothing is sent for work that was
    rolled back), or later by the sweeper if the broker could not be reached."""
    recipients = [address for address in to if address]
    if not recipients:
        return None
    subject, body = _render(template, context, language)
    email = OutgoingEmail.objects.create(
        subject=subject,
        body=body,
        to=recipients,
        attachments=[list(a) for a in attachments or []],
    )
    transaction.on_commit(lambda: email_enqueue(email.pk))
    return email


def mail_send_many(
    *, template: str, to: list[str], context: dict, language: str | None = None
) -> list[OutgoingEmail]:
    """The same e-mail to many people, each their own message (nobody sees the others'
    addresses): rendered once, written in one query, handed to the broker in one message."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return []
    subject, body = _render(template, context, language)
    emails = OutgoingEmail.objects.bulk_create(
        OutgoingEmail(subject=subject, body=body, to=[address]) for address in recipients
    )
    ids = [email.pk for email in emails]
    transaction.on_commit(lambda: email_enqueue_many(ids))
    return emails


def email_enqueue_many(email_ids: list[int]) -> None:
    from .services import task_send
    from .tasks import email_send_many

    task_send(email_send_many, email_ids)


def email_enqueue(email_id: int) -> None:
    """Hand one e-mail to the broker; if it is down, the row waits for the sweeper."""
    from .services import task_send
    from .tasks import email_send

    task_send(email_send, email_id)
