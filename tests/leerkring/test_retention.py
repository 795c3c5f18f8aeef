"""Retention that happens (issue 18, point 8): every period in one table, a nightly run that
removes what has passed it (at most once a day, in the audit log with counts only), figures
per municipality that still add up afterwards, and a privacy statement that names every kind
of personal data with its period."""

import datetime
import re
import threading

import pytest
from celery.schedules import crontab
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from bijeenkomsten.models import Aanmelding, Bijeenkomst
from bijeenkomsten.selectors.attendance import attendance_matrix
from gemeenten.models import Deelname, Uitnodiging
from leerkring import selectors as leerkring_selectors
from leerkring.celery import app as celery_app
from leerkring.core.models import AuditEntry, ExportJob, OutgoingEmail, RenderJob, RetentionRun
from leerkring.retention import services as retention
from leerkring.retention.table import (
    NOT_PERSONAL,
    PERSONAL_DATA,
    PERSONAL_FIELDS,
    RULES,
    RULES_BY_KEY,
)
from leerkring.tasks import retention_apply as retention_task
from publicaties import selectors as publicaties_selectors
from publicaties import services as publicaties_services
from publicaties.models import Download
from tests.conftest import wait_for
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    DeelnameFactory,
    ExportJobFactory,
    GemeenteFactory,
    PartnerFactory,
    PublicatieFactory,
    PublicatieVersieFactory,
    RenderJobFactory,
    UitnodigingFactory,
)
from tests.security.leak_table import RESTRICTED_FIELDS

DAY = datetime.timedelta(days=1)


def _days(key: str) -> int:
    return RULES_BY_KEY[key].period_days


