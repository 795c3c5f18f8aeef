"""Writing to participants: a message to a meeting's people, its waiting list or one work
group, to the members of the circle, or (by a coordinator) to the people of a municipality.

The message, one recipient row per person and one outbox e-mail per person who wants e-mail
are written in one transaction (leerkring.core.mail): nothing is sent for a message that was
rolled back, and a message that was saved is sent. See docs/architecture.md for what the
outbox guarantees when a worker dies while sending."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leerkring.core.audit import audit_record
from leerkring.core.mail import mail_send_many, site_url
from leerkring.core.models import AuditEntry
from leerkring.core.text import clean_line, clean_text

from ..errors import BerichtError
from ..models import Bericht, BerichtOntvanger
from ..selectors import berichten as berichten_selectors

# The limits (docs/architecture.md). The subject's is the model field's; the others can be
# set in the settings under the names below and are read when a message is checked.
SUBJECT_MAX = 200
BODY_MAX = 20_000
PER_HOUR = 10
RECIPIENTS_MAX = 1_000


def limits() -> dict[str, int]:
    """The limits in force: body length, messages per sender per hour, recipients."""
    return {
        "subject": SUBJECT_MAX,
        "body": getattr(settings, "BERICHT_BODY_MAX", BODY_MAX),
        "per_hour": getattr(settings, "BERICHTEN_PER_HOUR", PER_HOUR),
        "recipients": getattr(settings, "BERICHT_RECIPIENTS_MAX", RECIPIENTS_MAX),
    }


User = get_user_model()


@dataclass(frozen=True)
class Doelgroep:
    """Who a message is for: the audience and the thing it is about."""

    audience: str
    leerkring: object
    bijeenkomst: object = None
    werkgroep: object = None
    gemeente: object = None

    def recipients(self):
        return berichten_selectors.bericht_recipients(
            audience=self.audience,
            bijeenkomst=self.bijeenkomst,
            werkgroep=self.werkgroep,
            leerkring=self.leerkring,
            gemeente=self.gemeente,
        )


@dataclass(frozen=True)
class Telling:
    """How many people a message goes to, and how many of them get it by e-mail."""

    people: int
    by_email: int


def bericht_count(*, doelgroep: Doelgroep) -> Telling:
    """What the preview says: the same selector the sending uses."""
    people = doelgroep.recipients()
    return Telling(people=people.count(), by_email=people.filter(email_notifications=True).count())


def subject_check(subject: str) -> str:
    """The subject as one line (line breaks and control characters go); refused when empty or
    too long."""
    subject = clean_line(subject)
    if not subject:
        raise BerichtError(_("Geef het bericht een onderwerp."))
    if len(subject) > SUBJECT_MAX:
        raise BerichtError(
            _("Het onderwerp is te lang: %(n)s tekens. Het mag hooguit %(max)s tekens zijn.")
            % {"n": len(subject), "max": SUBJECT_MAX}
        )
    return subject


def body_check(body: str) -> str:
    """The body as text; refused when empty or too long."""
    body = clean_text(body).strip()
    if not body:
        raise BerichtError(_("Schrijf een bericht; het is nu leeg."))
    most = limits()["body"]
    if len(body) > most:
        raise BerichtError(
            _("Het bericht is te lang: %(n)s tekens. Het mag hooguit %(max)s tekens zijn.")
            % {"n": len(body), "max": most}
        )
    return body


def bericht_preview(*, sender, doelgroep: Doelgroep) -> Telling:
    """What the preview says, after the checks that do not depend on the text: the hourly
    limit, somebody to send it to, not too many people. Sending checks the same again."""
    _check_rate(sender)
    telling = bericht_count(doelgroep=doelgroep)
    _check_people(telling.people)
    return telling


def _check_rate(sender) -> None:
    per_hour = limits()["per_hour"]
    if berichten_selectors.berichten_sent_last_hour(sender=sender) >= per_hour:
        raise BerichtError(
            ngettext(
                "Je hebt het afgelopen uur al %(n)s bericht verstuurd; meer kan niet. "
                "Probeer het over een uur opnieuw.",
                "Je hebt het afgelopen uur al %(n)s berichten verstuurd; meer kan niet. "
                "Probeer het over een uur opnieuw.",
                per_hour,
            )
            % {"n": per_hour}
        )


def _check_people(n: int) -> None:
    if not n:
        raise BerichtError(_("Er is niemand om dit bericht naar te sturen."))
    most = limits()["recipients"]
    if n > most:
        raise BerichtError(
            _(
                "Dit bericht zou naar %(n)s mensen gaan; dat is meer dan %(max)s. Kies een "
                "kleinere groep."
            )
            % {"n": n, "max": most}
        )


@transaction.atomic
def bericht_send(
    *,
    sender,
    doelgroep: Doelgroep,
    subject: str,
    body: str,
    expected: int | None = None,
    notify: bool = True,
    at: datetime.datetime | None = None,
) -> Bericht:
    """Send a message: the message, its recipients, their e-mails and a line in the audit log,
    together or not at all. `expected` is the number the preview showed; when the recipients
    changed since (someone registered or cancelled), nothing is sent and the person sees the
    new number first. The demo's history sets `at` (when it was sent) and turns `notify` off:
    the message is on the site, nobody is mailed."""
    subject, body = subject_check(subject), body_check(body)
    # One sender's messages one after the other, so that two at once cannot both pass the
    # hourly limit.
    User.objects.select_for_update().filter(pk=sender.pk).first()
    _check_rate(sender)
    people = list(doelgroep.recipients().values_list("pk", "email", "email_notifications"))
    _check_people(len(people))
    if expected is not None and expected != len(people):
        raise BerichtError(
            ngettext(
                "Sinds je het bericht bekeek, is de groep veranderd: het gaat nu naar %(n)s "
                "persoon. Kijk het nog eens na en verstuur het opnieuw.",
                "Sinds je het bericht bekeek, is de groep veranderd: het gaat nu naar %(n)s "
                "mensen. Kijk het nog eens na en verstuur het opnieuw.",
                len(people),
            )
            % {"n": len(people)}
        )
    bericht = Bericht.objects.create(
        leerkring=doelgroep.leerkring,
        bijeenkomst=doelgroep.bijeenkomst,
        werkgroep=doelgroep.werkgroep,
        gemeente=doelgroep.gemeente,
        audience=doelgroep.audience,
        subject=subject,
        body=body,
        sender=sender,
        recipient_count=len(people),
        created_at=at or timezone.now(),
    )
    BerichtOntvanger.objects.bulk_create(
        BerichtOntvanger(bericht=bericht, user_id=pk) for pk, _email, _wants in people
    )
    mail_send_many(
        template="bijeenkomsten/email/bericht",
        to=[email for _pk, email, wants_email in people if wants_email and notify],
        context={
            "bericht": bericht,
            "sender_name": sender.display_name,
            "url": site_url(reverse("berichten:detail", args=[bericht.pk])),
        },
    )
    audit_record(
        actor=sender,
        action=AuditEntry.Action.BERICHT_SENT,
        target=bericht,
        detail=ngettext("%(n)s ontvanger", "%(n)s ontvangers", len(people)) % {"n": len(people)},
    )
    return bericht


def personal_data_erase(*, user) -> None:
    """A person who leaves no longer appears among a message's recipients; the messages they
    sent stay (their name goes with the account)."""
    BerichtOntvanger.objects.filter(user=user).delete()
