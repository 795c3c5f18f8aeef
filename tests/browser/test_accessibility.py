import io

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/en/",
    "/account/signup/",
    "/account/login/",
    "/account/password/reset/",
    "/toegankelijkheid/",
    "/privacy/",
    "/bestaat-niet/",
    # The demo's programme (issue 20): its public page and every circle's publications.
    "/programma/leerkringen-lokale-democratie/",
    "/programma/leerkringen-lokale-democratie/publicaties/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(live_server, page, assert_accessible, path):
    call_command("seed_demo", stdout=io.StringIO())
    page.goto(live_server.url + path)
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/account/signup/", "/account/login/"])
def test_form_with_errors_has_no_axe_violations(live_server, page, assert_accessible, path):
    page.goto(live_server.url + path)
    page.locator("form.utrecht-form button[type=submit]").click()
    page.wait_for_selector(".leerkring-error-summary")
    assert_accessible(page)


def test_skip_link_is_the_first_thing_the_keyboard_reaches(live_server, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


@pytest.mark.parametrize(
    "path", ["/account/password/change/", "/account/email/", "/account/logout/"]
)
def test_account_pages_have_no_axe_violations(live_server, page, assert_accessible, path):
    from tests.factories import PASSWORD, UserFactory

    UserFactory(email="anna@voorbeeld.nl", name="Anna de Vries")
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mailadres").fill("anna@voorbeeld.nl")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(live_server.url + path)
    assert_accessible(page)
