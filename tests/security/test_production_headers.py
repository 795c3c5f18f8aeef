"""The headers and cookies of the production settings, read from a real response. Production
settings refuse to start in the test process (they need their own secret and database), so a
child process makes the requests and reports what it got."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.db import connection

from tests.conftest import ROOT
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test.utils import override_settings
# Production serves collected, hashed static files; there is no collectstatic here, and the
# file names do not change a header or a cookie.
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
from django.contrib.auth import get_user_model
from django.test import Client
get_user_model().objects.create_user("anna@voorbeeld.nl", %r, name="Anna")
client = Client(HTTP_HOST="leerkring.example.nl")
page = client.get("/account/login/", secure=True)
login = client.post("/account/login/", {"login": "anna@voorbeeld.nl", "password": %r},
                    secure=True, HTTP_REFERER="https://leerkring.example.nl/account/login/")
plain = Client(HTTP_HOST="leerkring.example.nl").get("/", secure=False)
def cookie(morsel):
    return {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"]}
print(json.dumps({
    "status": [page.status_code, login.status_code, plain.status_code],
    "plain_location": plain.get("Location"),
    "headers": {k: page.get(k) for k in ("Strict-Transport-Security", "Content-Security-Policy",
        "Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options",
        "Cross-Origin-Opener-Policy")},
    "cookies": {name: cookie(client.cookies[name]) for name in ("csrftoken", "sessionid")
                if name in client.cookies},
}))
"""


def test_production_sends_the_security_headers_and_safe_cookies():
    settings = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "leerkring.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/"
        f"{settings['NAME']}",
        "DJANGO_ALLOWED_HOSTS": "leerkring.example.nl",
        "DJANGO_CSRF_TRUSTED_ORIGINS": "https://leerkring.example.nl",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE % (PASSWORD, PASSWORD)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout.strip().splitlines()[-1])
    assert got["status"] == [200, 302, 301]  # plain http is sent to https
    assert got["plain_location"].startswith("https://")
    headers = got["headers"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    cookies = got["cookies"]
    # The CSRF cookie stays readable by scripts (Django's design, htmx may send it); the
    # session cookie is not.
    assert cookies["sessionid"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert cookies["csrftoken"]["secure"] is True
    assert cookies["csrftoken"]["samesite"] == "Lax"
