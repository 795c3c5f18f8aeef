"""The homes per role and the circle in numbers, on the demo circle, in Chromium with axe:
with the chart tables folded and unfolded, and reached by logging in."""

import io

import pytest
from django.core.management import call_command

from leerkring.core.models import User
from tests.support import session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "leerkring-demo"


@pytest.fixture
def demo(settings):
    call_command("seed_demo", stdout=io.StringIO())


def _as(page, live_server, email):
    cookie, value = session_cookie(User.objects.get(email=email))
    page.context.add_cookies([{"name": cookie, "value": value, "url": live_server.url}])


@pytest.mark.parametrize(
    "email, heading",
    [
        ("ambtenaar@breda.nl", "Voor jou als deelnemer"),
        ("coordinator@breda.nl", "Voor jou als coördinator van Breda"),
        ("onderzoeker@leerkring.example", "Voor jou als onderzoeker"),
    ],
)
def test_each_home_has_no_axe_violations_with_its_numbers_shown(
    demo, live_server, page, assert_accessible, email, heading
):
    _as(page, live_server, email)
    page.goto(live_server.url + "/overzicht/")
    assert page.get_by_role("heading", name=heading).is_visible()
    assert_accessible(page)
    toggles = page.locator("details.leerkring-numbers > summary")
    for index in range(toggles.count()):
        toggles.nth(index).click()
    if toggles.count():
        assert page.locator("details.leerkring-numbers table").first.is_visible()
    assert_accessible(page)


def test_logging_in_through_the_form_lands_on_ones_home(demo, live_server, page):
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mailadres").fill("coordinator@breda.nl")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.locator("form.utrecht-form button[type=submit]").click()
    page.wait_for_url(live_server.url + "/overzicht/")
    assert page.get_by_role("heading", name="Mijn overzicht", level=1).is_visible()
    # The demo's Breda people attended the kick-off; their figures are on the home.
    assert page.get_by_role("heading", name="Aanwezigheid per bijeenkomst").is_visible()


def test_the_circle_in_numbers_has_no_axe_violations(demo, live_server, page, assert_accessible):
    page.goto(live_server.url + "/in-cijfers/")
    # The demo's two circles (issue 20), each with its five figures; the pilot had six
    # municipalities.
    assert page.locator(".leerkring-number").count() == 10
    pilot = page.get_by_role("region", name="Ambtelijk vakmanschap in de participatiemaatschappij")
    assert "6" in pilot.locator(".leerkring-number", has_text="Gemeenten").inner_text()
    assert_accessible(page)
