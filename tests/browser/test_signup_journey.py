import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_newcomer_signs_up_verifies_logs_in_and_sees_their_name(live_server, page, mailoutbox):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Account aanmaken").click()

    page.get_by_label("Volledige naam").fill("Joost van den Berg")
    page.get_by_label("E-mailadres").fill("joost@voorbeeld.nl")
    page.get_by_label("Voor welke gemeente werk je?").select_option(label="Een andere organisatie")
    page.get_by_label("Wachtwoord", exact=True).fill("een-lange-zin-als-wachtwoord")
    page.get_by_label("Wachtwoord (bevestigen)").fill("een-lange-zin-als-wachtwoord")
    page.get_by_role("button", name="Account aanmaken").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Bevestig je e-mailadres")
    assert len(mailoutbox) == 1
    link = re.search(r"http://\S+/account/confirm-email/\S+/", mailoutbox[0].body).group(0)

    page.goto(link)
    page.get_by_role("button", name="Bevestigen").click()

    page.get_by_label("E-mailadres").fill("joost@voorbeeld.nl")
    page.get_by_label("Wachtwoord").fill("een-lange-zin-als-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("banner")).to_contain_text("Ingelogd als Joost van den Berg")
