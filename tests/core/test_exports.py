"""The CSV export building block: files for Dutch Excel, defused formulas, and background
exports whose row is the truth (claimed once, progress visible, swept, expired, only for
the person who asked)."""

import datetime
import io
import json
import time

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from bijeenkomsten.exports import AANMELDINGEN
from leerkring.core import exports, tasks
from leerkring.core.exports import services as export_services
from leerkring.core.exports import worker as export_worker
from leerkring.core.models import ExportJob
from tests.conftest import wait_for
from tests.core.test_render_worker import worker_and_beat_on_own_broker
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    ExportJobFactory,
    LidmaatschapFactory,
)
from tests.support import assert_refused, csv_rows, files_in

UTC = datetime.UTC


def written(headers, rows) -> str:
    handle = io.StringIO(newline="")
    exports.write_csv(handle, headers, rows)
    return handle.getvalue()


# --- The file ---------------------------------------------------------------------------------
def test_the_file_is_made_for_dutch_excel():
    text = written(
        ["Naam", "Wanneer", "Dag", "Aantal", "Aanwezig", "Rollen", "Opmerking"],
        [
            [
                "Fatima El Amrani",
                datetime.datetime(2019, 7, 1, 8, 30, tzinfo=UTC),
                datetime.date(2019, 7, 1),
                3,
                True,
                ["sturen", "faciliteren"],
                'punt; komma, en "aanhalingstekens"\nen een tweede regel',
            ],
            ["Mark", datetime.datetime(2019, 1, 1, 8, 30, tzinfo=UTC), None, 0, False, [], None],
        ],
    )
    assert text.startswith("\ufeffNaam;Wanneer;Dag;Aantal;Aanwezig;Rollen;Opmerking\r\n")
    rows = csv_rows(text.encode("utf-8"))
    assert rows[1] == [
        "Fatima El Amrani",
        "2019-07-01 10:30",  # summer time in Amsterdam
        "2019-07-01",
        "3",
        "ja",
        "sturen, faciliteren",
        'punt; komma, en "aanhalingstekens"\nen een tweede regel',
    ]
    assert rows[2] == ["Mark", "2019-01-01 09:30", "", "0", "nee", "", ""]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 12345678", "'+31 6 12345678"),
        ("-2", "'-2"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\tverborgen", "'\tverborgen"),
        ("\r=1+1", "'\n=1+1"),  # line breaks are written as "\n" (leerkring.core.text)
        ("\n=1+1", "'\n=1+1"),
        ('=HYPERLINK("https://kwaad.example")', '\'=HYPERLINK("https://kwaad.example")'),
        (["=1+1", "b"], "'=1+1, b"),
        ("gewoon = tekst", "gewoon = tekst"),
        (-5, "-5"),  # a number is a number
    ],
)
def test_a_cell_that_a_spreadsheet_would_run_as_a_formula_stays_text(value, cell):
    assert csv_rows(written(["Waarde", "Nr"], [[value, 1]]).encode())[1] == [cell, "1"]


def test_a_header_that_looks_like_a_formula_stays_text():
    assert csv_rows(written(["=Gemeente", "@Nr"], []).encode()) == [["'=Gemeente", "'@Nr"]]


# --- Jobs -------------------------------------------------------------------------------------
@pytest.fixture
def registrations(circle):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off", capacity=20)
    for i in range(5):
        AanmeldingFactory(
            bijeenkomst=meeting,
            deelnemer=LidmaatschapFactory(gemeente=circle.breda).user,
            gemeente=circle.breda,
            status="aangemeld",
            diet="halal" if i == 0 else "",
        )
    return meeting


def files_of(job) -> list[str]:
    return files_in(f"exports/{job.user_id}/{job.pk}")


