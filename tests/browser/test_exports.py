"""A large export in the browser: from the screen's link to the page that offers to make it,
to the export's page that follows the progress by itself (htmx) and offers the download; a
failed export is tried again. Every state is checked with axe."""

import pytest
from playwright.sync_api import expect

from leerkring.core.exports import worker as export_worker
from leerkring.core.models import ExportJob
from tests.factories import AanmeldingFactory, BijeenkomstFactory, LidmaatschapFactory
from tests.support import session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_as_researcher(browser, live_server, circle):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    name, value = session_cookie(circle.researcher)
    context.add_cookies([{"name": name, "value": value, "url": live_server.url}])
    page = context.new_page()
    yield page
    context.close()


def test_a_large_export_from_link_to_download(
    page_as_researcher, live_server, circle, assert_accessible, settings
):
    settings.EXPORT_INLINE_MAX_ROWS = 3
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off", capacity=20)
    for _ in range(6):
        AanmeldingFactory(
            bijeenkomst=meeting,
            deelnemer=LidmaatschapFactory(gemeente=circle.breda).user,
            gemeente=circle.breda,
            status="aangemeld",
        )
    page = page_as_researcher
    page.goto(f"{live_server.url}/bijeenkomsten/aanmeldingen/?gemeente=breda")
    assert_accessible(page)
    page.get_by_role("link", name="Download als CSV").click()
    expect(page.get_by_text("Dit is een grote export (6 regels).")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Maak het bestand").click()
    job = ExportJob.objects.get()
    expect(page).to_have_url(f"{live_server.url}/exports/{job.pk}/")
    expect(page.get_by_text("Gemeente: Breda")).to_be_visible()

    # While it is being made: the progress, and the page follows along by itself.
    ExportJob.objects.filter(pk=job.pk).update(
        status="running", rows_total=6, rows_done=3, file="", attempts=0
    )
    page.reload()
    expect(page.get_by_text("3 van 6 regels")).to_be_visible()
    expect(page.get_by_label("Voortgang")).to_have_attribute("value", "3")
    assert_accessible(page)
    ExportJob.objects.filter(pk=job.pk).update(status="queued")
    export_worker.export_run(job_id=job.pk)
    link = page.get_by_role("link", name="Download als CSV")
    expect(link).to_be_visible(timeout=10_000)  # swapped in by htmx, no reload
    expect(page.locator(".leerkring-render-status")).to_contain_text(
        "Het bestand is klaar: 6 regels."
    )
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == job.filename

    # Failed: the reason in words, and a button to try again.
    ExportJob.objects.filter(pk=job.pk).update(
        status="failed", last_error="De schijf was vol.", file=""
    )
    page.reload()
    expect(page.get_by_text("De schijf was vol.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Probeer opnieuw").click()
    expect(page.locator(".leerkring-render-status")).to_contain_text(
        "Het bestand is klaar: 6 regels."
    )