# --- The world: one of each kind of data, just inside and just past its period ------------------
@pytest.fixture
def world(circle):
    """Data of every rule, made as it is today; the run is then applied at a moment `now` in
    the future, so that what is `old` has passed its period and `fresh` has not."""
    now = timezone.now() + datetime.timedelta(days=800)
    keep = _days("aanmelding_behoeften")
    w = type("World", (), {})()
    w.circle, w.now = circle, now
    # Meetings: one that ended just past the period, one just inside it.
    w.old_meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        starts_at=now - (keep + 1) * DAY - datetime.timedelta(hours=3),
        contact_name="Joke Contact",
        contact_phone="06-12345678",
    )
    w.fresh_meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        starts_at=now - (keep - 1) * DAY - datetime.timedelta(hours=3),
        contact_name="Piet Contact",
        contact_phone="06-87654321",
    )
    for meeting, prefix in ((w.old_meeting, "oud"), (w.fresh_meeting, "nieuw")):
        AanmeldingFactory(
            bijeenkomst=meeting,
            deelnemer=circle.member,
            gemeente=circle.breda,
            status=Aanmelding.Status.ATTENDED,
            diet=f"{prefix} glutenvrij",
            accessibility=f"{prefix} rolstoel",
        )
        AanmeldingFactory(
            bijeenkomst=meeting,
            deelnemer=circle.other_member,
            gemeente=circle.tilburg,
            status=Aanmelding.Status.CANCELLED,
            cancelled_at=meeting.starts_at - 2 * DAY,
            cancel_reason=f"{prefix} ziek",
        )
        AanmeldingFactory(
            bijeenkomst=meeting,
            deelnemer=circle.coordinator,
            gemeente=circle.breda,
            status=Aanmelding.Status.REGISTERED,
            diet=f"{prefix} vegetarisch",
        )
    # Downloads: people of Breda (two downloads by one person in the old months), a partner,
    # and a visitor without an account; old ones and fresh ones.
    w.closing = PublicatieFactory(leerkring=circle.leerkring, kind="slotpublicatie")
    versie = PublicatieVersieFactory(publicatie=w.closing)
    partner = PartnerFactory(email_domain="vng.nl")
    old_at = now - (_days("downloads") + 40) * DAY
    fresh_at = now - 10 * DAY
    rows = [
        (circle.member, circle.breda, None, old_at),
        (circle.member, circle.breda, None, old_at + 3 * DAY),
        (circle.coordinator, circle.breda, None, old_at),
        (circle.coordinator, circle.breda, None, fresh_at),  # also fresh: counted once
        (circle.other_member, circle.tilburg, partner, old_at),
        (circle.hidden, circle.breda, None, fresh_at),
        (None, None, None, old_at),
    ]
    for user, gemeente, partner_, at in rows:
        w.visitor_download = Download.objects.create(
            publicatie=w.closing,
            versie=versie,
            user=user,
            gemeente=gemeente,
            partner=partner_,
            created_at=at,
        )
    # The outbox: an e-mail that could not be sent, an old one and a fresh one.
    for at, subject in ((now - 31 * DAY, "oud"), (now - 29 * DAY, "nieuw")):
        OutgoingEmail.objects.create(
            subject=subject, body="Beste Lid", to=["lid@breda.nl"], status="failed", created_at=at
        )
    # Exports and PDFs with names.
    w.old_export = ExportJobFactory(
        user=circle.researcher, created_at=now - (settings.EXPORT_KEEP_DAYS + 1) * DAY
    )
    w.fresh_export = ExportJobFactory(user=circle.researcher, created_at=now - DAY)
    storage = storages["private"]
    w.pdf_name = storage.save("retention/deelnamebewijs.pdf", ContentFile(b"%PDF-1.7 Lid"))
    w.old_pdf = RenderJobFactory(
        kind="deelnamebewijs",
        status="ready",
        file=w.pdf_name,
        finished_at=now - (_days("pdf_met_namen") + 1) * DAY,
    )
    w.fresh_pdf = RenderJobFactory(
        kind="presentielijst", status="failed", finished_at=now - DAY, created_at=now - DAY
    )
    w.old_own_data_pdf = RenderJobFactory(
        kind="mijn-gegevens", status="failed", finished_at=now - (_days("pdf_met_namen") + 1) * DAY
    )
    w.old_report_pdf = RenderJobFactory(
        kind="verslag", status="failed", finished_at=now - 400 * DAY
    )  # no names in it: a report stays
    # Invitations: used long ago, used recently, unused and expired long ago, still open.
    w.used_old = UitnodigingFactory(
        gemeente=circle.breda,
        accepted_at=now - (_days("uitnodiging_gebruikt") + 1) * DAY,
        accepted_by=circle.member,
    )
    w.used_fresh = UitnodigingFactory(
        gemeente=circle.breda, accepted_at=now - DAY, accepted_by=circle.hidden
    )
    w.unused_old = UitnodigingFactory(
        gemeente=circle.breda, expires_at=now - (_days("uitnodiging_ongebruikt") + 1) * DAY
    )
    w.unused_open = UitnodigingFactory(gemeente=circle.breda, expires_at=now + DAY)
    # A declined municipality: its contact person, long ago and recently.
    w.declined_old = DeelnameFactory(
        leerkring=circle.leerkring,
        gemeente=GemeenteFactory(),
        status=Deelname.Status.DECLINED,
        decided_at=now - (_days("gemeente_afgewezen_contact") + 1) * DAY,
        contact_name="Oud Contact",
        contact_email="oud@almelo.nl",
    )
    w.declined_fresh = DeelnameFactory(
        leerkring=circle.leerkring,
        gemeente=GemeenteFactory(),
        status=Deelname.Status.DECLINED,
        decided_at=now - DAY,
        contact_name="Nieuw Contact",
        contact_email="nieuw@almelo.nl",
    )
    # The audit log, and sessions.
    w.old_audit = AuditEntry.objects.create(
        action=AuditEntry.Action.ROLE_GRANTED,
        target_type="core.user",
        target_id=circle.member.pk,
        target_repr="Lid Breda",
        subject=circle.member,
        created_at=now - (_days("logboek") + 1) * DAY,
    )
    w.fresh_audit = AuditEntry.objects.create(
        action=AuditEntry.Action.ROLE_GRANTED,
        target_type="core.user",
        target_id=circle.member.pk,
        target_repr="Lid Breda",
        subject=circle.member,
        created_at=now - DAY,
    )
    for expire_date, key in ((now - DAY, "verlopen"), (now + DAY, "geldig")):
        Session.objects.create(
            session_key=f"retention{key}sessie".ljust(32, "0"),
            session_data=SessionStore().encode({"_auth_user_id": str(circle.member.pk)}),
            expire_date=expire_date,
        )
    return w


