#!/usr/bin/env python3
"""Print the figures that tell how the code base is growing (issue 15's "before and after"):
the longest view, the largest module, the imports inside functions, and the direct
`objects.create` calls in the tests. Run from the repository root: `make figures`."""

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["leerkring", "gemeenten", "dilemmas", "bijeenkomsten", "publicaties"]
SKIP = {"migrations", ".venv", "node_modules", "__pycache__"}


def python_files(folders):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if not SKIP & set(path.relative_to(ROOT).parts):
                yield path


def is_view_module(path: Path) -> bool:
    return path.stem.endswith("views") or "views" in path.parts


def main() -> int:
    modules = []
    views = []
    local_imports = []
    for path in python_files(APPS):
        source = path.read_text()
        tree = ast.parse(source)
        relative = path.relative_to(ROOT)
        modules.append((len(source.splitlines()), str(relative)))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                if path.name == "apps.py" and node.name == "ready":
                    continue  # Django's place for registering an app's parts at start-up
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import | ast.ImportFrom):
                        local_imports.append(f"{relative}:{inner.lineno}")
            if (
                is_view_module(path)
                and isinstance(node, ast.ClassDef)
                and node.col_offset == 0
                and node.name.endswith(("View", "Mixin"))
            ):
                views.append((node.end_lineno - node.lineno + 1, f"{relative}::{node.name}"))
    local_imports = sorted(set(local_imports))
    creates = 0
    for path in python_files(["tests"]):
        creates += len(re.findall(r"\.objects\.create\(", path.read_text()))
    views.sort(reverse=True)
    modules.sort(reverse=True)
    print(f"longest view:            {views[0][0]} lines  {views[0][1]}")
    print("largest modules:         " + ",  ".join(f"{n} lines {m}" for n, m in modules[:3]))
    print(f"imports inside functions: {len(local_imports)} (AppConfig.ready not counted)")
    if "-v" in sys.argv:
        for where in local_imports:
            print(f"    {where}")
    print(f"objects.create in tests:  {creates}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
