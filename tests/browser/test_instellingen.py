"""My settings in the browser (issue 18, point 4): with the keyboard alone (Tab, Space, Enter
and the arrow keys) a person changes their reminders, the weekly digest and their language,
and sees the site in English at once; the header's switch brings Dutch back and is stored.
Every state passes axe and the reflow checks of issue 12."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import enter_as, is_focused, tab_to
from tests.browser.test_reflow import CRITERIA, DESKTOP, _measure, _report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

URL = "/account/instellingen/"


def test_changing_settings_and_language_with_the_keyboard_alone(circle, live_server, page):
    member = circle.member
    enter_as(page, live_server, member)
    page.goto(live_server.url + "/overzicht/")
    # From the dashboard to the page, with Tab and Enter.
    link = page.get_by_role("main").get_by_role("link", name="Kies welke e-mails je krijgt")
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn instellingen")
    assert urlsplit(page.url).path == URL

    reminders = page.get_by_role("checkbox", name="Stuur me een herinnering")
    expect(reminders).to_be_checked()
    days = page.get_by_label("Wanneer wil je de herinnering krijgen?")
    tab_to(page, days)
    for _ in range(3):  # from "when the researchers chose" to 3 days before
        page.keyboard.press("ArrowDown")
    expect(days).to_have_value("3")
    comments = page.get_by_role("checkbox", name="Stuur me een e-mail bij nieuws voor mij")
    tab_to(page, comments)
    page.keyboard.press("Space")
    expect(comments).not_to_be_checked()
    weekly = page.get_by_role("checkbox", name="Stuur me elke week een overzicht")
    page.keyboard.press("Tab")
    assert is_focused(weekly)
    page.keyboard.press("Space")
    expect(weekly).to_be_checked()
    # The language: Tab reaches the chosen radio button, an arrow key chooses the other.
    page.keyboard.press("Tab")
    assert is_focused(page.get_by_role("radio", name="Nederlands"))
    page.keyboard.press("ArrowDown")
    english = page.get_by_role("radio", name="Engels")
    assert is_focused(english)
    expect(english).to_be_checked()
    save = page.get_by_role("button", name="Opslaan")
    page.keyboard.press("Tab")
    assert is_focused(save)
    page.keyboard.press("Enter")

    # At once in English: the address, the document's language and the header.
    page.wait_for_url(f"{live_server.url}/en{URL}")
    assert page.evaluate("document.documentElement.lang") == "en"
    banner = page.get_by_role("banner")
    expect(banner).to_contain_text("Log out")
    expect(banner.get_by_role("button", name="Nederlands").first).to_be_attached()
    expect(page.locator("#id_reminder_days")).to_have_value("3")
    expect(page.locator("#id_language_1")).to_be_checked()
    member.refresh_from_db()
    assert (
        member.reminders,
        member.reminder_days,
        member.email_notifications,
        member.weekly_digest,
        member.language,
    ) == (True, 3, False, True, "en")

    # A Dutch link (as in an e-mail) opens in English for this person.
    page.goto(live_server.url + "/overzicht/")
    page.wait_for_url(f"{live_server.url}/en/overzicht/")

    # The header's switch brings Dutch back, with the keyboard, and is stored.
    switch = page.locator("button:visible", has_text="Nederlands")
    tab_to(page, switch)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/overzicht/")
    assert page.evaluate("document.documentElement.lang") == "nl"
    member.refresh_from_db()
    assert member.language == "nl"


def _dutch(circle, page, live_server):
    return URL, "Kies welke e-mails je van Leerkring krijgt"


def _english(circle, page, live_server):
    circle.member.language = "en"
    circle.member.reminder_days = 5
    circle.member.save(update_fields=["language", "reminder_days"])
    return "/en" + URL, "Leerkring"


def _saved(circle, page, live_server):
    page.goto(live_server.url + URL)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(live_server.url + URL)
    return None, "Je instellingen zijn opgeslagen."


STATES = {"instellingen": _dutch, "instellingen-engels": _english, "opgeslagen": _saved}


@pytest.mark.parametrize("state", list(STATES))
def test_each_state_passes_axe_and_reflows(circle, live_server, page, assert_accessible, state):
    enter_as(page, live_server, circle.member)
    page.set_viewport_size(DESKTOP)
    site = urlsplit(live_server.url).netloc
    elsewhere = []
    page.on(
        "request",
        lambda r: (
            urlsplit(r.url).netloc != site
            and urlsplit(r.url).scheme in ("http", "https")
            and elsewhere.append(r.url)
        ),
    )
    url, text = STATES[state](circle, page, live_server)
    if url is not None:
        page.goto(live_server.url + url)
    expect(page.get_by_role("main")).to_contain_text(text)
    assert_accessible(page)
    measured = {(state, "member"): {**_measure(page), "elsewhere": elsewhere}}
    failed = {name: p for name, check in CRITERIA.items() if (p := check(measured))}
    assert not failed, "\n\n".join(f"{name}: {_report(p)}" for name, p in failed.items())
