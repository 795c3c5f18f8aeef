"""`make bench`: figures measured side by side in one run, printed as a table and written to
var/bench/latest.json and var/bench/runs/. Not part of `make test` (timings are not asserted;
ratios are reported). `make bench BENCH_RUNS=3` measures three times and then prints per figure
the median and the spread (min-max) and whether the goal was met in every run; `make
bench-summary` prints that over the last three runs already made.

Each figure is the median of ROUNDS interleaved rounds: in every round each side runs once, so a
machine that slows down for a while slows both sides alike."""

import datetime
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkring.settings.test")
os.environ.setdefault("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/leerkring_bench")
os.environ.setdefault(
    "TEST_PRIVATE_MEDIA_ROOT", str(Path(__file__).resolve().parents[2] / "var" / "bench-private")
)

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "9"))


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def interleaved(sides: dict, rounds: int = ROUNDS) -> dict[str, list[float]]:
    """Run every side once per round, in turn; returns the seconds per side. The garbage
    collector runs before each timed call, so that no side pays for another's garbage."""
    times = {name: [] for name in sides}
    for _ in range(rounds):
        for name, run in sides.items():
            gc.collect()
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    return times


# --- Fixtures ----------------------------------------------------------------------------------
def _circle():
    from gemeenten.models import Deelname, Emaildomein, Gemeente, Lidmaatschap
    from leerkring.core.models import Leerkring, User

    leerkring = Leerkring.objects.create(
        title="Bench-kring",
        slug="bench",
        summary="Voor de benchmark.",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
    )
    researcher = User.objects.create_user("onderzoeker@bench.example", "x" * 16, name="Onderzoeker")
    leerkring.researchers.add(researcher)
    people = []
    for n in range(6):
        gemeente = Gemeente.objects.create(
            name=f"Gemeente {n}", slug=f"g{n}", cbs_code=f"GM9{n:03d}"
        )
        Emaildomein.objects.create(gemeente=gemeente, domain=f"g{n}.example")
        Deelname.objects.create(leerkring=leerkring, gemeente=gemeente, status="toegelaten")
        for i in range(10):
            user = User.objects.create_user(f"p{i}@g{n}.example", None, name=f"Persoon {n}-{i}")
            Lidmaatschap.objects.create(user=user, gemeente=gemeente, status="bevestigd")
            people.append((user, gemeente))
    return leerkring, researcher, people


def _meeting(leerkring, people, n: int):
    from bijeenkomsten.models import Aanmelding, Bijeenkomst

    start = datetime.datetime(2026, 3, 14, 10, tzinfo=datetime.UTC) + datetime.timedelta(days=n)
    meeting = Bijeenkomst.objects.create(
        leerkring=leerkring,
        kind="kickoff",
        title=f"Bijeenkomst {n}",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        capacity=70,
        registration_closes_at=start - datetime.timedelta(days=1),
        status="gehouden",
    )
    Aanmelding.objects.bulk_create(
        Aanmelding(bijeenkomst=meeting, deelnemer=u, gemeente=g, status="aanwezig")
        for u, g in people
    )
    return meeting


def report_body(paragraphs: int) -> str:
    text = (
        "De deelnemers bespraken hoe je als ambtenaar ruimte geeft aan initiatieven uit de "
        "samenleving en tegelijk verantwoordelijk blijft voor het algemeen belang. "
    )
    return "\n\n".join(f"## Gesprek {i}\n\n" + text * 5 for i in range(1, paragraphs + 1))


