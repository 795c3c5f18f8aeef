"""The people of a municipality as CSV for its coordinator and the researchers: who is in it,
which meetings they attended, defused cells, the same export mechanism as the other CSVs
(at once when small, a background job when large), and nobody else's people."""

import datetime

import pytest
from django.utils import timezone

from leerkring import people
from leerkring.core.exports import worker as export_worker
from leerkring.core.models import ExportJob
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    DeelnameFactory,
    LeerkringFactory,
    LidmaatschapFactory,
    UserFactory,
)
from tests.support import csv_rows

pytestmark = pytest.mark.django_db

URL = "/gemeenten/breda/deelnemers/export/"


@pytest.fixture
def attended(circle):
    """Breda's member attended two meetings of the circle (one cancelled registration does
    not count), and one of another circle Breda is not in."""
    day = timezone.now() - datetime.timedelta(days=30)
    kickoff = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Kick-off",
        starts_at=day,
        ends_at=day + datetime.timedelta(hours=2),
    )
    tweede = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="=Tweede",
        starts_at=day + datetime.timedelta(days=7),
        ends_at=day + datetime.timedelta(days=7, hours=2),
    )
    for meeting in (kickoff, tweede):
        AanmeldingFactory(
            bijeenkomst=meeting, deelnemer=circle.member, gemeente=circle.breda, status="aanwezig"
        )
    AanmeldingFactory(
        bijeenkomst=kickoff,
        deelnemer=circle.coordinator,
        gemeente=circle.breda,
        status="geannuleerd",
    )
    elsewhere = BijeenkomstFactory(leerkring=LeerkringFactory(), title="Elders")
    AanmeldingFactory(bijeenkomst=elsewhere, deelnemer=circle.member, status="aanwezig")
    return kickoff, tweede


def rows_by_email(response) -> dict[str, list[str]]:
    table = csv_rows(response.content)
    assert table[0] == [
        "Naam",
        "E-mailadres",
        "Functie",
        "Aantal bijeenkomsten aanwezig",
        "Bijeenkomsten aanwezig",
    ]
    return {row[1]: row for row in table[1:]}


def test_the_coordinator_downloads_the_confirmed_people_with_their_meetings(
    client, circle, attended
):
    kickoff, _tweede = attended
    client.force_login(circle.coordinator)

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="deelnemers-')
    assert response["Cache-Control"] == "private, no-store"
    rows = rows_by_email(response)
    # Confirmed people only, also those hidden from colleagues; not the pending request, not
    # Tilburg's people.
    assert set(rows) == {"coord@breda.nl", "lid@breda.nl", "verborgen@breda.nl"}
    day = timezone.localdate(kickoff.starts_at)
    assert rows["lid@breda.nl"] == [
        "Lid Breda",
        "lid@breda.nl",
        "beleidsadviseur",
        "2",
        # The meeting of another circle is left out; the list is one text cell, which starts
        # with the first meeting.
        f"Kick-off ({day:%Y-%m-%d}), =Tweede ({day + datetime.timedelta(days=7):%Y-%m-%d})",
    ]
    assert rows["coord@breda.nl"][3:] == ["0", ""]


def test_a_cell_that_a_spreadsheet_would_run_stays_text(client, circle):
    LidmaatschapFactory(
        gemeente=circle.breda,
        job_title="@SUM(A1)",
        user=UserFactory(name='=HYPERLINK("http://evil.example")', email="x@breda.nl"),
    )
    client.force_login(circle.coordinator)

    row = rows_by_email(client.get(URL))["x@breda.nl"]

    assert row[0] == '\'=HYPERLINK("http://evil.example")'
    assert row[2] == "'@SUM(A1)"


def test_researchers_download_it_too(client, circle, attended):
    client.force_login(circle.researcher)

    assert set(rows_by_email(client.get(URL))) == {
        "coord@breda.nl",
        "lid@breda.nl",
        "verborgen@breda.nl",
    }


@pytest.mark.parametrize("role", ["member", "other_member", "outsider", "pending_user"])
def test_nobody_else_gets_breda_s_people(client, circle, role):
    client.force_login(getattr(circle, role))

    assert client.get(URL).status_code == 404


def test_a_coordinator_of_breda_never_gets_tilburg_s_people(client, circle):
    client.force_login(circle.coordinator)

    assert client.get("/gemeenten/tilburg/deelnemers/export/").status_code == 404
    assert client.post("/gemeenten/tilburg/deelnemers/export/").status_code == 404
    assert client.get("/gemeenten/bestaat-niet/deelnemers/export/").status_code == 404
    assert not ExportJob.objects.exists()


def test_a_researcher_of_another_circle_gets_a_404(client, circle):
    other = UserFactory()
    LeerkringFactory().researchers.add(other)
    client.force_login(other)

    assert client.get(URL).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, circle):
    response = client.get(URL)

    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_the_municipality_page_links_to_the_export_for_those_who_may(client, circle):
    client.force_login(circle.coordinator)
    assert URL in client.get("/gemeenten/breda/").text
    client.force_login(circle.member)
    assert URL not in client.get("/gemeenten/breda/").text


def test_a_large_export_is_made_in_the_background(
    client, circle, attended, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 2
    client.force_login(circle.coordinator)

    page = client.get(URL)
    assert page.status_code == 200
    assert "Dit is een grote export (3 regels)" in page.text
    assert "/gemeenten/breda/" in page.text  # back to the municipality
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(URL)

    job = ExportJob.objects.get()
    assert response["Location"] == f"/exports/{job.pk}/"
    assert (job.kind, job.params, job.user) == (
        people.DEELNEMERS,
        {"gemeente": ["breda"]},
        circle.coordinator,
    )
    assert export_worker.export_run(job_id=job.pk) == "ready"
    job.refresh_from_db()
    table = csv_rows(job.file.read())
    assert len(table) == 4 and {row[1] for row in table[1:]} == {
        "coord@breda.nl",
        "lid@breda.nl",
        "verborgen@breda.nl",
    }
    assert "Breda" in client.get(f"/exports/{job.pk}/").text  # the filter, in words


def test_a_background_export_fails_for_someone_who_is_no_longer_coordinator(
    client, circle, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 0
    client.force_login(circle.coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(URL)
    circle.deelname_breda.coordinators.remove(circle.coordinator)

    job = ExportJob.objects.get()
    assert export_worker.export_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.last_error == "Je mag deze export niet (meer) maken."
    assert not job.file


def test_the_export_costs_the_same_few_queries_however_many_people(
    client, circle, django_assert_max_num_queries
):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring)
    for _ in range(30):
        person = LidmaatschapFactory(gemeente=circle.breda).user
        AanmeldingFactory(
            bijeenkomst=meeting, deelnemer=person, gemeente=circle.breda, status="aanwezig"
        )
    client.force_login(circle.coordinator)

    with django_assert_max_num_queries(14):
        response = client.get(URL)

    assert len(csv_rows(response.content)) == 34


def test_only_meetings_of_circles_the_viewer_sees_count(client, circle):
    """Breda in two circles; its coordinator in one of them sees attendance there only."""
    other_circle = LeerkringFactory()
    DeelnameFactory(leerkring=other_circle, gemeente=circle.breda)
    AanmeldingFactory(
        bijeenkomst=BijeenkomstFactory(leerkring=other_circle, title="Andere kring"),
        deelnemer=circle.member,
        gemeente=circle.breda,
        status="aanwezig",
    )
    client.force_login(circle.coordinator)

    row = rows_by_email(client.get(URL))["lid@breda.nl"]

    assert row[3:] == ["0", ""]