def _figures(w) -> dict:
    """Every figure per municipality the product shows that rests on the data retention
    touches: the circle in numbers, attendance per meeting and municipality (researcher and
    coordinator), downloads per municipality and partner, the coordinator's downloads, and
    the closing publication's downloads per municipality."""
    c = w.circle
    coordinator = leerkring_selectors.coordinator_home(user=c.coordinator)
    return {
        "numbers": [
            [(str(label), n) for label, n in circle["figures"]]
            for circle in leerkring_selectors.circle_numbers(now=w.now)
        ],
        "attendance": attendance_matrix(user=c.researcher, leerkring=c.leerkring),
        "attendance_breda": attendance_matrix(user=c.coordinator),
        "downloads": [
            {
                "total": f["total"],
                "gemeenten": [(r["gemeente__name"], r["n"], r["people"]) for r in f["gemeenten"]],
                "partners": [(r["partner__name"], r["n"], r["people"]) for r in f["partners"]],
            }
            for f in publicaties_selectors.download_figures(user=c.researcher)
        ],
        "coordinator": [
            [(d["publicatie"].pk, d["downloads"], d["people"]) for d in s["downloads"]]
            for s in coordinator
        ],
        "closing": leerkring_selectors.closing_downloads_per_gemeente(leerkring=c.leerkring)[1],
        "registrations": sorted(
            Aanmelding.objects.values_list("bijeenkomst_id", "gemeente_id", "status")
        ),
    }


# --- What the run removes, and what it keeps ----------------------------------------------------
@pytest.mark.usefixtures("file_storage")
def test_the_run_removes_what_has_passed_its_period_and_keeps_the_rest(
    world, django_capture_on_commit_callbacks
):
    w = world
    before = _figures(w)
    assert before["downloads"][0]["gemeenten"] == [("Breda", 5, 3), ("Tilburg", 1, 1), (None, 1, 0)]

    with django_capture_on_commit_callbacks(execute=True):
        counts = retention.retention_apply(now=w.now)

    # Needs and cancel reasons: gone for the meeting that ended more than 30 days ago.
    old = Aanmelding.objects.filter(bijeenkomst=w.old_meeting)
    assert set(old.values_list("diet", "accessibility", "cancel_reason")) == {("", "", "")}
    fresh = Aanmelding.objects.filter(bijeenkomst=w.fresh_meeting)
    assert {a.diet for a in fresh} == {"nieuw glutenvrij", "nieuw vegetarisch", ""}
    assert {a.cancel_reason for a in fresh} == {"nieuw ziek", ""}
    assert counts["aanmelding_behoeften"] == 2 and counts["aanmelding_afmeldreden"] == 1
    # The contact person for the day.
    w.old_meeting.refresh_from_db()
    w.fresh_meeting.refresh_from_db()
    assert (w.old_meeting.contact_name, w.old_meeting.contact_phone) == ("", "")
    assert (w.fresh_meeting.contact_name, w.fresh_meeting.contact_phone) == (
        "Piet Contact",
        "06-87654321",
    )
    # Downloads: the old ones no longer say who, and keep only the month.
    old_downloads = Download.objects.filter(created_at__lt=w.now - 365 * DAY)
    assert old_downloads.count() == 5
    assert not old_downloads.filter(user__isnull=False).exists()
    local = [
        d.created_at.astimezone(datetime.UTC)
        for d in old_downloads.exclude(pk=w.visitor_download.pk)
    ]
    assert {(t.day, t.hour, t.minute) for t in local} == {(1, 0, 0)}
    assert Download.objects.filter(user__isnull=False).count() == 2  # the fresh ones
    assert counts["downloads"] == 4  # the visitor's download said nobody already
    # The outbox, exports and PDFs with names.
    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == ["nieuw"]
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [w.fresh_export.pk]
    assert set(RenderJob.objects.values_list("pk", flat=True)) == {
        w.fresh_pdf.pk,
        w.old_report_pdf.pk,
    }
    assert not storages["private"].exists(w.pdf_name)
    # Invitations.
    assert set(Uitnodiging.objects.values_list("pk", flat=True)) == {
        w.used_fresh.pk,
        w.unused_open.pk,
    }
    # The declined municipality's contact.
    w.declined_old.refresh_from_db()
    w.declined_fresh.refresh_from_db()
    assert (w.declined_old.contact_name, w.declined_old.contact_email) == ("", "")
    assert w.declined_fresh.contact_email == "nieuw@almelo.nl"
    # The audit log and sessions.
    assert not AuditEntry.objects.filter(pk=w.old_audit.pk).exists()
    assert AuditEntry.objects.filter(pk=w.fresh_audit.pk).exists()
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        "retentiongeldigsessie".ljust(32, "0")
    ]
    assert set(counts) == {rule.key for rule in RULES}

    # The figures per municipality are what they were.
    assert _figures(w) == before