# --- Figures -----------------------------------------------------------------------------------
def bench_report_pdf(leerkring, researcher, people) -> list[dict]:
    """A 10-page report through the pipeline (build, hash, WeasyPrint with cover, contents,
    running headers and tagging, storage, job row) against WeasyPrint on the same text in a
    bare template."""
    from weasyprint import HTML

    from bijeenkomsten.documents import VERSLAG
    from bijeenkomsten.services import verslagen
    from leerkring.core import rendering
    from leerkring.core.markdown import render_markdown
    from leerkring.core.models import RenderJob
    from leerkring.core.rendering import pdf as rendering_pdf
    from leerkring.core.rendering import worker as render_worker

    meeting = _meeting(leerkring, people, 0)
    body = report_body(25)
    _verslag, versie, _changed = verslagen.verslag_save(
        bijeenkomst=meeting, user=researcher, title="Verslag", authors="Onderzoeker", body=body
    )
    job = RenderJob.objects.create(kind=VERSLAG, object_id=versie.pk)
    bare = (
        '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Verslag</title>'
        f"</head><body>{render_markdown(body)}</body></html>"
    )
    ours = rendering_pdf.html_for(rendering.build(VERSLAG, versie.pk))

    def pipeline():
        RenderJob.objects.filter(pk=job.pk).update(status="queued", rendered_hash="", attempts=0)
        assert render_worker.render_job_run(job_id=job.pk) == "ready"

    sides = {
        "pipeline": pipeline,
        # The same text, no template around it, WeasyPrint's defaults.
        "bare": lambda: HTML(string=bare).write_pdf(),
        # The same, with the PDF options the product must meet (tagged, PDF/UA-1).
        "bare_tagged": lambda: HTML(string=bare).write_pdf(**rendering_pdf.PDF_OPTIONS),
        # WeasyPrint alone on our finished HTML: what the pipeline itself adds (building the
        # HTML, hashing, the job row, storage) is the difference to "pipeline".
        "weasyprint_ours": lambda: rendering_pdf.render_pdf(ours),
    }
    for run in sides.values():  # warm up (fonts, imports)
        run()
    times = interleaved(sides)
    job.refresh_from_db()
    bare_pages = len(HTML(string=bare).render().pages)
    ms = {name: median_ms(samples) for name, samples in times.items()}
    rows = []
    for side, label in (("bare_tagged", "tagged PDF/UA"), ("bare", "untagged")):
        ratio = ms["pipeline"] / ms[side]
        rows.append(
            {
                "figure": f"report PDF, {job.pages} pages: pipeline / bare WeasyPrint ({label})",
                "value": round(ratio, 2),
                "unit": "ratio",
                "goal": "<= 1.2",
                "met": ratio <= 1.2,
                "detail": f"pipeline {ms['pipeline']:.0f} ms, bare {ms[side]:.0f} ms "
                f"({bare_pages} pages)",
            }
        )
    overhead = ms["pipeline"] / ms["weasyprint_ours"]
    rows.append(
        {
            "figure": "report PDF: pipeline / WeasyPrint on the same finished HTML",
            "value": round(overhead, 2),
            "unit": "ratio",
            "goal": "-",
            "met": True,
            "detail": f"the pipeline's own cost: {ms['pipeline'] - ms['weasyprint_ours']:.0f} ms",
        }
    )
    return rows


def bench_publish_request(leerkring, researcher, people) -> list[dict]:
    """The request that publishes a report (60 participants to e-mail): it writes rows and
    sends messages to Redis; it never renders."""
    from django.test import Client

    from bijeenkomsten.selectors import verslagen as verslagen_selectors
    from bijeenkomsten.services import verslagen
    from leerkring.celery import app

    app.conf.task_always_eager = False  # messages go to Redis; no worker consumes them here
    client = Client()
    client.force_login(researcher)
    meetings = []
    for n in range(1, ROUNDS + 2):
        meeting = _meeting(leerkring, people, n)
        verslagen.verslag_save(
            bijeenkomst=meeting,
            user=researcher,
            title="Verslag",
            authors="Onderzoeker",
            body=report_body(34),
        )
        meetings.append(meeting)

    def publish(meeting):
        # What the confirmation page sends: the number of recipients it showed.
        recipients = len(verslagen_selectors.verslag_recipients(bijeenkomst=meeting))
        response = client.post(
            f"/bijeenkomsten/{meeting.pk}/verslag/publiceren/", {"recipients": recipients}
        )
        assert response.status_code == 302, response.status_code

    publish(meetings.pop())  # warm-up
    times = []
    for meeting in meetings:
        started = time.perf_counter()
        publish(meeting)
        times.append(time.perf_counter() - started)
    app.conf.task_always_eager = True
    ms = median_ms(times)
    return [
        {
            "figure": "publish request (queues render + 60 e-mails)",
            "value": round(ms, 1),
            "unit": "ms",
            "goal": "< 50",
            "met": ms < 50,
            "detail": f"median of {len(times)}, max {max(times) * 1000:.0f} ms",
        }
    ]


