"""Meeting documents in the browser: a researcher uploads a PDF, sees it checked and listed and
downloads exactly that file; a document still being checked updates itself on the page
(htmx); the upload page and the meeting page with documents pass axe."""

import pytest
from playwright.sync_api import expect

from bijeenkomsten.models import Document
from tests.browser.helpers import log_in
from tests.factories import BijeenkomstFactory, DocumentFactory
from tests.publicaties import pdfs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = pdfs.write_pdf(pdfs.PAGES)


@pytest.fixture
def meeting(circle):
    return BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off", is_public=True)


def _documents(page):
    return page.get_by_role("region", name="Documenten")


def test_researcher_uploads_a_pdf_and_sees_it_checked_and_listed(
    circle, meeting, live_server, page, assert_accessible
):
    log_in(page, live_server, circle.researcher.email, name=circle.researcher.name)
    page.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/")
    _documents(page).get_by_role("link", name="Document toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Document toevoegen")
    assert_accessible(page)

    main = page.get_by_role("main")
    # A mistake first: no title, no file.
    main.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_role("alert")).to_contain_text("Controleer wat je hebt ingevuld")
    expect(main).to_contain_text("Geef het document een titel.")
    expect(main).to_contain_text("Kies een bestand.")
    assert_accessible(page)

    main.get_by_label("Titel").fill("Dia's van de opening")
    main.get_by_label("deelnemers van de leerkring").check()
    main.get_by_label("Bestand").set_input_files(
        files=[{"name": "opening.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    main.get_by_role("button", name="Uploaden").click()

    expect(page).to_have_url(f"{live_server.url}/bijeenkomsten/{meeting.pk}/#documenten")
    # Tasks run eagerly here: checked before the page showed.
    expect(main).to_contain_text("Het document is gecontroleerd en staat klaar.")
    documents = _documents(page)
    expect(documents).to_contain_text("PDF")
    expect(documents).to_contain_text("voor deelnemers van de leerkring")
    with page.expect_download() as info:
        documents.get_by_role("link", name="Dia's van de opening", exact=True).click()
    download = info.value
    assert download.suggested_filename == "dias-van-de-opening.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read() == PDF
    assert Document.objects.get().status == "accepted"
    assert_accessible(page)


def test_a_document_being_checked_updates_itself_without_a_reload(
    circle, meeting, live_server, page, assert_accessible
):
    waiting = DocumentFactory(
        bijeenkomst=meeting, title="Handout werkgroep", status="queued", kind=""
    )
    log_in(page, live_server, circle.researcher.email, name=circle.researcher.name)
    page.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/")
    documents = _documents(page)
    status = documents.get_by_role("status")
    expect(status).to_contain_text("Het bestand wordt gecontroleerd.")
    assert_accessible(page)

    # The worker accepts it; the live region says so by itself.
    Document.objects.filter(pk=waiting.pk).update(status="accepted", kind="pdf")
    expect(status).to_contain_text("Gecontroleerd en goedgekeurd.", timeout=10_000)
    expect(status.get_by_role("link", name="Download Handout werkgroep")).to_be_visible()
