"""axe (WCAG 2.1 A/AA and 2.2 AA) on every page type of the URLconf, each visited as a role
that may see it. The pages and who may see them come from the access matrix
(tests/security/test_access_matrix.py), so a new view is checked here as soon as it is
declared there."""

import pytest

from tests.browser.helpers import NOT_PAGES, every_page_type

pytestmark = pytest.mark.browser


def test_every_page_type_has_no_axe_violations(
    world, live_server, browser, assert_accessible, transactional_db
):
    checked, skipped, problems = [], [], []
    for name, role, page in every_page_type(world, live_server, browser, skipped=skipped):
        try:
            assert_accessible(page)
        except AssertionError as error:
            problems.append(f"{name} as {role}: {error}")
        checked.append(name)
    assert problems == [], "\n\n".join(problems)
    # Only what is not a page was skipped; everything else was checked.
    assert set(skipped) == NOT_PAGES
    assert len(checked) >= 58
