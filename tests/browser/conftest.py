import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe (WCAG 2.1 A/AA and 2.2 AA) on the page and fail with every violation spelled out."""

    def check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, (
            f"{page.url}: {results.violations_count} axe violation(s)\n" + results.generate_report()
        )

    return check


# The world of the access matrix, for the test that visits every page type.
from tests.security.conftest import world  # noqa: E402, F401
