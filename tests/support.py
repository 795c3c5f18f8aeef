"""Small helpers shared by the tests, the benchmark and the load test."""

import socket
import subprocess

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookie(user) -> tuple[str, str]:
    """(name, value) of a logged-in session for `user`, made without the login form."""
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.save()
    return settings.SESSION_COOKIE_NAME, session.session_key


def stored_bytes(stored_file) -> bytes:
    """The content of a stored file (a FieldFile), read through its storage: the same on the
    disk and on S3."""
    with stored_file.storage.open(stored_file.name, "rb") as handle:
        return handle.read()


def files_in(folder: str) -> list[str]:
    """The names of the files in a folder of the private storage, on the disk or S3 alike;
    none when the folder does not exist (S3 has no folders: none when no name starts so)."""
    from django.core.files.storage import storages

    try:
        return sorted(storages["private"].listdir(folder)[1])
    except FileNotFoundError:
        return []


def files_under(folder: str) -> list[str]:
    """The names (from the storage's root) of every file under a folder of the private
    storage, at any depth, on the disk or S3 alike."""
    from django.core.files.storage import storages

    try:
        folders, files = storages["private"].listdir(folder)
    except FileNotFoundError:
        return []
    found = [f"{folder}/{name}" for name in files]
    for name in folders:
        found += files_under(f"{folder}/{name}")
    return sorted(found)


def delete_tree(folder: str) -> None:
    """Delete every file under a folder of the private storage, on the disk or S3 alike."""
    from django.core.files.storage import storages

    for name in files_under(folder):
        storages["private"].delete(name)


def poppler(tool: str, pdf, *args: str) -> str:
    """The output of one of poppler's tools (pdfinfo, pdffonts, pdftotext) for a PDF: a path,
    or a stored file (FieldFile), which goes to the tool on stdin."""
    if hasattr(pdf, "storage"):
        source, data = "-", stored_bytes(pdf)
    else:
        source, data = str(pdf), None
    command = [tool, *args, source, *(["-"] if tool == "pdftotext" else [])]
    return subprocess.run(command, input=data, capture_output=True, check=True).stdout.decode()


def pdf_text(pdf, *, layout: bool = True) -> str:
    """The text of a PDF (a path or a stored file), as poppler's pdftotext reads it."""
    return poppler("pdftotext", pdf, *(["-layout"] if layout else []))


def csv_rows(content: bytes) -> list[list[str]]:
    """The rows of one of the platform's CSV files (the header first), after checking that it
    is made for Dutch Excel: UTF-8 with a byte order mark, `;` between the cells."""
    import csv
    import io

    assert content.startswith(b"\xef\xbb\xbf"), "no byte order mark"
    text = content.decode("utf-8")[1:]
    assert ";" in text.splitlines()[0], "not separated by ;"
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def assert_refused(response, *, anonymous: bool) -> None:
    """What a person may not see: 404 once logged in; the log-in page, with the URL to come
    back to, for a logged-out visitor (D8)."""
    if not anonymous:
        assert response.status_code == 404
        return
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")


def assert_answer(response, expected: int, *, anonymous: bool) -> None:
    """`expected` as declared in an access table, where 404 stands for "refused"."""
    if expected == 404:
        assert_refused(response, anonymous=anonymous)
    else:
        assert response.status_code == expected
