"""The daily retention run: each rule of the table (table.RULES) removes what has passed its
period. `retention_apply` claims the day first (a unique row, core.RetentionRun), so a second
run on the same day, at the same moment or later, removes nothing and writes nothing to the
audit log. Every rule runs in a savepoint of its own: one that fails is logged and leaves the
others to do their work; what it left is removed the next day (a rule removes everything
past its period, not one day's worth).

Each rule takes `now` and returns how many rows it removed, wiped or made anonymous."""

import datetime
import logging

from django.contrib.sessions.models import Session
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from bijeenkomsten.documents import PRESENTIELIJST
from bijeenkomsten.models import Aanmelding, Bijeenkomst
from gemeenten import services as gemeenten_services
from gemeenten.models import Deelname, Uitnodiging
from leerkring.core.audit import audit_record
from leerkring.core.exports import services as exports_services
from leerkring.core.models import (
    AuditEntry,
    OnderzoekerUitnodiging,
    OutgoingEmail,
    RenderJob,
    RetentionRun,
)
from leerkring.documents import DEELNAMEBEWIJS, DEELNAMEBEWIJZEN
from leerkring.mijn_gegevens import MIJN_GEGEVENS_PDF
from publicaties import services as publicaties_services
from publicaties.models import Download

from .table import RULES, RULES_BY_KEY

logger = logging.getLogger(__name__)

# The PDF kinds that carry people's names (a person's certificate, a municipality's
# certificates, a meeting's attendance list, a person's own data). They are made again when
# someone asks.
PERSONAL_PDF_KINDS = (DEELNAMEBEWIJS, DEELNAMEBEWIJZEN, PRESENTIELIJST, MIJN_GEGEVENS_PDF.kind)


def cutoff(key: str, now: datetime.datetime) -> datetime.datetime:
    """The moment before which the rule `key` removes data."""
    return now - datetime.timedelta(days=RULES_BY_KEY[key].period_days)


def _meetings_ended(key: str, now) -> Q:
    return Q(bijeenkomst__ends_at__lt=cutoff(key, now))


def aanmelding_behoeften(*, now) -> int:
    return (
        Aanmelding.objects.filter(_meetings_ended("aanmelding_behoeften", now))
        .filter(~Q(diet="") | ~Q(accessibility=""))
        .update(diet="", accessibility="")
    )


def aanmelding_afmeldreden(*, now) -> int:
    return (
        Aanmelding.objects.filter(_meetings_ended("aanmelding_afmeldreden", now))
        .exclude(cancel_reason="")
        .update(cancel_reason="")
    )


def bijeenkomst_contactpersoon(*, now) -> int:
    return (
        Bijeenkomst.objects.filter(ends_at__lt=cutoff("bijeenkomst_contactpersoon", now))
        .filter(~Q(contact_name="") | ~Q(contact_phone=""))
        .update(contact_name="", contact_phone="")
    )


def downloads(*, now) -> int:
    before = cutoff("downloads", now)
    return publicaties_services.downloads_forget(
        downloads=Download.objects.filter(created_at__lt=before),
        keep=Download.objects.filter(created_at__gte=before),
    )


def uitgaande_email(*, now) -> int:
    # A sent e-mail is deleted when it is sent (core.mail.outbox); what is left failed or
    # never found a worker.
    deleted, _per_model = OutgoingEmail.objects.filter(
        created_at__lt=cutoff("uitgaande_email", now)
    ).delete()
    return deleted


def exports(*, now) -> int:
    # The sweeper deletes them within a minute of their time (core.exports_expire); this is
    # the same function, as a backstop that is counted.
    return exports_services.exports_expire(now=now)


def pdf_met_namen(*, now) -> int:
    before = cutoff("pdf_met_namen", now)
    old = RenderJob.objects.filter(
        kind__in=PERSONAL_PDF_KINDS,
        status__in=(RenderJob.Status.READY, RenderJob.Status.FAILED),
    ).filter(Q(finished_at__lt=before) | Q(finished_at__isnull=True, created_at__lt=before))
    doomed = list(old.values_list("pk", "file"))
    RenderJob.objects.filter(pk__in=[pk for pk, _name in doomed]).delete()
    names = [name for _pk, name in doomed if name]
    storage = storages["private"]
    # The files go once the rows are gone for good (a rollback keeps both).
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    return len(doomed)


def uitnodiging_ongebruikt(*, now) -> int:
    # The sweeper deletes them too (gemeenten.uitnodigingen_expire); the period is its own.
    return gemeenten_services.uitnodigingen_expire(now=now)


def uitnodiging_gebruikt(*, now) -> int:
    deleted, _per_model = Uitnodiging.objects.filter(
        accepted_at__lt=cutoff("uitnodiging_gebruikt", now)
    ).delete()
    return deleted


def onderzoeker_uitnodiging(*, now) -> int:
    # Used or expired: the link no longer works, and the address is of no use any more.
    before = cutoff("onderzoeker_uitnodiging", now)
    deleted, _per_model = OnderzoekerUitnodiging.objects.filter(
        Q(accepted_at__lt=before) | Q(accepted_at__isnull=True, expires_at__lt=before)
    ).delete()
    return deleted


def gemeente_afgewezen_contact(*, now) -> int:
    return (
        Deelname.objects.filter(
            status=Deelname.Status.DECLINED,
            decided_at__lt=cutoff("gemeente_afgewezen_contact", now),
        )
        .filter(~Q(contact_name="") | ~Q(contact_email=""))
        .update(contact_name="", contact_email="")
    )


def logboek(*, now) -> int:
    deleted, _per_model = AuditEntry.objects.filter(created_at__lt=cutoff("logboek", now)).delete()
    return deleted


def sessies(*, now) -> int:
    # A session ends SESSION_COOKIE_AGE after it was last written; then it is of no use.
    deleted, _per_model = Session.objects.filter(expire_date__lt=now).delete()
    return deleted


APPLY = {
    "aanmelding_behoeften": aanmelding_behoeften,
    "aanmelding_afmeldreden": aanmelding_afmeldreden,
    "bijeenkomst_contactpersoon": bijeenkomst_contactpersoon,
    "downloads": downloads,
    "uitgaande_email": uitgaande_email,
    "exports": exports,
    "pdf_met_namen": pdf_met_namen,
    "uitnodiging_ongebruikt": uitnodiging_ongebruikt,
    "uitnodiging_gebruikt": uitnodiging_gebruikt,
    "onderzoeker_uitnodiging": onderzoeker_uitnodiging,
    "gemeente_afgewezen_contact": gemeente_afgewezen_contact,
    "logboek": logboek,
    "sessies": sessies,
}


def retention_apply(*, now: datetime.datetime | None = None) -> dict[str, int] | None:
    """Apply every rule once for the day of `now` (Dutch time). Returns {rule: how many} or
    None when the day was already claimed (nothing is done)."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    try:
        with transaction.atomic():
            run = RetentionRun.objects.create(day=day, started_at=now)
    except IntegrityError:
        logger.info("retention: %s was already done", day)
        return None
    counts = {}
    for rule in RULES:
        try:
            with transaction.atomic():
                counts[rule.key] = APPLY[rule.key](now=now)
        except Exception:
            logger.exception("retention rule %s failed", rule.key)
    # Written after every rule, so that the audit log's own rule never removes them. Counts
    # only: no name, no address, nothing that says who it was.
    for key, count in counts.items():
        if count:
            audit_record(
                actor=None,
                action=AuditEntry.Action.RETENTION_APPLIED,
                target=run,
                detail=f"{key}: {count}",
            )
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    logger.info("retention %s: %s", day, counts)
    return counts
