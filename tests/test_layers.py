"""The import contracts in pyproject.toml (checked by `lint-imports` in `make lint`) list the
project's own pages module by module, because the core sits inside the `leerkring` package.
A module added to leerkring/ but not to that list would be outside every contract; this test
names it, so the layers stay checked (docs/decisions.md, D41)."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Parts of the project package that are no layer, and why.
OUTSIDE = {
    "leerkring.core": "the bottom layer itself",
    "leerkring.settings": "configuration: every layer reads it through django.conf",
    "leerkring.celery": "the Celery application: configuration, like the settings",
}


def contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["contracts"]


def test_every_module_of_the_project_package_is_in_the_layers():
    layers = next(c for c in contracts() if c["type"] == "layers")["layers"]
    named = {name.strip() for layer in layers for name in layer.split(":")}
    package = ROOT / "leerkring"
    modules = {f"leerkring.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"} | {
        f"leerkring.{d.name}" for d in package.iterdir() if (d / "__init__.py").is_file()
    }
    assert modules - named - OUTSIDE.keys() == set()
    assert "leerkring.core" in named


def test_the_core_may_import_no_app():
    forbidden = next(c for c in contracts() if c["type"] == "forbidden")
    assert forbidden["source_modules"] == ["leerkring.core"]
    assert set(forbidden["forbidden_modules"]) == {
        "gemeenten",
        "dilemmas",
        "bijeenkomsten",
        "publicaties",
    }
