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


def pdf_text(path: str, *, layout: bool = True) -> str:
    """The text of a PDF, as poppler's pdftotext reads it."""
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


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