def test_the_figures_still_add_up_after_a_second_year(world):
    """A person counted once among the forgotten downloads is not counted again when their
    recent download is forgotten a year later."""
    w = world
    before = _figures(w)
    retention.retention_apply(now=w.now)
    later = w.now + 400 * DAY
    retention.retention_apply(now=later)
    assert not Download.objects.filter(user__isnull=False).exists()
    w.now = later
    after = _figures(w)
    assert after["downloads"] == before["downloads"]
    assert after["coordinator"] == before["coordinator"]
    assert after["closing"] == before["closing"]


def test_a_deleted_account_still_counts_as_one_person_in_the_downloads(world):
    w = world
    before = _figures(w)["downloads"]
    publicaties_services.personal_data_erase(user=w.circle.coordinator)
    assert not Download.objects.filter(user=w.circle.coordinator).exists()
    assert _figures(w)["downloads"] == before


def test_the_audit_log_records_each_rule_with_counts_and_no_personal_data(world):
    w = world
    counts = retention.retention_apply(now=w.now)
    run = RetentionRun.objects.get()
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.RETENTION_APPLIED)
    expected = {f"{key}: {n}" for key, n in counts.items() if n}
    assert {e.detail for e in entries} == expected
    assert len(expected) == len([n for n in counts.values() if n]) >= 10
    for entry in entries:
        assert entry.actor is None and entry.subject is None
        assert (entry.target_type, entry.target_id) == ("core.retentionrun", run.pk)
        for personal in ("Lid", "Breda", "breda.nl", "glutenvrij", "Contact", "06-"):
            assert personal not in entry.detail + entry.target_repr
    assert run.day == timezone.localdate(w.now) and run.finished_at is not None


def test_a_day_without_anything_to_remove_writes_nothing_to_the_log(circle):
    assert retention.retention_apply() == {rule.key: 0 for rule in RULES}
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.RETENTION_APPLIED).exists()


