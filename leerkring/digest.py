"""The weekly digest e-mail: what is new in the circles a person takes part in or researches.

It combines every app, so it lives in the project package. `digest_for` reads one person's
digest through the apps' own visibility selectors; `digest_send_all` (run by beat on Monday
morning, task `leerkring.digest_send`) e-mails it to everyone who asked for it, at most once per
person per week: the week is claimed on the user's row with a conditional update in the same
transaction as the e-mail is written to the outbox."""

import datetime
import logging
from dataclasses import dataclass, field

from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.crypto import salted_hmac

from bijeenkomsten.models import Bijeenkomst, Verslag
from bijeenkomsten.selectors import lists as lists_selectors
from dilemmas.models import Casus, Reactie
from dilemmas.selectors import casus_title_for, casus_visible_to
from gemeenten.models import Deelname, Lidmaatschap
from gemeenten.selectors import viewer_context
from leerkring.core.mail import mail_send, site_url
from leerkring.core.models import Leerkring
from publicaties.selectors import publicatie_visible_to

logger = logging.getLogger(__name__)

User = get_user_model()

WINDOW = datetime.timedelta(days=7)
# At most this many items per section; the e-mail then links to the full list on the site.
MAX_ITEMS = 15
UNSUBSCRIBE_SALT = "leerkring.digest.unsubscribe"


@dataclass
class Digest:
    """What is new for one person between `since` and `until`, each list already limited to
    what they may see."""

    since: datetime.datetime
    until: datetime.datetime
    bijeenkomsten: list = field(default_factory=list)
    verslagen: list = field(default_factory=list)
    casussen: list = field(default_factory=list)
    reacties: list = field(default_factory=list)
    publicaties: list = field(default_factory=list)
    # Sections that had more than MAX_ITEMS items.
    more: set = field(default_factory=set)

    def __bool__(self) -> bool:
        return any(
            (self.bijeenkomsten, self.verslagen, self.casussen, self.reacties, self.publicaties)
        )


def _take(digest: Digest, name: str, queryset) -> list:
    items = list(queryset[: MAX_ITEMS + 1])
    if len(items) > MAX_ITEMS:
        digest.more.add(name)
    return items[:MAX_ITEMS]


def digest_for(*, user, now: datetime.datetime | None = None) -> Digest:
    """What is new for `user` in the 7 days before `now`, in the circles they take part in or
    research, as far as they may see it. One query per section (plus the viewer's context):
    - meetings scheduled in the window that are still to come and whose registration has not
      closed (also when it opens later: the e-mail says from when);
    - reports published in the window;
    - cases published in the window by others (the anonymised title where this person may
      not see the original);
    - comments by others on this person's own cases, not hidden;
    - publications released in the window."""
    now = now or timezone.now()
    since = now - WINDOW
    digest = Digest(since=since, until=now)
    _gemeente_id, admitted, researched = viewer_context(user)
    circles = admitted | researched
    if not circles:
        return digest

    digest.bijeenkomsten = _take(
        digest,
        "bijeenkomsten",
        lists_selectors.bijeenkomst_visible_to(user)
        .filter(
            leerkring_id__in=circles,
            status=Bijeenkomst.Status.PLANNED,
            created_at__gt=since,
            created_at__lte=now,
            starts_at__gt=now,
            registration_closes_at__gt=now,
        )
        .order_by("starts_at", "pk"),
    )
    digest.verslagen = _take(
        digest,
        "verslagen",
        Verslag.objects.filter(
            status=Verslag.Status.PUBLISHED,
            published_at__gt=since,
            published_at__lte=now,
            bijeenkomst__in=lists_selectors.bijeenkomst_visible_to(user).filter(
                leerkring_id__in=circles
            ),
        )
        .select_related("bijeenkomst")
        .order_by("-published_at", "-pk"),
    )
    casussen = _take(
        digest,
        "casussen",
        casus_visible_to(user)
        .filter(
            status=Casus.Status.PUBLISHED,
            leerkring_id__in=circles,
            published_at__gt=since,
            published_at__lte=now,
        )
        .exclude(author=user)
        .select_related("dilemma")
        .order_by("-published_at", "-pk"),
    )
    for casus in casussen:
        # The only title a template may show: never the original to whom sees it anonymised.
        casus.digest_title = casus_title_for(user, casus)
    digest.casussen = casussen
    digest.reacties = _take(
        digest,
        "reacties",
        Reactie.objects.filter(
            casus__in=casus_visible_to(user).filter(author=user),
            is_hidden=False,
            created_at__gt=since,
            created_at__lte=now,
        )
        .exclude(author=user)
        .select_related("author", "casus")
        .order_by("created_at", "pk"),
    )
    digest.publicaties = _take(
        digest,
        "publicaties",
        publicatie_visible_to(user, now=now)
        .filter(
            leerkring_id__in=circles,
            release_at__gt=since,
            release_at__lte=now,
        )
        .order_by("-release_at", "title"),
    )
    return digest


