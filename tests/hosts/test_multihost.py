"""Several hosts, proven: two web hosts (A and B, gunicorn) and a Celery worker, each a process
of its own in an empty working folder with its own DJANGO_VAR_DIR, sharing only PostgreSQL,
Redis and an S3-compatible object store. A person's browser talks to both hosts over HTTP, as a
load balancer would send it to either; what one host or the worker wrote, the other host
serves. Nothing lands in a host's own folder.

The hosts run the embedded-default settings with DEBUG off (leerkring.settings.local, as
`make loadtest`), everything else from the environment, as in production. Redis is a server
of this test's own, so that the suite's session worker (tests/conftest.py) cannot take the
hosts' tasks. MULTIHOST_DATABASE_URL points the hosts and the worker at another address of the
test database (e.g. PgBouncer in front of it, with MULTIHOST_DATABASE_PGBOUNCER=true); by default
they use the test database itself."""

import contextlib
import datetime
import html
import http.client
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone

from bijeenkomsten.models import Aanmelding
from leerkring.core.models import User
from tests.conftest import stop, wait_for
from tests.core.test_render_worker import Broker
from tests.factories import PASSWORD, AanmeldingFactory, BijeenkomstFactory
from tests.objectstore import bucket_keys, make_bucket, s3_client, s3_environment
from tests.publicaties.test_publicaties import form_data
from tests.publicaties.test_uploads import weasyprint_pdf
from tests.support import csv_rows, free_port, pdf_text

# Three processes and a Redis of its own: on a worker of `make test` of its own.
pytestmark = [pytest.mark.worker, pytest.mark.xdist_group("multihost")]

# More registrations than EXPORT_INLINE_MAX_ROWS (2000), so that the export is made by the worker.
EXPORT_ROWS = 2500
TITLE = "Verslag van de dag in Breda"
CONCLUSION = "Wie samen leert, deelt ook de bestanden."
WRONG_PASSWORD = "Het door jou opgegeven e-mailadres en/of wachtwoord is niet correct."
TOO_MANY = "Te veel inlogpogingen. Probeer het later nogmaals."


# --- The hosts --------------------------------------------------------------------------------
def database_url() -> str:
    """The xdist worker's test database, as the hosts reach it."""
    given = os.environ.get("MULTIHOST_DATABASE_URL")
    if given:
        return given
    db = connection.settings_dict
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def host_environment(*, redis_url: str, bucket: str, secret: str) -> dict:
    """What every host is told, and nothing more: the test run's own settings stay out. Each
    process gets its own DJANGO_VAR_DIR from start()."""
    own = ("DJANGO_", "TEST_", "PYTEST_", "S3_", "DATABASE_", "CELERY_", "REDIS_", "EMAIL_")
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(own)}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "leerkring.settings.local",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secret,
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url(),
        "DATABASE_PGBOUNCER": os.environ.get("MULTIHOST_DATABASE_PGBOUNCER", "false"),
        "REDIS_URL": f"{redis_url}/1",
        "CELERY_BROKER_URL": f"{redis_url}/0",
        "EMAIL_URL": "dummymail://",
        **s3_environment(bucket),
    }


@dataclass
class Process:
    name: str
    folder: Path
    proc: subprocess.Popen
    log: Path
    port: int = 0

    def alive(self) -> bool:
        return self.proc.poll() is None

    def files(self) -> list[str]:
        """Every file in the process's working folder (its var/ included)."""
        return sorted(
            str(p.relative_to(self.folder)) for p in self.folder.rglob("*") if p.is_file()
        )


def start(name: str, root: Path, args: list[str], env: dict, port: int = 0) -> Process:
    folder = root / name
    (folder / "var").mkdir(parents=True)
    log = root / f"{name}.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", *args],
            cwd=folder,
            env={**env, "DJANGO_VAR_DIR": str(folder / "var")},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return Process(name, folder, proc, log, port)


def start_web(name: str, root: Path, env: dict) -> Process:
    port = free_port()
    args = ["gunicorn", "leerkring.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", "1", "--threads", "4"]  # fmt: skip
    return start(name, root, args, env, port)


