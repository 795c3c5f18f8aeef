"""Writing to participants in the browser: a researcher writes from the meeting page, sees the
preview with the number of recipients, sends, and a participant without JavaScript finds the
message on the meeting page. axe checks the form (empty, with mistakes), the preview and the
message. (The pages use no JavaScript: the preview and "Versturen" are plain forms; axe itself
needs scripts, so the researcher's page has them on.)"""

import pytest
from django.core import mail
from playwright.sync_api import expect

from bijeenkomsten.models import Bericht
from tests.browser.helpers import log_in
from tests.factories import AanmeldingFactory, BijeenkomstFactory, WerkgroepFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = "Bedankt voor de kick-off"


@pytest.fixture
def meeting(circle):
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Kick-off", capacity=2)
    WerkgroepFactory(bijeenkomst=meeting, title="Tafel A")
    for user, gemeente in ((circle.member, circle.breda), (circle.other_member, circle.tilburg)):
        AanmeldingFactory(bijeenkomst=meeting, deelnemer=user, gemeente=gemeente)
    return meeting


def test_a_researcher_writes_previews_and_sends(
    circle, meeting, live_server, page, new_context, assert_accessible
):
    log_in(page, live_server, circle.researcher.email, name=circle.researcher.name)
    page.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/")
    page.get_by_role("link", name="Schrijf de deelnemers een bericht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bericht schrijven")
    assert_accessible(page)

    # A mistake first: nothing typed.
    page.get_by_role("button", name="Bekijk het bericht").click()
    expect(page.get_by_text("Geef het bericht een onderwerp.").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Iedereen met een plek").check()
    page.get_by_label("Onderwerp").fill(SUBJECT)
    page.get_by_label("Bericht", exact=True).fill(
        "Fijn dat je er was.\n\n- De **dia's** staan op de site."
    )
    page.get_by_role("button", name="Bekijk het bericht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bericht nakijken")
    expect(page.get_by_role("status")).to_contain_text("Dit bericht gaat naar 2 mensen")
    expect(page.get_by_role("heading", name=SUBJECT)).to_be_visible()
    expect(page.locator("strong", has_text="dia's")).to_be_visible()
    assert_accessible(page)
    assert not Bericht.objects.exists()  # only the preview so far

    # "Aanpassen" brings the text back; the preview again, then send.
    page.get_by_role("button", name="Aanpassen").click()
    expect(page.get_by_label("Onderwerp")).to_have_value(SUBJECT)
    page.get_by_role("button", name="Bekijk het bericht").click()
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Je bericht is verstuurd naar 2 mensen.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    assert_accessible(page)
    bericht = Bericht.objects.get()
    assert bericht.recipient_count == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["lid@breda.nl", "lid@tilburg.nl"]

    # A participant reads it on the meeting page.
    reader = new_context(java_script_enabled=False).new_page()
    log_in(reader, live_server, circle.member.email, name=circle.member.name)
    reader.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/")
    section = reader.get_by_role("region", name="Berichten")
    section.get_by_role("link", name=SUBJECT).click()
    expect(reader.get_by_text("Fijn dat je er was.")).to_be_visible()
