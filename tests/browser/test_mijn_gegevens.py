"""Issue 18 in the browser: a person reads their own data on one page (and sees its PDF being
made), and a draft case with only a title says what is still missing. Each page state passes
axe and the reflow measurements of tests/browser/test_reflow.py (320 px, text spacing)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from dilemmas import services as dilemmas_services
from tests.browser.helpers import log_in
from tests.browser.test_reflow import NARROW, _measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "Buurtbewonersparticipatietrajectevaluatieverslag" * 3  # one word, wider than 320 px


def assert_reflows(page):
    measured = _measure(page)
    assert measured["reflow"]["scrollWidth"] <= NARROW["width"], measured["reflow"]
    assert measured["clipped"] == []


@pytest.fixture
def draft(circle):
    return dilemmas_services.casus_create(
        author=circle.member,
        leerkring=circle.leerkring,
        dilemma=None,
        rollen=[],
        waarden=[],
        publish=False,
        title=f"Een concept over {LONG}",
        situation=f"Eerste regel\nTweede regel {LONG}",
    )


def test_my_data_page_is_readable_accessible_and_reflows(
    transactional_db, circle, draft, live_server, page, assert_accessible
):
    log_in(page, live_server, circle.member.email, name=circle.member.name)
    page.goto(live_server.url + reverse("profile"))
    page.get_by_role("link", name="Mijn gegevens bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    chapter = page.get_by_role("region", name="Je casussen en reacties")
    expect(chapter).to_contain_text("Een concept over")
    expect(chapter).to_contain_text("concept")
    expect(page.get_by_role("region", name="Wie je bent")).to_contain_text("lid@breda.nl")
    # Made while the page was asked for (tasks run at once outside `celery_worker`).
    expect(page.get_by_role("link", name="Download als PDF")).to_be_visible()
    expect(page.get_by_role("link", name="Download als JSON")).to_be_visible()
    assert_accessible(page)
    assert_reflows(page)


def test_a_draft_says_what_is_missing_accessibly(
    transactional_db, circle, draft, live_server, page, assert_accessible
):
    log_in(page, live_server, circle.member.email, name=circle.member.name)
    page.goto(live_server.url + reverse("dilemmas:casus-detail", args=[draft.pk]))
    missing = page.locator("#nog-in-te-vullen")
    expect(missing).to_contain_text("Voordat je deze casus publiceert, vul je nog in:")
    # The situation is written; the dilemma, the question and a role are not.
    expect(missing.get_by_role("link")).to_have_count(3)
    assert_accessible(page)
    assert_reflows(page)

    # The link of a missing field opens the form at that field.
    missing.get_by_role("link", name="Welk dilemma speelde?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casus bewerken")
    assert page.url.endswith("#id_dilemma")
    expect(page.locator("#nog-in-te-vullen").get_by_role("link")).to_have_count(3)
    assert_accessible(page)
    assert_reflows(page)

    # Publishing from the form marks each missing field.
    page.get_by_role("button", name="Publiceren").click()
    summary = page.locator(".leerkring-error-summary")
    expect(summary).to_contain_text("Kies het dilemma dat speelde.")
    expect(summary).to_contain_text("Kies minstens één rol.")
    assert_accessible(page)
