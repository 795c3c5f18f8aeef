"""The reminder e-mail a few days before a meeting, sent exactly once per registration."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from leerkring.core.mail import mail_send, site_url

from ..models import Aanmelding, Bijeenkomst
from ..selectors import online as online_selectors
from ..selectors import venue as venue_selectors

logger = logging.getLogger(__name__)


# The most days before a meeting a reminder can go out: the researchers' choice and the
# person's own (User.reminder_days, 1..14) both stay within it.
HORIZON_DAYS = 14


def reminder_days_for(*, aanmelding: Aanmelding, bijeenkomst: Bijeenkomst) -> int | None:
    """How many days before the meeting this person's reminder goes out, or None when they
    turned reminders off (My settings): their own number of days, else the meeting's."""
    person = aanmelding.deelnemer
    if not person.reminders:
        return None
    return person.reminder_days or bijeenkomst.reminder_days


def reminders_send(*, now=None) -> int:
    """E-mail everyone with a seat N days before their meeting, exactly once. N is the
    person's own choice in My settings, else the meeting's; who turned reminders off gets
    none. Each registration is claimed with a conditional update before its e-mail is sent,
    so a second run, or two workers at once, find nothing left to claim."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=HORIZON_DAYS)
    sent = 0
    meetings = Bijeenkomst.objects.filter(
        status=Bijeenkomst.Status.PLANNED, starts_at__gt=now, starts_at__lte=horizon
    )
    for bijeenkomst in meetings:
        due = bijeenkomst.aanmeldingen.filter(
            status=Aanmelding.Status.REGISTERED,
            reminder_sent_at__isnull=True,
            deelnemer__reminders=True,
        ).select_related("deelnemer", "werkgroep")
        for aanmelding in due:
            days = reminder_days_for(aanmelding=aanmelding, bijeenkomst=bijeenkomst)
            if days is None or bijeenkomst.starts_at - datetime.timedelta(days=days) > now:
                continue
            with transaction.atomic():
                # Only columns of this row in the claim: a condition through a join would
                # become a subquery that PostgreSQL does not check again after waiting for a
                # concurrent claim, and the reminder would go out twice.
                claimed = Aanmelding.objects.filter(
                    pk=aanmelding.pk, reminder_sent_at__isnull=True
                ).update(reminder_sent_at=now)
                if not claimed:
                    continue
                mail_send(
                    template="bijeenkomsten/email/reminder",
                    to=[aanmelding.deelnemer.email],
                    language=aanmelding.deelnemer.language,
                    context={
                        "aanmelding": aanmelding,
                        "bijeenkomst": bijeenkomst,
                        "url": site_url(),
                        "online_url": online_selectors.online_links(
                            user=aanmelding.deelnemer, bijeenkomsten=[bijeenkomst]
                        ).get(bijeenkomst.pk, ""),
                        "venue": venue_selectors.venue_for(
                            user=aanmelding.deelnemer, bijeenkomst=bijeenkomst
                        ),
                    },
                )
                sent += 1
    logger.info("reminders: %d sent", sent)
    return sent
