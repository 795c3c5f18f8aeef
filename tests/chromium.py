"""How the browser tests and `make screenshots` start Debian's Chromium (Playwright cannot
download its own browser here). A module of its own, importing nothing from Django, so that
the screenshot tool can use it without loading the test configuration."""

import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
