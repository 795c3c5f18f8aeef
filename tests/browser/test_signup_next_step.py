"""In Chromium: after sign-up the page says what comes next and lets a mistyped address be
corrected; a request whose address is not confirmed is marked in the queue. Each page is
checked with axe."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from gemeenten.models import Lidmaatschap
from tests.browser.helpers import log_in
from tests.conftest import wait_for
from tests.factories import (
    DeelnameFactory,
    EmailAddressFactory,
    EmaildomeinFactory,
    GemeenteFactory,
    LeerkringFactory,
    LidmaatschapFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"http://\S+/account/confirm-email/\S+/")
PASSWORD = "een-lange-zin-als-wachtwoord"


def _breda():
    leerkring = LeerkringFactory(title="Leerkring Vakmanschap", ends_on=datetime.date(2030, 1, 1))
    gemeente = GemeenteFactory(name="Breda", slug="breda", cbs_code="GM0758")
    EmaildomeinFactory(gemeente=gemeente, domain="breda.nl")
    DeelnameFactory(leerkring=leerkring, gemeente=gemeente, status="toegelaten")
    return leerkring, gemeente


def _mail_to(mailoutbox, address):
    return next((m for m in mailoutbox if address in m.to and LINK.search(m.body)), None)


def test_a_mistyped_address_is_corrected_on_the_page_after_sign_up(
    live_server, page, mailoutbox, assert_accessible
):
    _breda()
    page.goto(live_server.url + "/account/signup/")
    page.get_by_label("Volledige naam").fill("Anna de Vries")
    page.get_by_label("E-mailadres").fill("anna@breda.nll")
    page.get_by_label("Voor welke gemeente werk je?").select_option(label="Breda")
    page.get_by_label("Functie").fill("wijkregisseur")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()

    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig je e-mailadres")
    expect(main).to_contain_text("We hebben een e-mail gestuurd naar anna@breda.nll.")
    expect(main).to_contain_text("beslist een coördinator van gemeente Breda of je lid wordt")
    assert_accessible(page)

    # A mistake in the correction gets a message, linked to the field.
    page.get_by_label("Het juiste e-mailadres").fill("anna@")
    page.get_by_role("button", name="E-mailadres wijzigen").click()
    summary = page.locator(".leerkring-error-summary")
    expect(summary).to_contain_text("Dit is geen geldig e-mailadres.")
    expect(page.get_by_label("Het juiste e-mailadres")).to_have_attribute(
        "aria-describedby", "id_email_error"
    )
    assert_accessible(page)

    page.get_by_label("Het juiste e-mailadres").fill("anna@breda.nl")
    page.get_by_role("button", name="E-mailadres wijzigen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Je e-mailadres is gewijzigd in anna@breda.nl."
    )
    expect(main).to_contain_text("We hebben een e-mail gestuurd naar anna@breda.nl.")
    expect(main).to_contain_text("Zodra je het hebt bevestigd, ben je lid namens gemeente Breda.")
    assert_accessible(page)

    # The new link makes Anna a member at once, by Breda's domain; she is told so.
    mail = wait_for(lambda: _mail_to(mailoutbox, "anna@breda.nl"))
    page.goto(LINK.search(mail.body).group(0))
    expect(main).to_contain_text("ben je lid namens gemeente Breda")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("status")).to_contain_text("Je bent nu lid namens gemeente Breda.")
    assert Lidmaatschap.objects.get(user__email="anna@breda.nl").status == "bevestigd"


def test_the_queue_marks_a_request_whose_address_is_not_confirmed(
    live_server, page, assert_accessible
):
    leerkring, gemeente = _breda()
    researcher = UserFactory(email="onderzoeker@leerkring.example", name="Eva Jansen")
    leerkring.researchers.add(researcher)
    waiting = UserFactory(email="bas@mail.example", name="Bas de Boer", verified=False)
    EmailAddressFactory(user=waiting, email=waiting.email, primary=True, verified=False)
    LidmaatschapFactory(
        user=waiting, gemeente=gemeente, job_title="wijkregisseur", status="aangevraagd"
    )

    log_in(page, live_server, researcher.email, name="Eva Jansen")
    page.goto(live_server.url + "/gemeenten/verzoeken/")
    item = page.locator(".leerkring-decision", has_text="Bas de Boer")
    expect(item).to_contain_text("E-mailadres nog niet bevestigd")
    expect(item.get_by_role("button")).to_have_count(0)
    expect(item.get_by_role("link")).to_have_count(0)
    assert_accessible(page)