def request_held(circle, django_capture_on_commit_callbacks, params=None):
    """An export asked for whose message is not sent (kept back, as if lost)."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = export_services.export_request(
            user=circle.researcher, kind=AANMELDINGEN, params=params or {}
        )
    assert len(callbacks) == 1  # the message goes once the row is committed
    return job


@pytest.mark.usefixtures("file_storage")
def test_a_job_writes_the_file_and_ends_ready(
    circle, registrations, django_capture_on_commit_callbacks
):
    job = request_held(circle, django_capture_on_commit_callbacks)
    assert (job.status, job.title, job.language) == ("queued", "Aanmeldingen en aanwezigheid", "nl")
    assert export_worker.export_run(job_id=job.pk) == "ready"
    job.refresh_from_db()
    assert (job.status, job.rows_total, job.rows_done, job.attempts) == ("ready", 5, 5, 1)
    assert job.filename == f"aanmeldingen-{timezone.localdate():%Y-%m-%d}.csv"
    table = csv_rows(job.file.read())
    assert table[0][:3] == ["Bijeenkomst", "Datum", "Persoon"]
    assert len(table) == 6 and {row[0] for row in table[1:]} == {"Kick-off"}
    assert "halal" in {row[7] for row in table[1:]}


@pytest.mark.usefixtures("file_storage")
def test_a_duplicate_message_makes_nothing_twice(
    circle, registrations, django_capture_on_commit_callbacks
):
    job = request_held(circle, django_capture_on_commit_callbacks)
    assert export_worker.export_run(job_id=job.pk, task_id="a") == "ready"
    finished = ExportJob.objects.get(pk=job.pk).finished_at
    assert export_worker.export_run(job_id=job.pk, task_id="b") == "ready"  # nothing to do
    job.refresh_from_db()
    assert job.attempts == 1 and job.finished_at == finished
    assert files_of(job) == [job.filename]


@pytest.mark.usefixtures("file_storage")
def test_while_one_worker_writes_a_second_message_waits_its_turn_out(
    circle, registrations, django_capture_on_commit_callbacks
):
    job = request_held(circle, django_capture_on_commit_callbacks)
    ExportJob.objects.filter(pk=job.pk).update(
        status="running", task_id="a", attempts=1, started_at=timezone.now()
    )
    assert export_worker.export_run(job_id=job.pk, task_id="b") == "running"
    assert files_of(job) == []
    # The same message again means its worker died: it takes over.
    assert export_worker.export_run(job_id=job.pk, task_id="a") == "ready"
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("ready", 2)


def test_a_job_started_too_often_fails_with_a_message(
    circle, registrations, django_capture_on_commit_callbacks
):
    job = request_held(circle, django_capture_on_commit_callbacks)
    ExportJob.objects.filter(pk=job.pk).update(attempts=django_settings.RENDER_MAX_ATTEMPTS)
    assert export_worker.export_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == "failed" and "3 keer begonnen" in job.last_error


@pytest.fixture
def slow_kind(circle):
    """An export kind that records, at every row, what another database session sees of the
    job's progress at that moment."""
    seen = []

    def rows(user, params):
        def generate():
            job_id = ExportJob.objects.filter(kind="test.voortgang").values_list("pk", flat=True)[0]
            db = connection.settings_dict
            with psycopg.connect(
                dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"] or None,
                host=db["HOST"], port=db["PORT"] or None, autocommit=True,
            ) as other:  # fmt: skip
                for i in range(7):
                    seen.append(
                        other.execute(
                            "SELECT rows_done FROM core_exportjob WHERE id = %s", [job_id]
                        ).fetchone()[0]
                    )
                    yield [f"regel {i}"]

        return 7, generate()

    exports.register(
        "test.voortgang",
        exports.ExportSpec(title="Voortgang", filename="voortgang", columns=["Regel"], rows=rows),
    )
    yield seen
    exports._specs.pop("test.voortgang")


@pytest.mark.django_db(transaction=True)
def test_the_progress_is_visible_to_others_while_the_file_is_written(circle, slow_kind, settings):
    settings.EXPORT_PROGRESS_EVERY = 2
    job = ExportJobFactory(kind="test.voortgang", user=circle.researcher, filename="v.csv")
    assert export_worker.export_run(job_id=job.pk) == "ready"
    # Each update is committed on its own, so the page polling for it sees it at once.
    assert slow_kind == [0, 0, 2, 2, 4, 4, 6]
    job.refresh_from_db()
    assert (job.rows_done, job.rows_total, job.percent) == (7, 7, 100)


