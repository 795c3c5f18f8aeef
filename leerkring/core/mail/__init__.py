"""E-mail from templates, in the recipient's language, through a durable outbox: the message
is a row written with the change it reports, and a Celery task sends it after commit
(tasks.py; what the worker does with it is outbox.py). The sweeper sends what waits too long.

Each e-mail is rendered in its recipient's language (User.language, issue 18), looked up by
address here, in one place for every e-mail the apps send: an address without an account
gets Dutch. A caller may still name the language.

This module is what the apps use: mail_send, mail_send_many, site_url."""

import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models.functions import Lower
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from ..jobs import task_send
from ..models import OutgoingEmail, User
from ..text import clean_line, clean_text
from . import tasks


def site_url(path: str = "") -> str:
    """An absolute link for e-mails and calendar files: SITE_URL followed by `path`."""
    return settings.SITE_URL.rstrip("/") + path


def _optional_template(name: str):
    try:
        return get_template(name)
    except TemplateDoesNotExist:
        return None


def _plain_text(name: str, context: dict) -> str:
    """A text template rendered without HTML autoescaping: a subject is plain text, where
    `&quot;` would be shown as it is."""
    return get_template(name).template.render(Context(context, autoescape=False))


def subject_line(text: str) -> str:
    """The site's prefix and one line of plain text: line breaks (which would start new
    headers) and control characters go, also from what was stored before the forms cleaned
    their input."""
    return clean_line(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{clean_line(text)}")[:300]


def recipient_languages(addresses: list[str]) -> dict[str, str]:
    """{address: language} of the addresses that belong to an account, in one query. An
    address without an account is not in it: it gets the site's language (Dutch)."""
    wanted = {address.lower(): address for address in addresses}
    found = (
        User.objects.annotate(address=Lower("email"))
        .filter(address__in=list(wanted))
        .values_list("email", "language")
    )
    return {wanted[email.lower()]: language for email, language in found if email.lower() in wanted}


def _language_for(addresses: list[str]) -> str:
    """The language of one e-mail to these addresses: the recipients' own when they share
    one, else the site's."""
    languages = recipient_languages(addresses)
    chosen = set(languages.values())
    if len(chosen) == 1 and len(languages) == len(set(addresses)):
        return chosen.pop()
    return settings.LANGUAGE_CODE


def _preferences_url() -> str:
    """Where a person chooses which e-mails they get (My settings), in the active language:
    every e-mail template may link it as `preferences_url`."""
    try:
        return site_url(reverse("account-preferences"))
    except NoReverseMatch:  # a URLconf without the pages (a worker's test settings)
        return site_url()


def _render(template: str, context: dict, language: str | None) -> tuple[str, str, str]:
    """Subject (with the site's prefix), body of `<template>_subject/_message.txt`, and the
    HTML version from `<template>_message.html` when that template exists (else "")."""
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"preferences_url": _preferences_url(), **context}
        subject = _plain_text(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_message.txt", context)
        html_template = _optional_template(f"{template}_message.html")
        html = html_template.render(context) if html_template else ""
    return subject_line(subject), clean_text(body), clean_text(html)


def mail_send(
    *,
    template: str,
    to: list[str],
    context: dict,
    language: str | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> OutgoingEmail | None:
    """Render `<template>_subject.txt` and `<template>_message.txt` (and `_message.html`, if
    there is one, as the HTML alternative) and queue the e-mail. It goes out once the
    surrounding transaction commits (nothing is sent for work that was rolled back), or later
    by the sweeper if the broker could not be reached."""
    return mail_queue(
        mail_prepare(
            template=template, to=to, context=context, language=language, attachments=attachments
        )
    )


def mail_prepare(
    *,
    template: str,
    to: list[str],
    context: dict,
    language: str | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> OutgoingEmail | None:
    """The e-mail mail_send would queue, rendered but not yet written (None: nobody to send
    it to). For a service that holds a lock: it renders before taking it and only queues the
    e-mail (mail_queue) while it holds it."""
    recipients = [address for address in to if address]
    if not recipients:
        return None
    subject, body, html = _render(template, context, language or _language_for(recipients))
    return OutgoingEmail(
        subject=subject,
        body=body,
        html=html,
        to=recipients,
        attachments=[list(a) for a in attachments or []],
    )


def mail_queue(email: OutgoingEmail | None) -> OutgoingEmail | None:
    """Write a prepared e-mail (mail_prepare) to the outbox; it goes out once the surrounding
    transaction commits, as with mail_send."""
    if email is None:
        return None
    email.save(force_insert=True)
    transaction.on_commit(lambda: email_enqueue(email.pk))
    return email


def mail_send_many(
    *, template: str, to: list[str], context: dict, language: str | None = None
) -> list[OutgoingEmail]:
    """The same e-mail to many people, each their own message (nobody sees the others'
    addresses): rendered once per language, written in one query, handed to the broker in
    one message."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return []
    languages = recipient_languages(recipients) if language is None else {}
    language_of = {a: language or languages.get(a, settings.LANGUAGE_CODE) for a in recipients}
    rendered = {lang: _render(template, context, lang) for lang in set(language_of.values())}
    emails = OutgoingEmail.objects.bulk_create(
        OutgoingEmail(
            subject=rendered[language_of[address]][0],
            body=rendered[language_of[address]][1],
            html=rendered[language_of[address]][2],
            to=[address],
        )
        for address in recipients
    )
    ids = [email.pk for email in emails]
    transaction.on_commit(lambda: email_enqueue_many(ids))
    return emails


def email_enqueue_many(email_ids: list[int]) -> None:
    task_send(tasks.email_send_many, email_ids)


def email_enqueue(email_id: int) -> None:
    """Hand one e-mail to the broker; if it is down, the row waits for the sweeper."""
    task_send(tasks.email_send, email_id)


def emails_sweep(*, now=None) -> int:
    """Send the e-mails that have waited longer than SWEEP_STUCK_AFTER (their message was
    lost, or the broker was down when they were written)."""
    now = now or timezone.now()
    ids = list(
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.QUEUED,
            created_at__lt=now - datetime.timedelta(seconds=settings.SWEEP_STUCK_AFTER),
        ).values_list("pk", flat=True)[:500]
    )
    for email_id in ids:
        task_send(tasks.email_send, email_id)
    return len(ids)


def personal_data_erase(*, user) -> None:
    """E-mails still waiting for this person are not sent any more."""
    waiting = OutgoingEmail.objects.all()
    if connection.features.supports_json_field_contains:
        waiting = waiting.filter(to__contains=[user.email])
    # SQLite (the embedded default) cannot look inside a JSON list: the outbox only holds what
    # has not been sent yet, so reading its recipients is cheap.
    ids = [pk for pk, to in waiting.values_list("pk", "to").iterator() if user.email in to]
    OutgoingEmail.objects.filter(pk__in=ids).delete()
