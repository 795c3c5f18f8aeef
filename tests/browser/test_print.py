"""Pages print as their content only (issue 16): no header, menu, footer or skip link."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_meeting_page_prints_without_header_menu_or_footer(live_server, page):
    page.goto(live_server.url + "/bijeenkomsten/")
    assert page.locator(".utrecht-page-header").is_visible()
    page.emulate_media(media="print")
    for selector in (".utrecht-page-header", ".leerkring-nav", ".utrecht-page-footer"):
        found = page.locator(selector)
        assert found.count() >= 1, selector
        assert not any(found.nth(i).is_visible() for i in range(found.count())), selector
    assert page.locator("main h1").is_visible()