# --- Figures against gunicorn on loopback ---------------------------------------------------
def _session_cookie(user) -> str:
    from tests.support import session_cookie

    return "=".join(session_cookie(user))


def bench_meeting_list(server, leerkring) -> list[dict]:
    """The meeting list with 50 meetings against the same template from memory."""
    from bijeenkomsten.models import Bijeenkomst

    from .web import throughput

    pks = [_meeting(leerkring, [], 100 + n).pk for n in range(50)]
    future = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=10)
    Bijeenkomst.objects.filter(pk__in=pks).update(
        is_public=True,
        status="gepland",
        starts_at=future,
        ends_at=future + datetime.timedelta(hours=3),
        registration_closes_at=future - datetime.timedelta(days=1),
    )
    for path in ("/bijeenkomsten/", "/bench/plafond/"):  # warm up both
        throughput(server, path, 1.0, 4)
    rates = {"list": [], "ceiling": []}
    for _ in range(ROUNDS):
        rates["list"].append(throughput(server, "/bijeenkomsten/", 2.0, 4))
        rates["ceiling"].append(throughput(server, "/bench/plafond/", 2.0, 4))
    rps = {k: statistics.median(v) for k, v in rates.items()}
    ratio = rps["list"] / rps["ceiling"]
    return [
        {
            "figure": "meeting list, 50 meetings: requests/s / ceiling from memory",
            "value": round(ratio, 2),
            "unit": "ratio",
            "goal": ">= 0.6",
            "met": ratio >= 0.6,
            "detail": f"list {rps['list']:.0f}/s, ceiling {rps['ceiling']:.0f}/s, 4 clients",
        }
    ]


