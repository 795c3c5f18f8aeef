"""The files a Dutch public-sector repository carries: publiccode.yml, checked against the
standard's JSON Schema (vendored in tests/schemas/, see its README for the source and licence),
and the full EUPL-1.2 text in LICENSE."""

import copy
import json
import tomllib
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests" / "schemas" / "publiccode.schema.json").read_text())


def publiccode() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def errors(document: dict) -> list[str]:
    """What the schema finds wrong, formats (dates, e-mail addresses) included."""
    validator = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def test_the_vendored_schema_is_a_schema():
    Draft7Validator.check_schema(SCHEMA)


def test_publiccode_yml_follows_the_standard():
    document = publiccode()
    assert errors(document) == []
    # The schema's `uri` format is only checked with an extra package; these must be links.
    for link in (document["url"], document["landingURL"]):
        assert link.startswith("https://"), link
    for language in ("nl", "en"):
        description = document["description"][language]
        assert description["features"], language
        assert all(len(feature) <= 100 for feature in description["features"]), language


def _without(key):
    def change(document):
        del document[key]

    return change


def _setting(path, value):
    def change(document):
        *parents, last = path
        node = document
        for part in parents:
            node = node[part]
        node[last] = value

    return change


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (_without("legal"), "'legal' is a required property"),
        (_without("localisation"), "'localisation' is a required property"),
        (_setting(["developmentStatus"], "klaar"), "developmentStatus: 'klaar' is not one of"),
        (_setting(["publiccodeYmlVersion"], "1.0"), "publiccodeYmlVersion: '1.0' is not one of"),
        (_setting(["description", "nl", "longDescription"], "Te kort."), "is too short"),
        (_setting(["releaseDate"], "30-11-2026"), "releaseDate: '30-11-2026' is not a 'date'"),
        (_setting(["maintenance", "type"], "gemeente"), "maintenance/type: 'gemeente'"),
        (_setting(["legal", "licence"], "EUPL-1.2"), "Additional properties are not allowed"),
    ],
)
def test_a_broken_publiccode_yml_fails_the_check(change, complaint):
    broken = copy.deepcopy(publiccode())
    change(broken)
    found = errors(broken)
    assert any(complaint in error for error in found), found


def test_publiccode_yml_agrees_with_the_project():
    """What the file says about the licence, version, languages and services is what the
    project declares elsewhere, so the two cannot drift apart."""
    document = publiccode()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert document["legal"]["license"] == project["license"] == "EUPL-1.2"
    assert document["softwareVersion"] == project["version"]
    languages = [code for code, _name in settings.LANGUAGES]
    assert document["localisation"]["availableLanguages"] == languages
    assert set(document["description"]) == set(languages)
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    images = {service.get("image", "") for service in services.values()}
    image_of = {"PostgreSQL": "postgres", "Redis": "redis"}
    declared = {
        f"{image_of[dependency['name']]}:{dependency['versionMin']}"
        for dependency in document["dependsOn"]["open"]
    }
    assert declared == {"postgres:15", "redis:7"} and declared <= images


ARTICLES = [
    "Definitions",
    "Scope of the rights granted by the Licence",
    "Communication of the Source Code",
    "Limitations on copyright",
    "Obligations of the Licensee",
    "Chain of Authorship",
    "Disclaimer of Warranty",
    "Disclaimer of Liability",
    "Additional agreements",
    "Acceptance of the Licence",
    "Information to the public",
    "Termination of the Licence",
    "Miscellaneous",
    "Jurisdiction",
    "Applicable Law",
]


def test_the_licence_is_the_whole_eupl_1_2():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("# EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    position = 0
    for number, title in enumerate(ARTICLES, start=1):
        position = text.index(f"## {number}. {title}\n", position)
    appendix = text.index("## Appendix\n", position)
    assert "‘Compatible Licences’ according to Article 5 EUPL are:" in text[appendix:]
    assert text.rstrip().endswith(
        "All other changes or additions to this Appendix require the production of a new\n"
        "EUPL version."
    )