@pytest.mark.usefixtures("file_storage")
def test_filters_that_are_no_longer_valid_fail_readably(
    circle, registrations, django_capture_on_commit_callbacks
):
    job = request_held(circle, django_capture_on_commit_callbacks, {"status": ["onzin"]})
    assert export_worker.export_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.last_error.startswith("De filters kloppen niet: Status: Selecteer een geldige keuze")
    assert files_of(job) == []


def test_a_failed_export_shows_why_and_can_be_tried_again(
    client, circle, registrations, django_capture_on_commit_callbacks
):
    job = request_held(circle, django_capture_on_commit_callbacks)
    circle.leerkring.researchers.remove(circle.researcher)
    assert export_worker.export_run(job_id=job.pk) == "failed"
    client.force_login(circle.researcher)
    page = client.get(f"/exports/{job.pk}/").text
    assert "Het maken van de export is mislukt." in page
    assert "Je mag deze export niet meer maken." in page
    assert f'action="/exports/{job.pk}/opnieuw/"' in page and "Probeer opnieuw" in page

    circle.leerkring.researchers.add(circle.researcher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/exports/{job.pk}/opnieuw/")
    assert response.status_code == 302 and response["Location"] == f"/exports/{job.pk}/"
    job.refresh_from_db()
    assert (job.status, job.attempts, job.last_error, job.rows_done) == ("ready", 1, "", 5)
    assert "Het bestand is klaar: 5 regels." in client.get(f"/exports/{job.pk}/").text


def test_the_status_updates_itself_with_htmx_until_ready(
    client, circle, registrations, django_capture_on_commit_callbacks
):
    job = request_held(circle, django_capture_on_commit_callbacks)
    ExportJob.objects.filter(pk=job.pk).update(
        status="running", rows_total=5, rows_done=2, started_at=timezone.now()
    )
    client.force_login(circle.researcher)
    page = client.get(f"/exports/{job.pk}/").text
    assert 'role="status"' in page and "Het bestand wordt nu gemaakt." in page
    fragment = client.get(f"/exports/{job.pk}/status/", headers={"HX-Request": "true"}).text
    assert f'hx-get="/exports/{job.pk}/status/"' in fragment and 'hx-trigger="every 2s"' in fragment
    assert '<progress id="export-progress" max="5" value="2">40%</progress>' in fragment
    assert "2 van 5 regels" in fragment
    # Without JavaScript the address of the fragment leads to the page.
    plain = client.get(f"/exports/{job.pk}/status/")
    assert plain.status_code == 302 and plain["Location"] == f"/exports/{job.pk}/"
    # Asking for the file too early says so.
    early = client.get(f"/exports/{job.pk}/download/", follow=True)
    assert "Het bestand is nog niet klaar." in early.text

    ExportJob.objects.filter(pk=job.pk).update(status="queued", attempts=0)
    export_worker.export_run(job_id=job.pk)
    fragment = client.get(f"/exports/{job.pk}/status/", headers={"HX-Request": "true"}).text
    assert "hx-get" not in fragment
    assert f'href="/exports/{job.pk}/download/"' in fragment


@pytest.mark.usefixtures("file_storage")
def test_only_the_person_who_asked_sees_an_export(
    client, circle, registrations, django_capture_on_commit_callbacks
):
    job = request_held(circle, django_capture_on_commit_callbacks)
    export_worker.export_run(job_id=job.pk)
    other_researcher = LidmaatschapFactory(gemeente=circle.tilburg).user
    circle.leerkring.researchers.add(other_researcher)
    urls = [f"/exports/{job.pk}/", f"/exports/{job.pk}/status/", f"/exports/{job.pk}/download/"]
    for user in (None, circle.coordinator, circle.member, other_researcher):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            assert_refused(client.get(url), anonymous=user is None)
        assert_refused(client.post(f"/exports/{job.pk}/opnieuw/"), anonymous=user is None)
    client.force_login(circle.researcher)
    download = client.get(f"/exports/{job.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Cache-Control"] == "private, no-store"
    assert download["Content-Disposition"] == f'attachment; filename="{job.filename}"'
    assert client.get("/exports/999999/").status_code == 404


# --- The sweeper ------------------------------------------------------------------------------
def test_the_sweeper_sends_again_what_waits_too_long(
    circle, registrations, django_capture_on_commit_callbacks, settings
):
    settings.SWEEP_STUCK_AFTER = 60
    lost = request_held(circle, django_capture_on_commit_callbacks)
    dead = request_held(circle, django_capture_on_commit_callbacks)
    fresh = request_held(circle, django_capture_on_commit_callbacks)
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    ExportJob.objects.filter(pk=lost.pk).update(queued_at=long_ago)
    ExportJob.objects.filter(pk=dead.pk).update(
        status="running", attempts=1, task_id="gestorven", started_at=long_ago
    )
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep()  # what beat runs every minute (tasks run in-process here)
    assert ExportJob.objects.get(pk=lost.pk).status == "ready"
    dead.refresh_from_db()
    assert (dead.status, dead.attempts) == ("ready", 2)
    assert ExportJob.objects.get(pk=fresh.pk).status == "queued"  # not waiting long yet


@pytest.mark.usefixtures("file_storage")
def test_old_exports_are_deleted_with_their_files(
    circle, registrations, django_capture_on_commit_callbacks, settings
):
    settings.EXPORT_KEEP_DAYS = 7
    old = request_held(circle, django_capture_on_commit_callbacks)
    recent = request_held(circle, django_capture_on_commit_callbacks)
    for job in (old, recent):
        export_worker.export_run(job_id=job.pk)
    ExportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    ExportJob.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=6, hours=23)
    )
    assert files_of(old) and files_of(recent)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.sweep()
    assert not ExportJob.objects.filter(pk=old.pk).exists() and files_of(old) == []
    assert ExportJob.objects.filter(pk=recent.pk).exists() and files_of(recent)