def _cases(leerkring, author, gemeente, dilemma, count: int) -> None:
    from django.contrib.postgres.search import SearchVector

    from dilemmas.models import Casus

    words = [
        "buurthuis", "moestuin", "speeltuin", "subsidie", "initiatief", "bewoners", "wijkraad",
        "vergunning", "evenement", "groenbeheer", "participatie", "zorgcoöperatie",
    ]  # fmt: skip
    Casus.objects.bulk_create(
        (
            Casus(
                leerkring=leerkring,
                author=author,
                gemeente=gemeente,
                dilemma=dilemma,
                title=f"Casus {n}: {words[n % 12]} en {words[(n * 7) % 12]}",
                situation=f"Bewoners vragen hulp bij een {words[(n * 5) % 12]}. " * 8,
                question="Wat doe je als de gemeente ook een belang heeft?",
                status="gepubliceerd",
                visibility="leerkring",
                published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
                + datetime.timedelta(minutes=n),
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    from leerkring.core.search import SEARCH_CONFIG

    written = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "situation", "question", weight="B", config=SEARCH_CONFIG
    )
    Casus.objects.filter(leerkring=leerkring).update(
        search_vector=written, search_vector_public=written
    )


def _other_kinds(leerkring, count: int) -> None:
    """For the site search: a tenth as many members-only meetings, each with a published
    report, and as many members-only publications as meetings (search vectors by trigger)."""
    from bijeenkomsten.models import Bijeenkomst, Verslag, VerslagVersie
    from publicaties.models import Publicatie

    words = ["buurthuis", "subsidie", "wijkraad", "initiatief", "moestuin", "coöperatie"]
    start = datetime.datetime(2025, 1, 1, 10, tzinfo=datetime.UTC)
    meetings = Bijeenkomst.objects.bulk_create(
        Bijeenkomst(
            leerkring=leerkring,
            kind="leerkringbijeenkomst",
            title=f"Bijeenkomst {n} over {words[n % 6]}",
            description=f"We bespreken {words[(n * 5) % 6]} en {words[(n * 7) % 6]}. " * 6,
            starts_at=start + datetime.timedelta(days=n),
            ends_at=start + datetime.timedelta(days=n, hours=3),
            registration_closes_at=start + datetime.timedelta(days=n - 1),
            capacity=30,
            is_public=False,
        )
        for n in range(count)
    )
    reports = Verslag.objects.bulk_create(
        Verslag(bijeenkomst=m, status="gepubliceerd", published_at=m.ends_at) for m in meetings
    )
    VerslagVersie.objects.bulk_create(
        VerslagVersie(
            verslag=r,
            number=1,
            title=f"Verslag {n}",
            authors="Onderzoeker",
            body=f"De deelnemers spraken over {words[(n * 3) % 6]} en {words[n % 6]}. " * 20,
            published_at=r.published_at,
        )
        for n, r in enumerate(reports)
    )
    Publicatie.objects.bulk_create(
        Publicatie(
            leerkring=leerkring,
            kind="essay",
            title=f"Essay {n} over {words[(n * 5) % 6]}",
            slug=f"{leerkring.slug}-essay-{n}",
            abstract=f"Over {words[n % 6]} en {words[(n * 7) % 6]} in de wijk. " * 4,
            release_at=start,
            visibility="deelnemers",
        )
        for n in range(count)
    )


def bench_search(server) -> list[dict]:
    """The case library search at 10,000 cases against 1,000 (two circles, each with its
    researcher; the same query), and the site search (/zoeken/: meetings, reports,
    publications, dilemmas and cases) with a tenth as many meetings, reports and publications
    next to those cases."""
    from dilemmas.models import Dilemma
    from gemeenten.models import Deelname, Gemeente, Lidmaatschap
    from leerkring.core.models import Leerkring, User

    from .web import latencies

    cookies = {}
    for size in (1_000, 10_000):
        circle = Leerkring.objects.create(
            title=f"Kring {size}",
            slug=f"kring-{size}",
            summary=".",
            starts_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2030, 1, 1),
        )
        gemeente = Gemeente.objects.create(name=f"Zoekstad {size}", slug=f"zoek-{size}",
                                           cbs_code=f"GM8{size // 1000:03d}")  # fmt: skip
        Deelname.objects.create(leerkring=circle, gemeente=gemeente, status="toegelaten")
        author = User.objects.create_user(f"auteur{size}@zoek.example", None, name="Auteur")
        Lidmaatschap.objects.create(user=author, gemeente=gemeente, status="bevestigd")
        dilemma = Dilemma.objects.create(
            leerkring=circle, title="Afwegen", slug="afwegen", summary=".", description="."
        )
        _cases(circle, author, gemeente, dilemma, size)
        _other_kinds(circle, size // 10)
        researcher = User.objects.create_user(f"r{size}@zoek.example", None, name="R")
        circle.researchers.add(researcher)
        cookies[size] = _session_cookie(researcher)
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "dilemmas_casus",
            "bijeenkomsten_bijeenkomst",
            "bijeenkomsten_verslagversie",
            "publicaties_publicatie",
        ):
            cursor.execute(f"ANALYZE {table}")
    paths = {
        "case search": "/dilemmas/casussen/?q=buurthuis+subsidie",
        "site search": "/zoeken/?q=buurthuis+subsidie",
    }
    for path in paths.values():
        for size in cookies:  # warm up
            latencies(server, path, 3, {"Cookie": cookies[size]})
    samples = {(name, size): [] for name in paths for size in (1_000, 10_000)}
    for _ in range(ROUNDS):
        for name, size in samples:
            samples[name, size].append(
                statistics.median(latencies(server, paths[name], 10, {"Cookie": cookies[size]}))
            )
    rows = []
    for name in paths:
        small, large = (statistics.median(samples[name, s]) * 1000 for s in (1_000, 10_000))
        ratio = large / small
        rows.append(
            {
                "figure": f"{name}: median latency at 10,000 / at 1,000 cases",
                "value": round(ratio, 2),
                "unit": "ratio",
                "goal": "<= 1.5",
                "met": ratio <= 1.5,
                "detail": f"1,000: {small:.0f} ms, 10,000: {large:.0f} ms",
            }
        )
    return rows


def _post_all(server, path: str, sessions: list[str], tokens: list[str], clients: int = 20):
    """Every person POSTs once to `path`, from `clients` threads each with its own keep-alive
    connection; returns (statuses, requests per second)."""
    import threading

    statuses = []

    def client(index):
        conn = server.connection()
        for person in range(index, len(sessions), clients):
            conn.request(
                "POST",
                path,
                body="diet=&accessibility=",
                headers={
                    "Cookie": f"{sessions[person]}; csrftoken={tokens[person]}",
                    "X-CSRFToken": tokens[person],
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses, len(statuses) / (time.monotonic() - started)


def bench_registrations(server, leerkring) -> list[dict]:
    """Per round, 20 clients register 100 people at once for a new meeting with 75 seats; the
    median rate of the rounds, and every round checked for overbooking afterwards. Side by
    side in every round, the same 20 clients and 100 people POST to a view that writes one row
    (tests/bench/urls.py): the ratio is what registering costs beyond any signed-in POST."""
    from bijeenkomsten.models import Aanmelding
    from gemeenten.models import Gemeente, Lidmaatschap
    from leerkring.core.models import User

    gemeenten = list(Gemeente.objects.filter(slug__startswith="g").order_by("slug")[:6])
    per_round, seats = 100, 75
    people = []
    for n in range(per_round):
        user = User.objects.create_user(f"reg{n}@g{n % 6}.example", None, name=f"Reg {n}")
        Lidmaatschap.objects.create(user=user, gemeente=gemeenten[n % 6], status="bevestigd")
        people.append(user)
    sessions = [_session_cookie(user) for user in people]
    future = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30)
    rates, baseline_rates, outcomes, answered, baseline_answered = [], [], [], 0, 0
    for round_number in range(ROUNDS):
        meeting = _meeting(leerkring, [], 900 + round_number)
        meeting.__class__.objects.filter(pk=meeting.pk).update(
            status="gepland",
            capacity=seats,
            starts_at=future,
            ends_at=future + datetime.timedelta(hours=3),
            registration_closes_at=future - datetime.timedelta(days=1),
        )
        # The CSRF cookie once per person, outside the timing (the page view before).
        tokens = []
        for cookie in sessions:
            conn = server.connection()
            conn.request("GET", f"/bijeenkomsten/{meeting.pk}/", headers={"Cookie": cookie})
            response = conn.getresponse()
            response.read()
            tokens.append((response.getheader("Set-Cookie") or "").split("csrftoken=")[1][:32])
            conn.close()
        statuses, rate = _post_all(
            server, f"/bijeenkomsten/{meeting.pk}/aanmelden/", sessions, tokens
        )
        rates.append(rate)
        answered += statuses.count(302)
        statuses, rate = _post_all(server, "/bench/een-rij/", sessions, tokens)
        baseline_rates.append(rate)
        baseline_answered += statuses.count(302)
        registrations = Aanmelding.objects.filter(bijeenkomst=meeting)
        outcomes.append(
            (
                registrations.filter(status="aangemeld").count(),
                registrations.filter(status="wachtlijst").count(),
            )
        )
    rate, baseline = statistics.median(rates), statistics.median(baseline_rates)
    ratio = rate / baseline
    overbooked = sum(max(0, seated - seats) for seated, _waiting in outcomes)
    exact = all(outcome == (seats, per_round - seats) for outcome in outcomes)
    return [
        {
            "figure": "registrations/s, one meeting, 20 concurrent clients",
            "value": round(rate, 1),
            "unit": "/s",
            "goal": ">= 50",
            "met": rate >= 50 and answered == per_round * ROUNDS,
            "detail": f"{ROUNDS} rounds of {per_round}; {answered} answered 302; "
            f"rounds {min(rates):.1f}-{max(rates):.1f}/s",
        },
        {
            "figure": "registrations/s / a POST writing one row, same 20 clients",
            "value": round(ratio, 2),
            "unit": "ratio",
            "goal": "-",
            "met": baseline_answered == per_round * ROUNDS,
            "detail": f"one-row POST {baseline:.1f}/s ({baseline_answered} answered 302); "
            "what the checks, the lock and the e-mail cost",
        },
        {
            "figure": f"overbooking: seated beyond {seats} seats, {ROUNDS} rounds",
            "value": overbooked,
            "unit": "count",
            "goal": "0",
            "met": overbooked == 0 and exact,
            "detail": f"every round {seats} seated and {per_round - seats} waiting: {exact}",
        },
    ]


BENCHES = [bench_report_pdf, bench_publish_request]


def measure() -> list[dict]:
    """One run of every figure, as rows. A new figure is one more line here."""
    import redis

    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    config = setup_databases(verbosity=0, interactive=False)
    try:
        from django.db import connection

        leerkring, researcher, people = _circle()
        rows = []
        for bench in BENCHES:
            rows += bench(leerkring, researcher, people)
        from .web import Gunicorn

        database = connection.settings_dict
        server = Gunicorn(
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        )
        try:
            rows += bench_meeting_list(server, leerkring)
            rows += bench_search(server)
            rows += bench_registrations(server, leerkring)
        finally:
            server.stop()
        connection.close()
    finally:
        teardown_databases(config, verbosity=0)
        redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    from .national import bench_national  # its own databases (BENCH_NATIONAL=0 skips it)

    rows += bench_national()
    return rows


# --- Output: one run, and several runs side by side ---------------------------------------------
OUT = ROOT / "var" / "bench"
RUNS = int(os.environ.get("BENCH_RUNS", "1"))


def print_table(rows: list[dict]) -> None:
    width = max(len(r["figure"]) for r in rows)
    print(f"\n{'figure':<{width}}  {'value':>8}  {'unit':<5}  {'goal':<7}  met  detail")
    for r in rows:
        met = "yes" if r["met"] else "NO"
        print(
            f"{r['figure']:<{width}}  {r['value']:>8}  {r['unit']:<5}  {r['goal']:<7}  "
            f"{met:<3}  {r['detail']}"
        )


def save(rows: list[dict]) -> Path:
    """var/bench/latest.json, and the same in var/bench/runs/ (one file per run, kept, for
    the summary over runs)."""
    measured_at = datetime.datetime.now(datetime.UTC)
    text = json.dumps(
        {
            "measured_at": measured_at.isoformat(),
            "rounds": ROUNDS,
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "load": os.getloadavg(),  # other work on the machine while it ran
            "figures": rows,
        },
        indent=2,
    )
    (OUT / "runs").mkdir(parents=True, exist_ok=True)
    (OUT / "latest.json").write_text(text)
    run = OUT / "runs" / f"{measured_at:%Y%m%dT%H%M%S}.json"
    run.write_text(text)
    return run


def summary(count: int) -> list[dict]:
    """Per figure over the last `count` runs in var/bench/runs/: the median, the lowest and
    the highest value, and whether its goal was met in every run that measured it."""
    files = sorted((OUT / "runs").glob("*.json"))[-count:]
    runs = [json.loads(f.read_text()) for f in files]
    figures: dict[str, list[dict]] = {}
    for run in runs:
        for row in run["figures"]:
            figures.setdefault(row["figure"], []).append(row)
    return [
        {
            "figure": figure,
            "median": round(statistics.median(r["value"] for r in rows), 2),
            "min": min(r["value"] for r in rows),
            "max": max(r["value"] for r in rows),
            "unit": rows[0]["unit"],
            "goal": rows[0]["goal"],
            "met": f"{sum(r['met'] for r in rows)}/{len(rows)}",
            "every_run": all(r["met"] for r in rows) and len(rows) == len(runs),
        }
        for figure, rows in figures.items()
    ]


def print_summary(count: int) -> None:
    rows = summary(count)
    files = sorted((OUT / "runs").glob("*.json"))[-count:]
    if not rows:
        print("no runs in var/bench/runs/ yet: run make bench first")
        return
    loads = ", ".join(f"{json.loads(f.read_text()).get('load', [0])[0]:.1f}" for f in files)
    print(f"\nover the last {len(files)} runs ({files[0].stem} to {files[-1].stem}; load {loads})")
    width = max(len(r["figure"]) for r in rows)
    print(f"{'figure':<{width}}  {'median':>8}  {'min-max':<15}  {'unit':<5}  {'goal':<7}  met")
    for r in rows:
        spread = f"{r['min']}-{r['max']}"
        every = "every run" if r["every_run"] else f"{r['met']} runs"
        print(
            f"{r['figure']:<{width}}  {r['median']:>8}  {spread:<15}  {r['unit']:<5}  "
            f"{r['goal']:<7}  {every}"
        )


def main(argv: list[str]) -> int:
    """`make bench`: BENCH_RUNS runs (1), each printed and saved, then the summary over them
    when there were several. `make bench-summary` (--summary): the summary over the last
    BENCH_RUNS runs (3) without measuring."""
    if "--summary" in argv:
        print_summary(int(os.environ.get("BENCH_RUNS", "3")))
        return 0
    for _ in range(RUNS):
        rows = measure()
        print_table(rows)
        print(f"\nwritten to {save(rows).relative_to(ROOT)} and var/bench/latest.json")
    if RUNS > 1:
        print_summary(RUNS)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