def wait_until_up(host: Process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not host.alive():
            raise RuntimeError(f"{host.name} exited:\n{host.log.read_text()}")
        with contextlib.suppress(OSError):
            if Browser().get(host, "/health/").status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{host.name} did not answer within {timeout}s:\n{host.log.read_text()}")


@dataclass
class Site:
    a: Process
    b: Process
    worker: Process
    bucket: str

    @property
    def processes(self) -> list[Process]:
        return [self.a, self.b, self.worker]


@pytest.fixture
def site(transactional_db, tmp_path):
    """Hosts A and B and a worker, started at once; stopped and their bucket removed after."""
    redis_server = Broker(free_port(), tmp_path)
    redis_server.start()
    bucket = f"multihost-{uuid.uuid4().hex[:12]}"
    make_bucket(bucket)
    env = host_environment(
        redis_url=redis_server.url.removesuffix("/0"),
        bucket=bucket,
        secret=secrets.token_urlsafe(40),  # one key, the same on every host
    )
    worker_args = ["celery", "-A", "leerkring", "worker", "--pool=prefork", "--concurrency=2",
                   "--without-gossip", "--without-mingle", "--loglevel=WARNING",
                   "-n", f"multihost-{uuid.uuid4().hex[:6]}@localhost"]  # fmt: skip
    site = Site(
        a=start_web("host-a", tmp_path, env),
        b=start_web("host-b", tmp_path, env),
        worker=start("worker", tmp_path, worker_args, env),
        bucket=bucket,
    )
    try:
        yield site
    finally:
        for process in site.processes:  # all at once: each takes a moment to stop
            process.proc.terminate()
        for process in site.processes:
            stop(process.proc)
            print(f"--- {process.name}\n{process.log.read_text()}")  # shown when it failed
        redis_server.stop()
        make_bucket(bucket)  # empties it
        s3_client().delete_bucket(Bucket=bucket)


# --- A person's browser -----------------------------------------------------------------------
@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def field(self, name: str) -> str:
        """The value of the (hidden) form field `name` on the page."""
        found = re.search(rf'name="{name}" value="([^"]*)"', self.text)
        assert found, f"no field {name} on the page"
        return html.unescape(found.group(1))


@dataclass
class Browser:
    """One person's browser: its cookies go to both hosts, as they would to one site name
    with a load balancer in front. Redirects are not followed; the tests look at them."""

    cookies: dict = field(default_factory=dict)

    def request(self, host: Process, method: str, path: str, body=b"", headers=None) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", host.port, timeout=30)
        headers = {"Accept-Language": "nl", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            conn.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def get(self, host: Process, path: str) -> Answer:
        return self.request(host, "GET", path)

    def post(self, host: Process, path: str, data: dict, files: dict | None = None) -> Answer:
        """Submit the form on `path` as a browser does: the page first (for its CSRF token)."""
        return self.submit(host, path, self.get(host, path), data, files)

    def submit(
        self, host: Process, path: str, page: Answer, data: dict, files: dict | None = None
    ) -> Answer:
        """Submit the form of `page`, which the browser shows, to `path` on `host`."""
        data = {**data, "csrfmiddlewaretoken": page.field("csrfmiddlewaretoken")}
        if files:
            body, content_type = multipart(data, files)
        else:
            body, content_type = (
                urllib.parse.urlencode(data).encode(),
                ("application/x-www-form-urlencoded"),
            )
        return self.request(host, "POST", path, body, {"Content-Type": content_type})

    def log_in(self, host: Process, email: str, password: str = PASSWORD) -> Answer:
        return self.post(host, "/account/login/", {"login": email, "password": password})


def multipart(data: dict, files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in data.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            .encode()
        )  # fmt: skip
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def download(browser: Browser, host: Process, path: str, timeout: float = 90) -> Answer:
    """`path` once it answers with a file; until then it leads back to a page saying how far
    the work is (a redirect)."""

    def ready():
        answer = browser.get(host, path)
        # Waiting is a redirect, never an error.
        assert answer.status in (200, 302), f"{host.name} {path}: {answer.status}"
        return answer if answer.status == 200 else None

    return wait_for(ready, timeout, interval=0.3)


# --- The data ---------------------------------------------------------------------------------
@pytest.fixture
def large_meeting(circle):
    """A meeting with EXPORT_ROWS registrations, written in bulk."""
    meeting = BijeenkomstFactory(leerkring=circle.leerkring, title="Grote bijeenkomst")
    people = User.objects.bulk_create(
        User(email=f"deelnemer{i}@breda.nl", name=f"Deelnemer {i}") for i in range(EXPORT_ROWS)
    )
    Aanmelding.objects.bulk_create(
        Aanmelding(bijeenkomst=meeting, deelnemer=person, gemeente=circle.breda, status="aangemeld")
        for person in people
    )
    return meeting


@pytest.fixture
def held(circle):
    """A meeting that took place two days ago, with two members there."""
    meeting = BijeenkomstFactory(
        leerkring=circle.leerkring,
        title="Dag in Breda",
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    for user, gemeente in ((circle.member, circle.breda), (circle.other_member, circle.tilburg)):
        AanmeldingFactory(bijeenkomst=meeting, deelnemer=user, gemeente=gemeente, status="aanwezig")
    return meeting


# --- The test ---------------------------------------------------------------------------------
def test_two_hosts_and_a_worker_share_only_the_database_redis_and_the_object_store(
    site, circle, held, large_meeting
):
    a, b = site.a, site.b
    # The hosts check passwords as production does (the suite's fast MD5 hasher is the test
    # settings'): a PBKDF2 hash of few rounds, which a successful log-in upgrades.
    hasher = PBKDF2PasswordHasher()
    User.objects.filter(
        pk__in=[circle.researcher.pk, circle.member.pk, circle.coordinator.pk]
    ).update(password=hasher.encode(PASSWORD, hasher.salt(), iterations=1000))
    wait_until_up(a)
    wait_until_up(b)
    researcher, member = Browser(), Browser()

    # Logged in on A (the real log-in form), the researcher is logged in on B too.
    login = researcher.log_in(a, circle.researcher.email)
    assert login.status == 302, login.text
    assert researcher.get(a, "/overzicht/").status == 200
    dashboard_b = researcher.get(b, "/overzicht/")
    assert dashboard_b.status == 200 and circle.researcher.name in dashboard_b.text
    assert researcher.get(b, "/account/login/").status == 302  # B knows: already logged in
    assert member.log_in(b, circle.member.email).status == 302

    # A report is published on A: the worker renders it ...
    edit = f"/bijeenkomsten/{held.pk}/verslag/schrijven/"
    written = researcher.post(
        a, edit, {"title": TITLE, "authors": "Onderzoeker", "body": "## Opening\n\nWelkom.",
                  "conclusions": CONCLUSION},
    )  # fmt: skip
    assert written.status == 302, written.text
    publish = f"/bijeenkomsten/{held.pk}/verslag/publiceren/"
    recipients = researcher.get(a, publish).field("recipients")
    assert recipients == "2"
    assert researcher.post(a, publish, {"recipients": recipients}).status == 302

    # ... a publication is uploaded on B: the worker checks its PDF ...
    content = weasyprint_pdf()
    uploaded = researcher.post(
        b,
        "/publicaties/nieuw/",
        form_data(slug="gedeeld"),
        files={"upload": ("essay.pdf", content, "application/pdf")},
    )
    assert uploaded.status == 302, uploaded.text

    # ... and a large export is asked for on A: the worker writes it.
    export = researcher.get(a, "/bijeenkomsten/aanmeldingen/export/")
    assert export.status == 200 and "Maak het bestand" in export.text  # too large for at once
    asked = researcher.post(a, "/bijeenkomsten/aanmeldingen/export/", {})
    assert asked.status == 302 and re.fullmatch(r"/exports/\d+/", asked.location), asked.location

    # Meanwhile, failed log-ins count across the hosts: alternating between A and B, the
    # eleventh is refused, as on one host (ACCOUNT_RATE_LIMITS: 10 a minute from one
    # address). Each time the form comes back with the message, and is sent from there.
    stranger = Browser()
    page = stranger.get(a, "/account/login/")
    wrong = {"login": circle.coordinator.email, "password": "niet-het-wachtwoord"}
    for attempt in range(10):
        page = stranger.submit((a, b)[attempt % 2], "/account/login/", page, wrong)
        assert page.status == 200 and WRONG_PASSWORD in html.unescape(page.text), attempt
    right = {**wrong, "password": PASSWORD}
    for host in (a, b):
        page = stranger.submit(host, "/account/login/", page, right)  # even the right one
        assert page.status == 200 and TOO_MANY in html.unescape(page.text), host.name

    # The member downloads the report's PDF on B.
    pdf = download(member, b, f"/bijeenkomsten/{held.pk}/verslag/pdf/")
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert 'filename="verslag-dag-in-breda-v1.pdf"' in pdf.headers["Content-Disposition"]
    assert pdf.body.startswith(b"%PDF-")
    report = site.a.folder.parent / "verslag.pdf"
    report.write_bytes(pdf.body)
    text = pdf_text(str(report))
    assert TITLE in text and CONCLUSION in text

    # The publication uploaded on B is downloaded on A, byte for byte.
    publication = download(researcher, a, "/publicaties/gedeeld/download/")
    assert publication.headers["Content-Type"] == "application/pdf"
    assert publication.body == content

    # The export asked for on A is downloaded on B: every registration, one row each.
    csv_file = download(researcher, b, f"{asked.location}download/")
    assert csv_file.headers["Content-Type"] == "text/csv; charset=utf-8"
    filename = f"aanmeldingen-{timezone.localdate():%Y-%m-%d}.csv"
    assert filename in csv_file.headers["Content-Disposition"]
    rows = csv_rows(csv_file.body)
    assert rows[0][:3] == ["Bijeenkomst", "Datum", "Persoon"]
    assert len(rows) - 1 == Aanmelding.objects.count() == EXPORT_ROWS + 2
    assert sum(row[0] == "Grote bijeenkomst" for row in rows[1:]) == EXPORT_ROWS

    # Every file is in the bucket; no host kept one of its own.
    keys = bucket_keys(site.bucket)
    for prefix in ("private/pdf/verslag/", "private/publicaties/", "private/exports/"):
        assert any(key.startswith(prefix) for key in keys), (prefix, keys)
    for process in site.processes:
        assert process.alive(), process.log.read_text()
        assert process.files() == [], process.name
