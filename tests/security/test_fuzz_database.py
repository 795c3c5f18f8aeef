"""Hypothesis keeps its examples between runs (tests/conftest.py), so that a failure the
fuzzing found once is tried again first, also after the process ends — pytest runs with
`-p no:cacheprovider`, and Hypothesis's own CI profile would keep nothing."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.conftest import ROOT


def test_the_examples_are_kept_in_a_git_ignored_directory_at_the_root():
    database = settings.default.database
    assert isinstance(database, DirectoryBasedExampleDatabase)
    assert database.path == ROOT / ".hypothesis" / "examples"
    assert ".hypothesis/" in (ROOT / ".gitignore").read_text().split()
    assert settings.default.max_examples <= 50  # `make test` stays quick


def test_a_failure_found_once_is_tried_first_on_the_next_run(tmp_path):
    database = DirectoryBasedExampleDatabase(tmp_path / "examples")
    tried = []

    def run():
        @settings(parent=settings.default, database=database, max_examples=500)
        @given(st.integers(min_value=0, max_value=10**9))
        def big_numbers_break_it(n):
            tried.append(n)
            assert n < 1000

        with pytest.raises(AssertionError):
            big_numbers_break_it()

    run()
    assert any((tmp_path / "examples").iterdir()), "the failure was written down"
    tried.clear()
    run()  # a new run, as in a new process: only the directory is shared
    assert tried[0] == 1000  # the shrunk failure, first
