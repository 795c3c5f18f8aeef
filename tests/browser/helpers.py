import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.security.conftest import ROLES, user_for
from tests.security.test_access_matrix import MATRIX
from tests.support import session_cookie


def log_in(page, live_server, email: str, *, name: str, password: str = PASSWORD) -> None:
    """Log in through the login form and wait until the header greets `name`."""
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("banner")).to_contain_text(f"Ingelogd als {name}")


# The most privileged role first: it sees the most of a page (tools, tables, forms). The
# programme manager (issue 20) sees the programme's pages, which the others cannot; where a
# researcher may see a page too, the researcher's view has more of the circle.
PREFERENCE = [
    "researcher",
    "manager",
    "coordinator",
    "member",
    "tilburg",
    "outsider",
    "pending",
    "anonymous",
]

# Answers that are files, feeds or data rather than pages.
NOT_PAGES = {
    "bijeenkomsten:aanmelding-export",
    "bijeenkomsten:agenda-feed",
    "bijeenkomsten:attendance-export",
    "bijeenkomsten:bijeenkomst-ics",
    "bijeenkomsten:document-download",
    "bijeenkomsten:verslag-pdf",
    "bijeenkomsten:verslag-versie-pdf",
    "dilemmas:casus-export",
    "export-download",
    "gemeente-people-export",
    "health",
    "pdf-download",
    "profile-export",
    "programma:programma-cijfers-export",
    "programma:programma-feed",
    "publicaties:feed",
    "publicaties:leerkring-feed",
    "publicaties:publicatie-cite",
    "publicaties:publicatie-download",
    "publicaties:publicatie-versie-download",
    "security-txt",
}


def every_page_type(world, live_server, browser, *, skipped, viewport=None, on_new_page=None):
    """Visit every page type of the URLconf once, as the most privileged role that may see it,
    and yield (url name, role, page) with the page loaded. The pages and who may see them come
    from the access matrix (tests/security/test_access_matrix.py), so a new view is checked by
    every test that uses this as soon as it is declared there. One browser context per role,
    whose page is reused, keeps the walk fast. Names whose answer is not an HTML page (a
    download, a feed) are added to `skipped`. `on_new_page(page)` runs once per role's page,
    before its first visit (to listen to its requests, for instance)."""
    contexts = {}
    try:
        for name in sorted(MATRIX):
            kwargs, expected = MATRIX[name]
            may = [role for role, answer in zip(ROLES, expected, strict=True) if answer == "o"]
            if not may:
                continue
            role = next(r for r in PREFERENCE if r in may)
            if role not in contexts:
                options = {"locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}
                if viewport:
                    options["viewport"] = viewport
                context = browser.new_context(**options)
                user = user_for(world.circle, role)
                if user is not None:
                    cookie, value = session_cookie(user)
                    context.add_cookies([{"name": cookie, "value": value, "url": live_server.url}])
                contexts[role] = context.new_page()
                if on_new_page is not None:
                    on_new_page(contexts[role])
            page = contexts[role]
            url = live_server.url + reverse(name, kwargs=kwargs(world))
            try:
                response = page.goto(url)
            except Exception as error:  # a download starts instead of a page
                if "Download is starting" in str(error):
                    skipped.append(name)
                    continue
                raise
            if "text/html" not in (response.headers.get("content-type") or ""):
                skipped.append(name)  # a feed, a calendar, a PDF, a citation
                continue
            yield name, role, page
    finally:
        for page in contexts.values():
            page.context.close()


def enter_as(page, live_server, user) -> None:
    """Log `user` in by giving the browser their session cookie (no login page)."""
    cookie, value = session_cookie(user)
    page.context.add_cookies([{"name": cookie, "value": value, "url": live_server.url}])


def is_focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, locator, *, limit: int = 80) -> int:
    """Press Tab until `locator` has the focus; return how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if is_focused(locator):
            return presses
    pytest.fail(f"{limit} presses of Tab never reached {locator}")