# --- At most once a day -----------------------------------------------------------------------
def test_beat_runs_the_task_every_night_and_a_second_run_that_day_does_nothing(
    world, django_capture_on_commit_callbacks
):
    [entry] = [
        e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == retention_task.name
    ]
    assert retention_task.name == "leerkring.retention_apply"
    assert retention_task.name in celery_app.tasks
    assert entry["schedule"] == crontab(minute=30, hour=3)

    # The task runs on today's date; make its data old by today's clock.
    shift = world.now - timezone.now()
    Bijeenkomst.objects.update(
        starts_at=models.F("starts_at") - shift,
        ends_at=models.F("ends_at") - shift,
        registration_closes_at=models.F("registration_closes_at") - shift,
    )
    assert shift > datetime.timedelta(days=799)

    with django_capture_on_commit_callbacks(execute=True):
        retention_task.delay()
    assert not Aanmelding.objects.filter(bijeenkomst=world.old_meeting).exclude(diet="").exists()
    logged = AuditEntry.objects.filter(action=AuditEntry.Action.RETENTION_APPLIED).count()
    assert logged >= 2

    # New data past its period, then the task again on the same day: nothing happens.
    AanmeldingFactory(bijeenkomst=world.old_meeting, diet="later glutenvrij")
    with django_capture_on_commit_callbacks(execute=True):
        retention_task.delay()
    assert Aanmelding.objects.filter(diet="later glutenvrij").exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RETENTION_APPLIED).count() == logged
    assert RetentionRun.objects.count() == 1

    # The next day it is removed.
    assert retention.retention_apply(now=timezone.now() + DAY)["aanmelding_behoeften"] >= 1
    assert not Aanmelding.objects.filter(diet="later glutenvrij").exists()
    assert RetentionRun.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_apply_the_rules_once(circle):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, starts_at=timezone.now() - 60 * DAY)
    for _ in range(5):
        AanmeldingFactory(bijeenkomst=meeting, diet="glutenvrij")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=20)
            results.append(retention.retention_apply())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(results, key=lambda r: r is None)[1] is None
    assert next(r for r in results if r)["aanmelding_behoeften"] == 5
    assert RetentionRun.objects.count() == 1
    assert list(
        AuditEntry.objects.filter(action=AuditEntry.Action.RETENTION_APPLIED).values_list(
            "detail", flat=True
        )
    ) == ["aanmelding_behoeften: 5"]


@pytest.mark.worker
def test_the_task_sent_twice_to_the_real_worker_runs_once(circle, celery_worker):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, starts_at=timezone.now() - 60 * DAY)
    AanmeldingFactory(bijeenkomst=meeting, accessibility="rolstoel")
    retention_task.delay()
    retention_task.delay()
    wait_for(lambda: RetentionRun.objects.filter(finished_at__isnull=False).exists())
    wait_for(lambda: not Aanmelding.objects.exclude(accessibility="").exists())
    # The second message is handled (skipped) too; wait for both before counting.
    done = re.compile(r"Task leerkring\.retention_apply\[[^\]]+\] succeeded")
    wait_for(lambda: len(done.findall(celery_worker.log.read_text())) >= 2)
    assert RetentionRun.objects.count() == 1
    assert list(
        AuditEntry.objects.filter(action=AuditEntry.Action.RETENTION_APPLIED).values_list(
            "detail", flat=True
        )
    ) == ["aanmelding_behoeften: 1"]


# --- The one table, the statement and the models -------------------------------------------------
def test_every_rule_has_its_action_and_every_kind_of_data_a_period():
    assert set(retention.APPLY) == {rule.key for rule in RULES}
    assert len(RULES_BY_KEY) == len(RULES)
    used = {key for gegeven in PERSONAL_DATA for key in gegeven.rules}
    assert used == set(RULES_BY_KEY), "every rule removes a kind of data the statement names"
    for gegeven in PERSONAL_DATA:
        assert gegeven.retention(), gegeven.key
        for key in gegeven.rules:
            assert set(RULES_BY_KEY[key].fields) <= set(gegeven.fields), key


def _field(label: str):
    app_model, name = label.rsplit(".", 1)
    return apps.get_model(app_model)._meta.get_field(name)


TEXT = (models.CharField, models.TextField, models.EmailField, models.JSONField, models.URLField)
HINTS = ("email", "name", "phone", "contact", "address", "author", "speaker", "facilitator")


