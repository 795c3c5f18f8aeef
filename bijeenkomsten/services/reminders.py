"""The reminder e-mail a few days before a meeting, sent exactly once per registration."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from leerkring.core.mail import mail_send, site_url

from ..models import Aanmelding, Bijeenkomst
from ..selectors import online as online_selectors

logger = logging.getLogger(__name__)


def reminders_send(*, now=None) -> int:
    """E-mail everyone with a seat N days before their meeting (N per meeting), exactly once:
    each registration is claimed with a conditional update before its e-mail is sent, so a
    second run, or two workers at once, find nothing left to claim."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=14)
    sent = 0
    meetings = Bijeenkomst.objects.filter(
        status=Bijeenkomst.Status.PLANNED, starts_at__gt=now, starts_at__lte=horizon
    )
    for bijeenkomst in meetings:
        if bijeenkomst.starts_at - datetime.timedelta(days=bijeenkomst.reminder_days) > now:
            continue
        due = bijeenkomst.aanmeldingen.filter(
            status=Aanmelding.Status.REGISTERED, reminder_sent_at__isnull=True
        ).select_related("deelnemer", "werkgroep")
        for aanmelding in due:
            with transaction.atomic():
                claimed = Aanmelding.objects.filter(
                    pk=aanmelding.pk, reminder_sent_at__isnull=True
                ).update(reminder_sent_at=now)
                if not claimed:
                    continue
                mail_send(
                    template="bijeenkomsten/email/reminder",
                    to=[aanmelding.deelnemer.email],
                    context={
                        "aanmelding": aanmelding,
                        "bijeenkomst": bijeenkomst,
                        "url": site_url(),
                        "online_url": online_selectors.online_links(
                            user=aanmelding.deelnemer, bijeenkomsten=[bijeenkomst]
                        ).get(bijeenkomst.pk, ""),
                    },
                )
                sent += 1
    logger.info("reminders: %d sent", sent)
    return sent
