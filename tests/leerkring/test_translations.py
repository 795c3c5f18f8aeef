"""English is complete: every string a person sees has a translation, and the compiled
catalogue matches its source."""

import gettext
import re
import shutil
import subprocess
import sys

from tests.conftest import ROOT

PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _entries(po_text: str) -> dict[str, str]:
    entries = {}
    for block in po_text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block, re.M)
        if match:
            msgid, msgstr = ("".join(re.findall(r'"(.*)"', g)) for g in match.groups())
            if msgid:
                entries[msgid] = msgstr
    return entries


def test_every_english_string_is_translated_and_compiled():
    entries = _entries(PO.read_text())
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstr in entries.items() if not msgstr]
    assert untranslated == []
    assert "#, fuzzy\nmsgid" not in PO.read_text()
    with MO.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for msgid, msgstr in entries.items():
        unescape = msgid.replace('\\"', '"').replace("\\n", "\n")
        assert catalogue.gettext(unescape) == msgstr.replace('\\"', '"').replace("\\n", "\n")


def test_no_string_in_the_code_is_missing_from_the_catalogue(tmp_path):
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "static", "tests", "node_modules"),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "en",
            "--no-location",
            "--ignore",
            "var/*",
        ],
        cwd=source,
        check=True,
        capture_output=True,
        timeout=120,
    )
    extracted = _entries((source / "locale/en/LC_MESSAGES/django.po").read_text())
    missing = sorted(set(extracted) - set(_entries(PO.read_text())))
    assert missing == [], "run `make messages` and translate these"
