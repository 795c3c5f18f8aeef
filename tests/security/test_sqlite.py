"""The embedded default (`make run`) keeps its data in SQLite, and every feature must work
there too. The privacy tests (export and account deletion, defect 11 of issue 14: a JSON
`contains` lookup SQLite does not have) and the hostile-input tests that reach the database
run again, in a child pytest, against a fresh SQLite file."""

import os
import subprocess
import sys

from tests.conftest import ROOT

ON_SQLITE = [
    "tests/leerkring/test_privacy.py",
    "tests/security/test_hostile_input.py",
    # The site search's plain matching with accents folded in Python (issue 18).
    "tests/leerkring/test_search.py",
    "tests/leerkring/test_search_demo.py",
]


def test_privacy_and_hostile_input_hold_on_sqlite(tmp_path):
    env = {
        **os.environ,
        "TEST_DATABASE_URL": f"sqlite:///{tmp_path / 'leerkring.sqlite3'}",
        # Its own private storage: a test session starts by emptying it.
        "TEST_PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "EXPECT_DATABASE_VENDOR": "sqlite",
    }
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *ON_SQLITE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " skipped" not in result.stdout
