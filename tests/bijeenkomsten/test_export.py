"""Registrations and attendance as CSV: the file holds exactly the rows of the screen
"Aanmeldingen en aanwezigheid" for the same filters (read from the HTML, page by page),
coordinators get their own municipality only, and a large export goes through a job."""

import datetime
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from bijeenkomsten.models import Aanmelding, Bijeenkomst
from bijeenkomsten.selectors import attendance as attendance_selectors
from bijeenkomsten.selectors import verslagen as verslagen_selectors
from leerkring.core.models import ExportJob
from tests.conftest import wait_for
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    DilemmaFactory,
    LeerkringFactory,
    LidmaatschapFactory,
    WerkgroepFactory,
)
from tests.support import csv_rows

LIST = "/bijeenkomsten/aanmeldingen/"
EXPORT = "/bijeenkomsten/aanmeldingen/export/"
HEADERS = ["Bijeenkomst", "Datum", "Persoon", "Gemeente", "Status", "Werkgroep", "Aangemeld op"]
NEEDS = ["Dieetwensen", "Toegankelijkheid"]
FORMULA_NAME = '=HYPERLINK("https://kwaad.example","klik")'


class _Table(HTMLParser):
    """The header and body cells of the page's table; a <time> counts as its datetime, written
    as the CSV writes times."""

    def __init__(self):
        super().__init__()
        self.header, self.rows = [], []
        self._cell = self._row = None
        self._time = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell, self._time = [], None
        elif tag == "time" and self._cell is not None:
            self._time = dict(attrs)["datetime"]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            if self._time:
                text = datetime.datetime.fromisoformat(self._time).strftime("%Y-%m-%d %H:%M")
            else:
                text = " ".join("".join(self._cell).split())
            self._row.append(text)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self.header:
                self.rows.append(self._row)
            else:
                self.header = self._row
            self._row = None


def screen(client, query: str = "") -> tuple[list[str], list[list[str]]]:
    """The table of the screen for these filters, every page of it."""
    header, rows, page = [], [], 1
    while True:
        response = client.get(f"{LIST}?{query}&pagina={page}")
        assert response.status_code == 200
        table = _Table()
        table.feed(response.text)
        header = header or table.header
        rows += table.rows
        if 'rel="next"' not in response.text:
            return header, rows
        page += 1


