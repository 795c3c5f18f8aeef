"""Full-page screenshots of the main pages, per demo role and screen width.

Why: the visual design (issue 16) is judged on pictures of the real product, before and after a
change, at a phone, a tablet and a desktop width. This script builds its own demo in a fresh
SQLite database (so it never touches var/leerkring.sqlite3 or a test database), serves it with
``manage.py runserver`` on a free port, logs in as each demo role through the login form, and
writes ``var/screenshots/<role>/<page>-<width>.png``.

Usage: ``make screenshots`` or ``.venv/bin/python scripts/screenshots.py [--out DIR]``.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = [390, 768, 1280]
PASSWORD = "leerkring-demo"
ROLES = {
    "anoniem": None,
    "onderzoeker": "onderzoeker@leerkring.example",
    "coordinator": "coordinator@breda.nl",
    "ambtenaar": "ambtenaar@breda.nl",
    "programmamanager": "programma@leerkring.example",
}

# Prints the addresses of the pages that depend on demo data, as JSON.
URLS_SNIPPET = """
import json
from django.urls import reverse
from bijeenkomsten.models import Bijeenkomst, Verslag
from leerkring.core.models import Programma
# The pilot's meeting that is on today (the demo's follow-up circle has meetings too).
meeting = Bijeenkomst.objects.filter(leerkring__slug="ambtelijk-vakmanschap").order_by("-pk") \
    .first()
programma = Programma.objects.order_by("pk").first()
verslag = Verslag.objects.filter(status="gepubliceerd").order_by("-pk").first() \
    or Verslag.objects.order_by("-pk").first()
pages = {
    "home": reverse("home"),
    "inloggen": reverse("account_login"),
    "overzicht": reverse("dashboard"),
    "bijeenkomsten": reverse("bijeenkomsten:bijeenkomst-list"),
    "casus-nieuw": reverse("dilemmas:casus-create"),
    "aanmeldingen": reverse("bijeenkomsten:aanmelding-list"),
}
if meeting:
    pages["bijeenkomst"] = reverse("bijeenkomsten:bijeenkomst-detail", kwargs={"pk": meeting.pk})
if programma:
    pages["programma"] = reverse("programma:programma-detail", args=[programma.slug])
    pages["programma-beheer"] = reverse("programma:programma-beheer", args=[programma.slug])
if verslag:
    pages["verslag"] = reverse("bijeenkomsten:verslag", kwargs={"pk": verslag.bijeenkomst_id})
print(json.dumps(pages))
"""


def free_port():
    """A port nobody listens on now, so that several runs (and `make run`) do not clash."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, capture=False):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, check=True, text=True, capture_output=True)
    return result.stdout if capture else None


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer on {url}")


def log_in(page, base, email):
    page.goto(base + "/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    if "/account/login/" in page.url:
        raise SystemExit(f"Logging in as {email} failed")


def shoot(base, pages, out, widths, roles):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        for role in roles:
            email = ROLES[role]
            context = browser.new_context(
                locale="nl-NL",
                timezone_id="Europe/Amsterdam",
                viewport={"width": 1280, "height": 900},
            )
            page = context.new_page()
            if email:
                log_in(page, base, email)
            wanted = {k: v for k, v in pages.items() if email is None or k != "inloggen"}
            (out / role).mkdir(parents=True, exist_ok=True)
            for name, path in wanted.items():
                for width in widths:
                    page.set_viewport_size({"width": width, "height": 900})
                    response = page.goto(base + path)
                    if response is not None and response.status == 404:
                        print(f"{role}/{name}: not for this role (404), skipped")
                        break
                    page.wait_for_load_state("networkidle")
                    page.evaluate("document.fonts.ready")
                    if name != "inloggen" and "/account/login/" in page.url:
                        print(f"{role}/{name}: not for this role (login page), skipped")
                        break
                    target = out / role / f"{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(f"{target}  ({page.url})")
            context.close()
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "screenshots")
    parser.add_argument("--widths", type=int, nargs="+", default=WIDTHS)
    parser.add_argument("--roles", nargs="+", choices=list(ROLES), default=list(ROLES))
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="leerkring-screenshots-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkring.settings.local",
        "DATABASE_URL": f"sqlite:///{work / 'demo.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(work / "private"),
    }
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo")
    pages = json.loads(
        manage(env, "shell", "-c", URLS_SNIPPET, capture=True).strip().splitlines()[-1]
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/health/")
        options.out.mkdir(parents=True, exist_ok=True)
        shoot(base, pages, options.out.resolve(), options.widths, options.roles)
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