def digest_recipients(*, week: datetime.date):
    """Everyone who asked for the digest, can still log in, and takes part in a circle (a
    confirmed membership of an admitted municipality) or researches one, without a digest
    for `week` yet."""
    admitted_member = Lidmaatschap.objects.filter(
        user=OuterRef("pk"),
        status=Lidmaatschap.Status.CONFIRMED,
        gemeente__deelnames__status=Deelname.Status.ADMITTED,
    )
    researcher = Leerkring.objects.filter(researchers=OuterRef("pk"))
    return (
        User.objects.filter(weekly_digest=True, is_active=True, is_removed=False)
        .filter(Exists(admitted_member) | Exists(researcher))
        .exclude(digest_week=week)
        .order_by("pk")
    )


def week_of(now: datetime.datetime) -> datetime.date:
    """The Monday (Dutch time) of the week `now` falls in."""
    today = timezone.localdate(now)
    return today - datetime.timedelta(days=today.weekday())


def digest_send_all(*, now: datetime.datetime | None = None) -> int:
    """E-mail this week's digest to everyone who asked for it; returns how many were sent.

    Once per person per week, also when the task runs twice or twice at the same time: each
    person's week is claimed with a conditional update (`digest_week` → this Monday, only if it
    was not already) in the same transaction that writes the e-mail to the outbox. A second
    run finds the row claimed; a concurrent one waits for the row lock and then updates
    nothing. Who has nothing new gets no e-mail, and their week stays unclaimed on purpose:
    `digest_week` records a digest that was sent, and a later run in the same week (a retry
    after a failure) may still find news for them. The e-mail is in the person's own language
    (My settings; core.mail looks it up)."""
    now = now or timezone.now()
    batches = digest_batches(digest_recipient_ids(now=now))
    return sum(digest_send_to(user_ids=batch, now=now) for batch in batches)


# People per task when the weekly run is spread over the workers (leerkring.tasks).
DIGEST_BATCH = 250


def digest_recipient_ids(*, now: datetime.datetime) -> list[int]:
    """Who may get this week's digest, by id: the work the weekly run divides into batches."""
    return list(digest_recipients(week=week_of(now)).values_list("pk", flat=True))


def digest_batches(ids: list[int]) -> list[list[int]]:
    return [ids[start : start + DIGEST_BATCH] for start in range(0, len(ids), DIGEST_BATCH)]


def digest_send_to(*, user_ids: list[int], now: datetime.datetime) -> int:
    """The digest of the week of `now` for these people (each claimed as described above);
    returns how many were sent. Someone who got theirs meanwhile, or turned it off, is left
    out."""
    week = week_of(now)
    sent = failed = 0
    for user in list(digest_recipients(week=week).filter(pk__in=user_ids)):
        try:
            digest = digest_for(user=user, now=now)
            if not digest:
                continue
            with transaction.atomic():
                claimed = (
                    User.objects.filter(pk=user.pk, weekly_digest=True)
                    .exclude(digest_week=week)
                    .update(digest_week=week)
                )
                if not claimed:
                    continue
                mail_send(
                    template="leerkring/email/digest",
                    to=[user.email],
                    language=user.language,
                    context={
                        "person": user,
                        "digest": digest,
                        "site": site_url(),
                        "token": unsubscribe_token(user),
                    },
                )
            sent += 1
        except SoftTimeLimitExceeded:
            raise
        except Exception:
            # One person's failure must not cost everyone after them their digest; their week
            # stays unclaimed, so the next run tries again.
            failed += 1
            logger.exception("digest for user %s failed", user.pk)
    logger.info("digest for the week of %s: %d sent, %d failed", week, sent, failed)
    return sent


# --- Stopping the digest from the e-mail, without logging in ---------------------------------
def _fingerprint(user) -> str:
    # A link stops working when the address it was sent to is no longer the account's (changed,
    # or erased when the account was deleted).
    return salted_hmac(UNSUBSCRIBE_SALT, user.email.lower()).hexdigest()[:12]


def unsubscribe_token(user) -> str:
    """A signed token for the stop link: does not expire, names the person, and is only valid
    for their current e-mail address and this purpose (its own salt)."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object([user.pk, _fingerprint(user)])


def digest_recipient_from_token(*, token: str):
    """The person a stop link was made for, or None for a forged, broken or outdated token."""
    try:
        pk, fingerprint = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, int) or not isinstance(fingerprint, str):
        return None
    user = User.objects.filter(pk=pk, is_active=True, is_removed=False).first()
    if user is None or fingerprint != _fingerprint(user):
        return None
    return user


def digest_unsubscribe(*, user) -> bool:
    """Stop the weekly digest for this person. Returns whether it was on."""
    return bool(User.objects.filter(pk=user.pk, weekly_digest=True).update(weekly_digest=False))
