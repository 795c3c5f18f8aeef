"""Every third-party package the product imports is declared in pyproject.toml: a package
that is only in a developer's virtualenv breaks `make run` on a fresh machine."""

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
OWN = {"leerkring", "gemeenten", "dilemmas", "bijeenkomsten", "publicaties"}
# Imported directly, installed as part of a declared dependency.
THROUGH = {"kombu": "celery", "botocore": "django-storages"}  # django-storages[s3]: boto3


def _imports() -> set[str]:
    found = set()
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in (".venv", "tests", "var", "static"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - OWN


def test_every_imported_package_is_a_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {Requirement(d).name.lower().replace("_", "-") for d in project["dependencies"]}
    providers = packages_distributions()
    missing = []
    for module in sorted(_imports()):
        if module in THROUGH:
            assert THROUGH[module] in declared
            continue
        dists = {d.lower().replace("_", "-") for d in providers.get(module, [])}
        if not dists & declared:
            missing.append((module, sorted(dists)))
    assert missing == []
    assert {"icalendar", "django", "celery"} <= declared
