"""No product code assumes that a stored file is on this machine.

Files live wherever settings.STORAGES says: the disk of one host, or an S3-compatible object
store that several hosts share (DJANGO_FILE_STORAGE). Code that asks for a file's local path,
opens a path itself or builds one from MEDIA_ROOT works on one host and breaks on the next.
This test reads the source of the product packages (not settings, not migrations) and names
every such place; the few that are legitimate are listed below with the reason."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["leerkring", "gemeenten", "dilemmas", "bijeenkomsten", "publicaties"]
EXCLUDED = ("leerkring/settings/", "/migrations/")

# `.path` is a URL's or a request's path on these; on anything else (a FieldFile, a storage)
# it is a file on this machine.
URL_PATH_OWNERS = {"request", "self.request"}
URL_PARSERS = {"urlsplit", "urlparse"}
# Functions of `os` and `shutil` that work on local files (os.environ and the like are fine).
OS_FILE_FUNCTIONS = {
    "remove", "unlink", "rename", "replace", "listdir", "scandir", "walk", "makedirs",
    "mkdir", "rmdir", "stat", "open",
}  # fmt: skip
SETTINGS = {"MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"}

# (file, rule, the code as written, or "*" for the whole file): why it may.
ALLOWED = {
    ("leerkring/core/pdfcheck.py", "open", 'open("/proc/self/status")'): (
        "the checker subprocess reads its own peak memory from the kernel, not a stored file"
    ),
    ("leerkring/core/uploads.py", "Path", "Path(__file__)"): (
        "the PDF checker script that ships beside this module (code, not a stored file)"
    ),
    ("leerkring/core/rendering/pdf.py", "Path", "*"): (
        "static files (CSS, fonts) for WeasyPrint, found through the staticfiles finders or in "
        "STATIC_ROOT: they ship with the code on every host; stored files are never fetched"
    ),
    ("leerkring/management/commands/restore_drill.py", "Path", "*"): (
        "an operator's backup drill: it writes the database dump and a copy of every object "
        "to a local backup folder on purpose, and reads the objects through the S3 API"
    ),
    ("leerkring/management/commands/restore_drill.py", "setting", "*"): (
        "on local disk it only names the folders the host's own backup must copy"
    ),
    ("leerkring/management/commands/restore_drill.py", "os", "*"): (
        "the same drill's local backup folder"
    ),
    ("leerkring/management/commands/restore_drill.py", "path", "*"): (
        "a database URL's path (the database name), not a file"
    ),
}


def findings(source: str, filename: str = "<snippet>") -> list[tuple[str, str]]:
    """(rule, code) for every place in `source` that assumes a local file."""
    tree = ast.parse(source, filename)
    found = []

    def add(rule: str, node: ast.AST) -> None:
        found.append((rule, ast.get_source_segment(source, node) or ast.dump(node)))

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "path":
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id == "os":
                add("os", node)
            elif ast.unparse(owner) in URL_PATH_OWNERS or (
                isinstance(owner, ast.Call)
                and isinstance(owner.func, ast.Name)
                and owner.func.id in URL_PARSERS
            ):
                continue
            else:
                add("path", node)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (
                node.value.id == "os" and node.attr in OS_FILE_FUNCTIONS
            ) or node.value.id == "shutil":
                add("os", node)
            elif node.value.id == "settings" and node.attr in SETTINGS:
                add("setting", node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id == "open":
                add("open", node)
            elif node.func.id in ("Path", "PurePath", "PosixPath"):
                add("Path", node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if ast.unparse(node.func) in ("io.open", "pathlib.Path", "os.fspath"):
                add("open" if node.func.attr == "open" else "Path", node)
        elif isinstance(node, ast.Name) and node.id in SETTINGS:
            add("setting", node)
        elif isinstance(node, ast.Constant) and node.value in SETTINGS:
            add("setting", node)  # getattr(settings, "MEDIA_ROOT")
        elif isinstance(node, ast.ImportFrom):
            if node.module == "os.path" or (
                node.module == "os" and any(alias.name == "path" for alias in node.names)
            ):
                add("os", node)
            if any(alias.name in SETTINGS for alias in node.names):
                add("setting", node)
    return found


def product_files() -> list[Path]:
    files = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if not any(part in f"/{relative}" for part in EXCLUDED):
                files.append(path)
    return files


def allowed(relative: str, rule: str, code: str) -> bool:
    return (relative, rule, code) in ALLOWED or (relative, rule, "*") in ALLOWED


def test_no_product_code_assumes_a_file_on_this_machine():
    offending = []
    for path in product_files():
        relative = path.relative_to(ROOT).as_posix()
        for rule, code in findings(path.read_text(), relative):
            if not allowed(relative, rule, code):
                offending.append(f"{relative}: {rule}: {code}")
    assert offending == [], (
        "Go through storages[...] (open, save, delete, exists, size, listdir) instead, or "
        "add the place to ALLOWED with the reason:\n" + "\n".join(offending)
    )


def test_every_exception_is_still_needed():
    """An exception whose code is gone must go too, or it would hide the next one."""
    seen = set()
    for path in product_files():
        relative = path.relative_to(ROOT).as_posix()
        for rule, code in findings(path.read_text(), relative):
            seen.add((relative, rule, code))
            seen.add((relative, rule, "*"))
    assert set(ALLOWED) - seen == set()


@pytest.mark.parametrize(
    ("source", "rule"),
    [
        ("pdf_text(job.file.path)", "path"),
        ("storages['private'].path(name)", "path"),
        ("document.file.storage.path(document.file.name)", "path"),
        ("handle = open(name, 'rb')", "open"),
        ("import io\nio.open(name)", "open"),
        ("root = settings.MEDIA_ROOT", "setting"),
        ("from django.conf import settings\nx = settings.PRIVATE_MEDIA_ROOT / 'pdf'", "setting"),
        ("getattr(settings, 'PRIVATE_MEDIA_ROOT')", "setting"),
        ("from leerkring.settings.base import PRIVATE_MEDIA_ROOT", "setting"),
        ("os.path.exists(job.file.name)", "os"),
        ("os.remove(name)", "os"),
        ("shutil.rmtree(folder)", "os"),
        ("Path(document.file.name).read_bytes()", "Path"),
        ("pathlib.Path(name).unlink()", "Path"),
        ("from os.path import exists", "os"),
    ],
)
def test_the_check_finds_a_local_file(source, rule):
    assert rule in {found_rule for found_rule, _code in findings(source)}


@pytest.mark.parametrize(
    "source",
    [
        "return HttpResponseRedirect(request.path)",
        "return self.request.path",
        "urlsplit(url).path.lstrip('/')",
        "with row.file.open('rb') as handle: data = handle.read()",
        "storages['private'].delete(name)",
        "os.environ.get('X')",
        "Image.open(io.BytesIO(data))",
    ],
)
def test_the_check_lets_storage_and_urls_be(source):
    assert findings(source) == []