def _fields_to_declare() -> set[str]:
    """The fields a person's data may be in: every field of the user; on models that point at
    a person, the pointers and their free text; e-mail addresses, names and phone numbers on
    any model; and every field the leak test declares as restricted."""
    User = get_user_model()
    relation = (models.ForeignKey, models.OneToOneField, models.ManyToManyField)
    found = set(RESTRICTED_FIELDS)
    for model in apps.get_models():
        fields = [
            f
            for f in model._meta.get_fields()
            if (f.concrete or isinstance(f, models.ManyToManyField)) and not f.auto_created
        ]
        refers = any(isinstance(f, relation) and f.related_model is User for f in fields)
        for f in fields:
            label = f"{model._meta.label}.{f.name}"
            is_text = isinstance(f, TEXT) and not f.choices and not isinstance(f, models.SlugField)
            wanted = (
                (model is User and not isinstance(f, models.AutoField))
                or (isinstance(f, relation) and f.related_model is User)
                or (refers and is_text)
                or isinstance(f, models.EmailField)
                or (is_text and any(hint in f.name for hint in HINTS))
            )
            if wanted:
                found.add(label)
    return found


def test_every_personal_field_of_the_models_has_a_line_in_the_statement():
    """A new field that holds a person's data (or might) fails here until it is declared in
    leerkring/retention/table.py: in PERSONAL_DATA (a line of the privacy statement, with how
    long it is kept) or in NOT_PERSONAL with the reason."""
    undeclared = _fields_to_declare() - set(PERSONAL_FIELDS) - set(NOT_PERSONAL)
    assert undeclared == set(), "declare these in leerkring/retention/table.py"
    both = set(PERSONAL_FIELDS) & set(NOT_PERSONAL)
    assert both == set()
    for label in [*PERSONAL_FIELDS, *NOT_PERSONAL]:
        _field(label)  # raises for a field that no longer exists


def test_the_check_sees_a_new_personal_field(monkeypatch):
    """The check above can fail: a model that gets a phone number is caught."""
    field = models.CharField("telefoon", max_length=20, blank=True)
    field.set_attributes_from_name("phone")
    field.model = Bijeenkomst
    original = Bijeenkomst._meta.get_fields

    def with_phone(*args, **kwargs):
        return (*original(*args, **kwargs), field)

    monkeypatch.setattr(Bijeenkomst._meta, "get_fields", with_phone)
    assert "bijeenkomsten.Bijeenkomst.phone" in _fields_to_declare() - set(PERSONAL_FIELDS)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_privacy_statement_names_every_kind_of_data_and_its_period(client, db):
    page = client.get(reverse("privacy"))
    assert page.status_code == 200
    html = page.content.decode()
    text = _text(html)
    for gegeven in PERSONAL_DATA:
        assert escape(str(gegeven.what)) in html, gegeven.key
        assert escape(str(gegeven.why)) in html, gegeven.key
        for sentence in gegeven.retention():
            assert escape(sentence) in html, (gegeven.key, sentence)
    # What issue 18 found missing, in words a person looks for.
    for words in (
        "dieetwensen",
        "gezondheid",
        "downloadt",
        "taal",
        "herinneringen",
        "reden die je geeft als je je afmeldt",
        "contactpersoon op de dag",
        "30 dagen na de bijeenkomst: dan wissen we ze.",
        "1 jaar na de download: dan halen we weg wie het was",
        f"{settings.EXPORT_KEEP_DAYS} dagen na het aanvragen",
        "2 jaar na de handeling",
    ):
        assert words in text, words


def test_the_statement_follows_the_table_when_a_period_changes(client, db, settings):
    settings.EXPORT_KEEP_DAYS = 3
    text = _text(client.get(reverse("privacy")).content.decode())
    assert "3 dagen na het aanvragen: dan verwijderen we ze." in text