def as_csv(text: str) -> str:
    """What the CSV writes for a text cell: a formula is defused with a leading apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export(client, query: str = "") -> list[list[str]]:
    response = client.get(f"{EXPORT}?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="aanmeldingen-')
    return csv_rows(response.content)


@pytest.fixture
def programme(circle):
    """Two meetings of the circle, one held and one to come, with registrations of Breda and
    Tilburg in every state (over fifty, so the screen has two pages), and a meeting of
    another circle that nobody here may see."""
    now = timezone.now()
    dilemma = DilemmaFactory(leerkring=circle.leerkring)
    held = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Kick-off",
        capacity=100,
        starts_at=now - datetime.timedelta(days=30),
    )
    coming = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Werkgroepsessie",
        capacity=100,
        starts_at=now + datetime.timedelta(days=30),
    )
    tafel = WerkgroepFactory(bijeenkomst=held, title="Tafel sturen", dilemma=dilemma, capacity=50)
    states = {
        held: ["aanwezig", "aangemeld", "geannuleerd"],
        coming: ["aangemeld", "wachtlijst", "geannuleerd"],
    }
    for meeting, statuses in states.items():
        for i in range(27):
            gemeente = circle.breda if i % 3 else circle.tilburg
            user = LidmaatschapFactory(gemeente=gemeente).user
            status = statuses[i % 3]
            AanmeldingFactory(
                bijeenkomst=meeting,
                deelnemer=user,
                gemeente=gemeente,
                status=status,
                werkgroep=tafel if meeting == held and status != "wachtlijst" and i % 2 else None,
                diet="vegetarisch" if i % 4 == 0 else "",
                accessibility="rolstoel" if i % 5 == 0 else "",
            )
    tricky = LidmaatschapFactory(gemeente=circle.breda).user
    tricky.name = FORMULA_NAME
    tricky.save(update_fields=["name"])
    AanmeldingFactory(
        bijeenkomst=coming,
        deelnemer=tricky,
        gemeente=circle.breda,
        status="aangemeld",
        diet="-geen-",
    )
    elsewhere = BijeenkomstFactory(leerkring=LeerkringFactory(), title="Elders")
    AanmeldingFactory(
        bijeenkomst=elsewhere, deelnemer=circle.member, gemeente=circle.breda, status="aangemeld"
    )
    return {"held": held, "coming": coming, "elsewhere": elsewhere}


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"gemeente": "breda"},
        {"status": "aanwezig"},
        {"status": "wachtlijst", "periode": "komend"},
        {"periode": "verleden", "gemeente": "tilburg"},
        {"bijeenkomst": "held", "status": "geannuleerd"},
    ],
)
def test_the_csv_holds_exactly_the_rows_of_the_screen(client, circle, programme, filters):
    if filters.get("bijeenkomst"):
        filters = {**filters, "bijeenkomst": programme[filters["bijeenkomst"]].pk}
    query = urlencode(filters)
    client.force_login(circle.researcher)
    header, rows = screen(client, query)
    table = export(client, query)
    assert table[0] == header == HEADERS + NEEDS
    assert table[1:] == [[as_csv(cell) for cell in row] for row in rows]
    assert rows, "every combination here has rows"
    if not filters:
        assert len(rows) == 55  # both pages of the screen, nothing of the other circle
        assert "Elders" not in {row[0] for row in rows}


def test_the_screen_and_the_csv_say_what_a_researcher_needs(client, circle, programme):
    client.force_login(circle.researcher)
    table = export(client, "status=aanwezig")
    assert table[0] == [
        "Bijeenkomst",
        "Datum",
        "Persoon",
        "Gemeente",
        "Status",
        "Werkgroep",
        "Aangemeld op",
        "Dieetwensen",
        "Toegankelijkheid",
    ]
    assert {row[4] for row in table[1:]} == {"aanwezig geweest"}
    assert "vegetarisch" in {row[7] for row in table[1:]}
    assert "Tafel sturen" in {row[5] for row in table[1:]}
    held_at = timezone.localtime(programme["held"].starts_at)
    assert table[1][1] == held_at.strftime("%Y-%m-%d %H:%M")  # Amsterdam time


def test_a_name_that_looks_like_a_formula_stays_text(client, circle, programme):
    client.force_login(circle.researcher)
    table = export(client, "status=aangemeld&periode=komend")
    [row] = [row for row in table if "HYPERLINK" in row[2]]
    assert row[2] == "'" + FORMULA_NAME
    assert row[7] == "'-geen-"


def test_a_coordinator_sees_and_exports_only_their_own_municipality(client, circle, programme):
    client.force_login(circle.coordinator)
    header, rows = screen(client)
    table = export(client)
    assert table[0] == header == HEADERS  # no diet or accessibility for coordinators
    assert table[1:] == [[as_csv(cell) for cell in row] for row in rows]
    breda = Aanmelding.objects.filter(
        gemeente=circle.breda, bijeenkomst__leerkring=circle.leerkring
    ).count()
    assert len(rows) == breda == 37
    assert {row[3] for row in rows} == {"Breda"}
    # Tilburg is not a choice for them: the screen says so, and the export sends them there.
    response = client.get(f"{EXPORT}?gemeente=tilburg")
    assert response.status_code == 302 and response["Location"] == f"{LIST}?gemeente=tilburg"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Selecteer een geldige keuze" in page.text


@pytest.mark.parametrize(
    "query", ["status=onzin", "bijeenkomst=abc", "bijeenkomst=99999999999999999999", "periode=x"]
)
def test_invalid_filters_show_the_screens_error_never_a_500(client, circle, programme, query):
    client.force_login(circle.researcher)
    response = client.get(f"{EXPORT}?{query}")
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?{query}"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "leerkring-field-error" in page.text


def test_members_get_neither_screen_nor_export(client, circle, programme):
    for user in (circle.member, circle.other_member, circle.outsider):
        client.force_login(user)
        assert client.get(LIST).status_code == 404
        assert client.get(EXPORT).status_code == 404
        assert client.get("/bijeenkomsten/aanwezigheid/export/").status_code == 404


def test_the_meeting_page_links_to_its_registrations(client, circle, programme):
    client.force_login(circle.researcher)
    page = client.get(f"/bijeenkomsten/{programme['held'].pk}/").text
    assert f"{LIST}?bijeenkomst={programme['held'].pk}" in page
    assert (
        f'href="{EXPORT}?bijeenkomst={programme["held"].pk}"'
        in client.get(f"{LIST}?bijeenkomst={programme['held'].pk}").text
    )


# --- Large exports: through a job -------------------------------------------------------------
def test_a_large_export_is_offered_as_a_job_and_holds_the_same_rows(
    client, circle, programme, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 10
    client.force_login(circle.researcher)
    page = client.get(f"{EXPORT}?gemeente=breda")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "Dit is een grote export (37 regels)" in page.text
    assert not ExportJob.objects.exists()  # GET starts nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{EXPORT}?gemeente=breda")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/exports/{job.pk}/"
    assert job.params == {"gemeente": ["breda"]}

    job.refresh_from_db()  # tasks run in-process here: it is made already
    assert (job.status, job.rows_done, job.rows_total, job.percent) == ("ready", 37, 37, 100)
    detail = client.get(f"/exports/{job.pk}/").text
    assert "Aanmeldingen en aanwezigheid" in detail
    assert "Gemeente: Breda" in detail
    assert f'href="/exports/{job.pk}/download/"' in detail
    download = client.get(f"/exports/{job.pk}/download/")
    assert download["Cache-Control"] == "private, no-store"
    _header, rows = screen(client, "gemeente=breda")
    table = csv_rows(b"".join(download.streaming_content))
    assert table[0] == HEADERS + NEEDS
    assert table[1:] == [[as_csv(cell) for cell in row] for row in rows]


@pytest.mark.worker
@pytest.mark.usefixtures("file_storage")
def test_a_large_export_is_made_by_the_worker_with_its_progress(
    celery_worker, client, circle, programme, settings
):
    settings.EXPORT_INLINE_MAX_ROWS = 10
    client.force_login(circle.researcher)
    response = client.post(EXPORT)
    job = ExportJob.objects.get()
    assert response["Location"] == f"/exports/{job.pk}/"
    assert job.status == "queued"  # the request only asked for it

    job = wait_for(lambda: ExportJob.objects.filter(pk=job.pk, status="ready").first(), 60)
    assert (job.rows_total, job.rows_done, job.attempts) == (55, 55, 1)
    assert job.started_at <= job.finished_at
    detail = client.get(f"/exports/{job.pk}/").text
    assert "Het bestand is klaar: 55 regels." in detail
    _header, rows = screen(client)
    download = client.get(f"/exports/{job.pk}/download/")
    table = csv_rows(b"".join(download.streaming_content))
    assert table[1:] == [[as_csv(cell) for cell in row] for row in rows]
    assert job.file.name.startswith(f"exports/{circle.researcher.pk}/{job.pk}/aanmeldingen-")


# --- Query budgets ----------------------------------------------------------------------------
def _grow(meeting, circle, n):
    for _ in range(n):
        AanmeldingFactory(
            bijeenkomst=meeting,
            deelnemer=LidmaatschapFactory(gemeente=circle.breda).user,
            gemeente=circle.breda,
            status="aangemeld",
        )


@pytest.mark.parametrize("role", ["researcher", "coordinator"])
@pytest.mark.parametrize("url", [LIST, EXPORT, f"{EXPORT}?gemeente=breda&status=aangemeld"])
def test_the_screen_and_the_export_cost_the_same_for_5_and_80_rows(
    client, circle, django_assert_max_num_queries, role, url
):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, capacity=200)
    _grow(meeting, circle, 5)
    client.force_login(getattr(circle, role))

    def count():
        with django_assert_max_num_queries(20) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = count()
    _grow(meeting, circle, 75)
    BijeenkomstFactory.create_batch(5, leerkring=circle.leerkring)
    assert count() == small


# --- Attendance per meeting per municipality --------------------------------------------------
@pytest.fixture
def attendance(circle):
    now = timezone.now()

    def meeting(title, days, **fields):
        return BijeenkomstFactory(
            leerkring=circle.leerkring,
            title=title,
            capacity=50,
            starts_at=now + datetime.timedelta(days=days),
            **fields,
        )

    def come(bijeenkomst, gemeente, *statuses):
        for status in statuses:
            AanmeldingFactory(
                bijeenkomst=bijeenkomst,
                deelnemer=LidmaatschapFactory(gemeente=gemeente).user,
                gemeente=gemeente,
                status=status,
            )

    # Marked: only those marked present count.
    marked = meeting("Kick-off", -60)
    come(marked, circle.breda, "aanwezig", "aanwezig", "aangemeld", "geannuleerd")
    come(marked, circle.tilburg, "aanwezig")
    # Not marked: everyone with a seat counts (not the waiting list, not who cancelled).
    unmarked = meeting("Reflectie", -20)
    come(unmarked, circle.breda, "aangemeld", "aangemeld", "aangemeld", "wachtlijst")
    come(unmarked, circle.tilburg, "geannuleerd")
    # Not part of it: a meeting to come, a cancelled one, another circle's.
    come(meeting("Slotconferentie", 20), circle.breda, "aangemeld")
    come(meeting("Afgelast", -10, status=Bijeenkomst.Status.CANCELLED), circle.breda, "aangemeld")
    come(
        BijeenkomstFactory(
            leerkring=LeerkringFactory(), starts_at=now - datetime.timedelta(days=5)
        ),
        circle.breda,
        "aanwezig",
    )
    return {"marked": marked, "unmarked": unmarked}


def _label(meeting):
    return f"{meeting.title} ({timezone.localtime(meeting.starts_at):%d-%m-%Y})"


def test_the_attendance_matrix_counts_as_the_reports_do(circle, attendance):
    series, rows = attendance_selectors.attendance_matrix(user=circle.researcher)
    assert series == ["Breda", "Tilburg"]
    assert rows == [
        (_label(attendance["marked"]), [2, 1]),
        (_label(attendance["unmarked"]), [3, 0]),
    ]
    # The same rule as the report's figures, per meeting and municipality.
    for meeting, (_row_label, counts) in zip(attendance.values(), rows, strict=True):
        figures = verslagen_selectors.verslag_figures(bijeenkomst=meeting)
        per_gemeente = {g["naam"]: g["aantal"] for g in figures["gemeenten"]}
        assert per_gemeente == {n: c for n, c in zip(series, counts, strict=True) if c}
    assert attendance_selectors.attendance_matrix(
        user=circle.researcher, leerkring=circle.leerkring
    ) == (
        series,
        rows,
    )
    assert attendance_selectors.attendance_matrix(
        user=circle.researcher, leerkring=LeerkringFactory()
    ) == (
        [],
        [],
    )


def test_a_coordinator_gets_only_their_own_municipalitys_column(client, circle, attendance):
    series, rows = attendance_selectors.attendance_matrix(user=circle.coordinator)
    assert series == ["Breda"]
    assert [counts for _label, counts in rows] == [[2], [3]]
    client.force_login(circle.coordinator)
    table = csv_rows(client.get("/bijeenkomsten/aanwezigheid/export/").content)
    assert table == [
        ["Bijeenkomst", "Breda", "Totaal"],
        [_label(attendance["marked"]), "2", "2"],
        [_label(attendance["unmarked"]), "3", "3"],
    ]
    assert attendance_selectors.attendance_matrix(user=circle.member) == ([], [])


def test_the_attendance_csv_is_the_matrix(client, circle, attendance):
    client.force_login(circle.researcher)
    response = client.get(
        "/bijeenkomsten/aanwezigheid/export/", {"leerkring": circle.leerkring.slug}
    )
    assert response["Content-Disposition"].startswith(
        'attachment; filename="aanwezigheid-per-gemeente-'
    )
    assert csv_rows(response.content) == [
        ["Bijeenkomst", "Breda", "Tilburg", "Totaal"],
        [_label(attendance["marked"]), "2", "1", "3"],
        [_label(attendance["unmarked"]), "3", "0", "3"],
    ]
    assert (
        client.get("/bijeenkomsten/aanwezigheid/export/?leerkring=bestaat-niet").status_code == 404
    )


@pytest.mark.parametrize("role", ["researcher", "coordinator"])
def test_the_attendance_matrix_costs_the_same_for_2_and_20_meetings(
    circle, attendance, django_assert_max_num_queries, role
):
    from django.contrib.auth import get_user_model

    def count():
        user = get_user_model().objects.get(pk=getattr(circle, role).pk)  # nothing kept on it
        with django_assert_max_num_queries(10) as captured:
            attendance_selectors.attendance_matrix(user=user)
        return len(captured)

    small = count()
    for i in range(18):
        meeting = BijeenkomstFactory(
            leerkring=circle.leerkring, starts_at=timezone.now() - datetime.timedelta(days=i + 1)
        )
        _grow(meeting, circle, 2)
    assert count() == small
    assert len(attendance_selectors.attendance_matrix(user=getattr(circle, role))[1]) == 20
