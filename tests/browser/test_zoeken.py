"""The search box in the header, played with the keyboard only (issue 18, point 5): Fatima
tabs to the box, types, presses Enter, and tabs to a result, which opens with Enter. The results
page passes axe and reflows to 320 CSS pixels without scrolling sideways."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from leerkring.demo.content import DEMO_PASSWORD
from tests.browser.helpers import log_in, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fatima(live_server, page):
    call_command("seed_demo", stdout=io.StringIO())
    log_in(page, live_server, "ambtenaar@breda.nl", name="Fatima El Amrani", password=DEMO_PASSWORD)
    return page


def test_search_from_the_header_with_the_keyboard_only(live_server, fatima, assert_accessible):
    page = fatima
    page.goto(live_server.url + "/bijeenkomsten/")
    box = page.get_by_role("search", name="Zoeken op de site").get_by_role("searchbox")
    # The box comes right after the logo: a few presses from the top of the page.
    assert tab_to(page, box) <= 4
    page.keyboard.type("cooperatie")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=cooperatie")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Zoeken")
    cases = main.get_by_role("region", name="Casussen")
    expect(cases.locator("mark").first).to_be_visible()
    result = cases.get_by_role("link", name="Een energiecoöperatie en de aanbesteding")
    tab_to(page, result)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Een energiecoöperatie en de aanbesteding"
    )
    page.go_back()
    assert_accessible(page)


@pytest.mark.parametrize("query", ["initiatieven", "", "x" * 250])
def test_results_page_passes_axe_and_reflows(live_server, fatima, assert_accessible, query):
    page = fatima
    page.goto(f"{live_server.url}/zoeken/?q={query}")
    assert_accessible(page)
    if query == "initiatieven":
        for kind in ("Bijeenkomsten", "Verslagen", "Publicaties", "Dilemma's", "Casussen"):
            expect(page.get_by_role("region", name=kind)).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    box = page.get_by_role("search", name="Zoeken op de site").get_by_role("searchbox")
    expect(box).to_be_visible()