@pytest.mark.usefixtures("file_storage")
def test_a_deleted_account_takes_its_exports_along(
    client, circle, registrations, django_capture_on_commit_callbacks
):
    from leerkring.privacy import account_delete

    job = request_held(circle, django_capture_on_commit_callbacks)
    export_worker.export_run(job_id=job.pk)
    client.force_login(circle.researcher)
    mine = json.loads(client.get("/account/profiel/gegevens/").content)[
        "overzichten_die_je_liet_maken"
    ]
    assert [(e["export"], e["status"]) for e in mine] == [("Aanmeldingen en aanwezigheid", "ready")]
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=circle.researcher)
    assert not ExportJob.objects.exists() and files_of(job) == []


# --- The broker down while asking -------------------------------------------------------------
@pytest.mark.worker
def test_broker_down_when_asked_the_sweeper_makes_the_export_later(
    transactional_db, client, circle, registrations, tmp_path, settings
):
    settings.EXPORT_INLINE_MAX_ROWS = 2
    with worker_and_beat_on_own_broker(tmp_path, "exports") as broker:
        broker.stop()

        client.force_login(circle.researcher)
        started = time.monotonic()
        response = client.post("/bijeenkomsten/aanmeldingen/export/")
        assert time.monotonic() - started < 2.0  # the request does not wait for Redis
        job = ExportJob.objects.get()
        assert response["Location"] == f"/exports/{job.pk}/"
        time.sleep(2)
        job.refresh_from_db()
        assert job.status == "queued"  # nothing was sent, nothing is lost

        broker.start()  # nobody touches the job: beat's sweeper sends it again
        job = wait_for(lambda: ExportJob.objects.filter(pk=job.pk, status="ready").first(), 60)
        assert (job.rows_done, job.attempts) == (5, 1)
        assert len(csv_rows(job.file.read())) == 6
