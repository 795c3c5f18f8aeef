"""axe (WCAG 2.1 A/AA and 2.2 AA) on every page type of the URLconf, each visited as a role
that may see it. The pages and who may see them come from the access matrix
(tests/security/test_access_matrix.py), so a new view is checked here as soon as it is
declared there."""

import pytest
from django.urls import reverse

from tests.security.conftest import ROLES, user_for
from tests.security.test_access_matrix import MATRIX
from tests.support import session_cookie

pytestmark = pytest.mark.browser

# The most privileged role first: it sees the most of a page (tools, tables, forms).
PREFERENCE = ["researcher", "coordinator", "member", "tilburg", "outsider", "pending", "anonymous"]


# Answers that are files, feeds or data rather than pages.
NOT_PAGES = {
    "bijeenkomsten:aanmelding-export",
    "bijeenkomsten:agenda-feed",
    "bijeenkomsten:attendance-export",
    "bijeenkomsten:bijeenkomst-ics",
    "bijeenkomsten:verslag-pdf",
    "bijeenkomsten:verslag-versie-pdf",
    "dilemmas:casus-export",
    "export-download",
    "health",
    "pdf-download",
    "profile-export",
    "publicaties:feed",
    "publicaties:publicatie-cite",
    "publicaties:publicatie-download",
    "publicaties:publicatie-versie-download",
}


def test_every_page_type_has_no_axe_violations(
    world, live_server, browser, assert_accessible, transactional_db
):
    checked, skipped, problems = [], [], []
    contexts = {}
    for name in sorted(MATRIX):
        kwargs, expected = MATRIX[name]
        may = [role for role, answer in zip(ROLES, expected, strict=True) if answer == "o"]
        if not may:
            continue
        role = next(r for r in PREFERENCE if r in may)
        if role not in contexts:
            context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
            user = user_for(world.circle, role)
            if user is not None:
                cookie, value = session_cookie(user)
                context.add_cookies([{"name": cookie, "value": value, "url": live_server.url}])
            contexts[role] = context.new_page()
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
        try:
            assert_accessible(page)
        except AssertionError as error:
            problems.append(f"{name} as {role}: {error}")
        checked.append(name)
    for page in contexts.values():
        page.context.close()
    assert problems == [], "\n\n".join(problems)
    # Only what is not a page was skipped; everything else was checked.
    assert set(skipped) == NOT_PAGES
    assert len(checked) >= 58
