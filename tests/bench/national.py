"""The national programme in `make bench` (issue 19): 50 circles, 342 municipalities, 20,000
people, 5,000 meetings, 500,000 registrations and 200,000 cases, against one circle of the same
shape (the demo's size). Both data sets are built once with set-based SQL, each in its own
PostgreSQL database with a marker table, and reused while the marker matches.

`bench_national()` returns the figures as rows for run.py's table. What needs Django against
one of the two databases (sessions, query counts, the export) runs in a child process of this
module (`python -m tests.bench.national <command>`), so the bench process keeps its own
database connection."""

# The SQL here is built from this module's constants and integers only, never from input.
# ruff: noqa: S608

import dataclasses
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Raise when the data a build makes changes: the databases are then built again.
DATASET_VERSION = 2
MARKER = "bench_dataset"


@dataclasses.dataclass(frozen=True)
class Scale:
    label: str
    database: str
    circles: int
    gemeenten: int
    people: int
    meetings: int
    per_meeting: int
    cases: int


# Municipality g takes part in circle g % circles; person u works for municipality u % gemeenten;
# meeting m belongs to circle m % circles; case k to circle k % circles. One circle of NATIONAL
# therefore has the shape of CIRCLE: 7 municipalities, about 410 people, 100 meetings of 100
# registrations, 4,000 cases. Circle 2 of NATIONAL (only there) also admits the municipalities
# of circle 3, so that 500 people can register for one of its meetings.
NATIONAL = Scale("national", "leerkring_bench_national", 50, 342, 20_000, 5_000, 100, 200_000)
CIRCLE = Scale("one circle", "leerkring_bench_circle", 1, 7, 410, 100, 100, 4_000)
BURST_CIRCLE = 1  # zero-based: "Leerkring 2"


def log(message: str) -> None:
    print(f"  [national] {message}", flush=True)


# --- The data sets ----------------------------------------------------------------------------
def _base_url() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"


def database_url(scale: Scale) -> str:
    return f"{_base_url()}/{scale.database}"


def _connect(dbname: str, **kwargs):
    import psycopg

    return psycopg.connect(f"{_base_url()}/{dbname}", **kwargs)


def _marker_wanted(scale: Scale) -> dict:
    return {"version": DATASET_VERSION, **dataclasses.asdict(scale)}


def _marker_found(scale: Scale) -> dict | None:
    import psycopg

    try:
        with _connect(scale.database) as conn:
            row = conn.execute(f"SELECT data FROM {MARKER}").fetchone()
    except psycopg.Error:
        return None
    return row[0] if row else None


def _migrations_pending(scale: Scale) -> bool:
    from django.db.migrations.loader import MigrationLoader

    with _connect(scale.database) as conn:
        applied = set(conn.execute("SELECT app, name FROM django_migrations").fetchall())
    return not set(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()) <= applied


def _migrate(scale: Scale) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=child_env(scale),
        check=True,
    )


# What docs/deploy.md ("PostgreSQL") asks of the production database: data on SSD or in
# memory, and no JIT compilation for short queries. Both data sets get them, so that the ratios
# measure the product as it is deployed (without them the role homes scan all registrations).
DATABASE_SETTINGS = {"random_page_cost": "1.1", "jit": "off"}


def ensure(scale: Scale) -> tuple[float, bool]:
    """The data set of `scale` in its database: reused when its marker matches (then migrated
    if a migration was added since), else built from scratch. Returns the seconds its build
    took and whether it was kept from an earlier run."""
    result = _ensure(scale)
    with _connect("postgres", autocommit=True) as conn:
        for name, value in DATABASE_SETTINGS.items():
            conn.execute(f'ALTER DATABASE "{scale.database}" SET {name} = {value}')
    return result


def _ensure(scale: Scale) -> tuple[float, bool]:
    found = _marker_found(scale)
    if found == _marker_wanted(scale):
        if _migrations_pending(scale):
            log(f"{scale.label}: migrating the kept data set")
            _migrate(scale)
        with _connect(scale.database) as conn:
            return conn.execute(f"SELECT built_seconds FROM {MARKER}").fetchone()[0], True
    reason = f"data-set version {found['version']}" if found else "no data set"
    log(f"{scale.label}: building in database {scale.database} ({reason} found)")
    started = time.monotonic()
    with _connect("postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{scale.database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{scale.database}"')
    _migrate(scale)
    log(f"{scale.label}: migrated in {time.monotonic() - started:.0f} s")
    with _connect(scale.database) as conn:
        for step, sql in _build_sql(scale):
            step_started = time.monotonic()
            conn.execute(sql)
            conn.commit()
            log(f"{scale.label}: {step} ({time.monotonic() - step_started:.1f} s)")
    with _connect(scale.database, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COUNTED
        }
        seconds = time.monotonic() - started
        conn.execute(f"CREATE TABLE {MARKER} (data jsonb NOT NULL, built_seconds real NOT NULL)")
        conn.execute(
            f"INSERT INTO {MARKER} VALUES (%s, %s)", [json.dumps(_marker_wanted(scale)), seconds]
        )
    log(f"{scale.label}: built in {seconds:.0f} s: {counts}")
    return seconds, False


COUNTED = [
    "core_leerkring",
    "gemeenten_gemeente",
    "core_user",
    "bijeenkomsten_bijeenkomst",
    "bijeenkomsten_aanmelding",
    "dilemmas_casus",
]


def _build_sql(s: Scale) -> list[tuple[str, str]]:
    """The statements that fill a freshly migrated database, with explicit ids (1-based) so
    that every relation is arithmetic: circle c has id c + 1, municipality g id g + 1, person u
    id u + 1; the researchers follow the people. Every NOT NULL column is given: Django's
    defaults live in Python, not in the database."""
    C, G, P = s.circles, s.gemeenten, s.people
    researchers = P + 1  # two per circle: ids P + 1 + 2c and P + 2 + 2c
    national_researcher = P + 2 * C + 1  # researches every circle (the 500,000-row export)
    five_researcher = P + 2 * C + 2  # researches the first five circles (50,000 rows)
    burst = BURST_CIRCLE if C > BURST_CIRCLE + 1 else None
    # A member of circle c by their number n in it: municipalities g = c + C*j, people
    # u = g + G*i, numbered by u. Kept as a table for the joins below.
    return [
        (
            "50 circles" if C == 50 else f"{C} circle(s)",
            f"""
            INSERT INTO core_leerkring (id, title, slug, subtitle, summary, framework,
                max_gemeenten, starts_on, ends_on, contact_name, contact_email, created_at,
                updated_at)
            SELECT c + 1, 'Leerkring ' || (c + 1), 'landelijk-' || (c + 1), '',
                'Een leerkring van het landelijke programma.', '',
                CASE WHEN c = {burst if burst is not None else -1} THEN 50 ELSE 8 END,
                DATE '2025-01-01', DATE '2029-12-31', '', '', now(), now()
            FROM generate_series(0, {C - 1}) c;
            """,
        ),
        (
            f"{G} municipalities with domains and participations",
            f"""
            INSERT INTO gemeenten_gemeente (id, name, slug, cbs_code, website, created_at)
            SELECT g + 1, 'Gemeente ' || lpad(g::text, 3, '0'), 'gemeente-' || g,
                'GM' || lpad(g::text, 4, '0'), '', now()
            FROM generate_series(0, {G - 1}) g;
            INSERT INTO gemeenten_emaildomein (id, domain, gemeente_id)
            SELECT g + 1, 'g' || g || '.landelijk.example', g + 1
            FROM generate_series(0, {G - 1}) g;
            INSERT INTO gemeenten_deelname (leerkring_id, gemeente_id, status, motivation,
                contact_name, contact_email, decision_reason, portfolio_holder,
                quality_status, quality_note, time_status, time_note, money_status,
                money_note, created_at, updated_at)
            SELECT circle + 1, g + 1, 'toegelaten', '', '', '', '', '', 'groen', '', 'groen',
                '', 'groen', '', now(), now()
            FROM (
                SELECT g, g % {C} AS circle FROM generate_series(0, {G - 1}) g
                UNION ALL
                SELECT g, {burst if burst is not None else 0} FROM generate_series(0, {G - 1}) g
                WHERE {burst is not None} AND g % {C} = {(burst or 0) + 1}
            ) d;
            """,
        ),
        (
            f"{P:,} people with a confirmed membership; researchers; coordinators",
            f"""
            INSERT INTO core_user (id, password, is_superuser, email, name, is_staff,
                is_active, date_joined, email_notifications, is_removed, weekly_digest,
                language, reminders)
            SELECT u + 1, '!', false, 'p' || u || '@g' || (u % {G}) || '.landelijk.example',
                'Persoon ' || u, false, true, now(), true, false, true, 'nl', true
            FROM generate_series(0, {P - 1}) u
            UNION ALL
            SELECT {researchers} + r, '!', false,
                'onderzoeker' || r || '@universiteit.example', 'Onderzoeker ' || r, false,
                true, now(), true, false, false, 'nl', true
            FROM generate_series(0, {2 * C - 1}) r
            UNION ALL
            SELECT {national_researcher}, '!', false, 'landelijk@universiteit.example',
                'Landelijk onderzoeker', false, true, now(), true, false, false, 'nl', true
            UNION ALL
            SELECT {five_researcher}, '!', false, 'vijf@universiteit.example',
                'Onderzoeker van vijf kringen', false, true, now(), true, false, false, 'nl',
                true;
            INSERT INTO gemeenten_lidmaatschap (id, user_id, gemeente_id, job_title, status,
                visible_to_colleagues, decision_reason, created_at)
            SELECT u + 1, u + 1, u % {G} + 1, 'beleidsadviseur', 'bevestigd', true, '', now()
            FROM generate_series(0, {P - 1}) u;
            INSERT INTO core_leerkring_researchers (leerkring_id, user_id)
            SELECT r / 2 + 1, {researchers} + r FROM generate_series(0, {2 * C - 1}) r
            UNION ALL
            SELECT c + 1, {national_researcher} FROM generate_series(0, {C - 1}) c
            UNION ALL
            SELECT c + 1, {five_researcher} FROM generate_series(0, {min(C, 5) - 1}) c;
            -- The first person of each municipality coordinates its participations.
            INSERT INTO gemeenten_deelname_coordinators (deelname_id, user_id)
            SELECT id, gemeente_id FROM gemeenten_deelname;
            CREATE TABLE bench_member AS
            SELECT u % {G} % {C} AS circle, u + 1 AS user_id, u % {G} + 1 AS gemeente_id,
                row_number() OVER (PARTITION BY u % {G} % {C} ORDER BY u) - 1 AS n
            FROM generate_series(0, {P - 1}) u;
            CREATE TABLE bench_circle AS
            SELECT circle, count(*) AS members FROM bench_member GROUP BY circle;
            CREATE UNIQUE INDEX ON bench_member (circle, n);
            """,
        ),
        (
            f"{s.meetings:,} meetings",
            # Meeting number i of a circle starts i weeks after the Monday 50 weeks ago: half
            # held, half still to come; every other one public.
            f"""
            INSERT INTO bijeenkomsten_bijeenkomst (id, leerkring_id, kind, title, description,
                starts_at, ends_at, location, online_url, capacity, registration_closes_at,
                reminder_days, is_public, status, created_at, updated_at, address,
                contact_name, contact_phone, venue_accessibility)
            SELECT m + 1, m % {C} + 1,
                (ARRAY['kickoff', 'leerkringbijeenkomst', 'werkgroep', 'reflectie',
                       'leeratelier'])[m / {C} % 5 + 1],
                'Bijeenkomst ' || (m / {C} + 1) || ' van leerkring ' || (m % {C} + 1),
                'We bespreken initiatieven uit de wijk en de rol van de gemeente.',
                t.starts, t.starts + interval '4 hours', 'Utrecht', '', 150,
                t.starts - interval '1 day', 2, m / {C} % 2 = 0,
                CASE WHEN t.starts < now() THEN 'gehouden' ELSE 'gepland' END,
                t.starts - interval '60 days', t.starts - interval '60 days', '', '', '', ''
            FROM generate_series(0, {s.meetings - 1}) m,
                LATERAL (SELECT date_trunc('week', now()) - interval '50 weeks'
                    + (m / {C}) * interval '1 week' + interval '10 hours' AS starts) t;
            """,
        ),
        (
            f"{s.meetings * s.per_meeting:,} registrations",
            # Meeting i of a circle is attended by its members i*37 ... i*37 + 99 (wrapping):
            # distinct people, since a circle has more than 100.
            f"""
            INSERT INTO bijeenkomsten_aanmelding (bijeenkomst_id, deelnemer_id, gemeente_id,
                status, walk_in, diet, accessibility, created_at, cancel_reason)
            SELECT b.id, p.user_id, p.gemeente_id,
                CASE WHEN b.status = 'gehouden' THEN 'aanwezig' ELSE 'aangemeld' END, false,
                CASE WHEN k % 10 = 0 THEN 'vegetarisch' ELSE '' END, '',
                b.starts_at - interval '20 days' + k * interval '1 minute', ''
            FROM bijeenkomsten_bijeenkomst b
            JOIN bench_circle bc ON bc.circle = b.leerkring_id - 1
            CROSS JOIN generate_series(0, {s.per_meeting - 1}) k
            JOIN bench_member p ON p.circle = bc.circle
                AND p.n = (((b.id - 1) / {C}) * 37 + k) % bc.members;
            """,
        ),
        (
            f"{s.cases:,} cases with their search vectors",
            f"""
            INSERT INTO dilemmas_dilemma (id, leerkring_id, title, title_nl, slug, summary,
                summary_nl, description, questions, conclusions, position, updated_at)
            SELECT c + 1, c + 1, 'Afwegen', 'Afwegen', 'afwegen', 'Belangen afwegen.',
                'Belangen afwegen.', 'Wanneer gaat het belang van de gemeente voor?', '', '',
                0, now()
            FROM generate_series(0, {C - 1}) c;
            INSERT INTO dilemmas_casus (leerkring_id, author_id, gemeente_id, dilemma_id,
                title, situation, question, status, visibility, anonymise, anon_title,
                anon_situation, anon_question, published_at, created_at, updated_at,
                search_vector, search_vector_public)
            SELECT x.circle + 1, p.user_id, p.gemeente_id, x.circle + 1, x.title, x.situation,
                x.question, 'gepubliceerd', 'leerkring', false, '', '', '',
                TIMESTAMPTZ '2025-01-01 00:00+00' + x.i * interval '1 minute',
                TIMESTAMPTZ '2025-01-01 00:00+00', TIMESTAMPTZ '2025-01-01 00:00+00',
                x.vector, x.vector
            FROM (
                SELECT k % {C} AS circle, k / {C} AS i, w.title, w.situation, w.question,
                    setweight(to_tsvector('dutch_unaccent', w.title), 'A')
                    || setweight(to_tsvector('dutch_unaccent',
                                             w.situation || ' ' || w.question), 'B') AS vector
                FROM generate_series(0, {s.cases - 1}) k,
                LATERAL (SELECT
                    'Casus ' || (k / {C}) || ': ' || words[(k / {C}) % 12 + 1] || ' en '
                        || words[(k / {C}) * 7 % 12 + 1] AS title,
                    repeat('Bewoners vragen hulp bij een ' || words[(k / {C}) * 5 % 12 + 1]
                        || '. ', 8) AS situation,
                    'Wat doe je als de gemeente ook een belang heeft?' AS question
                    FROM (SELECT ARRAY['buurthuis', 'moestuin', 'speeltuin', 'subsidie',
                        'initiatief', 'bewoners', 'wijkraad', 'vergunning', 'evenement',
                        'groenbeheer', 'participatie', 'zorgcoöperatie'] AS words) a
                ) w
            ) x
            JOIN bench_circle bc ON bc.circle = x.circle
            JOIN bench_member p ON p.circle = x.circle AND p.n = x.i * 13 % bc.members;
            """,
        ),
        (
            "identity sequences",
            """
            DO $$
            DECLARE t text;
            BEGIN
              FOR t IN SELECT c.table_name FROM information_schema.columns c
                  WHERE c.table_schema = 'public' AND c.column_name = 'id'
                  AND c.is_identity = 'YES'
              LOOP
                EXECUTE format(
                  'SELECT setval(pg_get_serial_sequence(%L, ''id''), '
                  'coalesce((SELECT max(id) FROM %I), 0) + 1, false)', t, t);
              END LOOP;
            END $$;
            """,
        ),
    ]


# --- The child process: Django against one of the databases ----------------------------------
def child_env(scale: Scale, **extra) -> dict:
    from django.conf import settings

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkring.settings.test",
        "TEST_DATABASE_URL": database_url(scale),
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
        **extra,
    }


def child(scale: Scale, command: str, argument) -> dict:
    """Run `python -m tests.bench.national <command> <argument as JSON>` against `scale`'s
    database; its last line of output is the answer as JSON."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.bench.national", command, json.dumps(argument)],
        cwd=ROOT,
        env=child_env(scale),
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"national {command} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Between runs -----------------------------------------------------------------------------
BURST_TITLE = "Drukbezochte bijeenkomst (bench)"


def reset(scale: Scale) -> None:
    """Undo what a run wrote (sessions, e-mails, exports, the burst's meeting, the digest's
    claims), so that every run starts from the same data; and give every circle an ordinary
    week of news however old the data set is: the next two meetings scheduled two days ago,
    four cases published yesterday (numbers 0, 1000, 2000 and 3000 of the circle), so that
    everyone's weekly digest has something to say."""
    with _connect(scale.database) as conn:
        conn.execute(
            f"""
            DELETE FROM django_session;
            DELETE FROM core_outgoingemail;
            DELETE FROM core_exportjob;
            DELETE FROM bijeenkomsten_aanmelding WHERE bijeenkomst_id IN
                (SELECT id FROM bijeenkomsten_bijeenkomst WHERE title = '{BURST_TITLE}');
            DELETE FROM bijeenkomsten_bijeenkomst WHERE title = '{BURST_TITLE}';
            UPDATE core_user SET digest_week = NULL WHERE digest_week IS NOT NULL;
            UPDATE bijeenkomsten_bijeenkomst
                SET created_at = least(starts_at - interval '60 days', now() - interval '30 days');
            UPDATE bijeenkomsten_bijeenkomst SET created_at = now() - interval '2 days'
                WHERE starts_at BETWEEN now() + interval '2 days' AND now() + interval '16 days';
            UPDATE dilemmas_casus SET published_at = now() - interval '1 day'
                WHERE title ~ '^Casus (0|[1-9]000):';
            """
        )


# --- Figures ----------------------------------------------------------------------------------
ROUNDS = int(os.environ.get("BENCH_NATIONAL_ROUNDS", "5"))


def _roles(scale: Scale) -> dict[str, int | None]:
    """Who looks, in circle 1 of either data set: the same person by position."""
    return {
        "anonymous": None,
        "member": scale.gemeenten + 1,  # the second person of municipality 0
        "coordinator": 1,  # the first person of municipality 0
        "researcher": scale.people + 1,  # circle 1's first researcher
    }


PAGES = [
    # (name, path, role)
    ("meeting list, logged out", "/bijeenkomsten/", "anonymous"),
    ("meeting list, member", "/bijeenkomsten/", "member"),
    ("coordinator's home", "/overzicht/", "coordinator"),
    ("researcher's home", "/overzicht/", "researcher"),
    # Both words are in one case in twelve (run.py's "buurthuis subsidie" is in none of them).
    ("case search, member", "/dilemmas/casussen/?q=moestuin+wijkraad", "member"),
]


def bench_pages(servers: dict) -> list[dict]:
    """Each page at national size against one circle: the median latency of interleaved
    rounds (every round: each page, each size, three requests, their median), and the
    queries each page makes at either size."""
    from .web import latencies

    cookies = {}
    for scale in servers:
        ids = [pk for pk in _roles(scale).values() if pk]
        made = child(scale, "cookies", ids)
        cookies[scale] = {
            role: {"Cookie": made[str(pk)]} if pk else {} for role, pk in _roles(scale).items()
        }
    for _name, path, role in PAGES:  # warm up
        for scale, server in servers.items():
            latencies(server, path, 2, cookies[scale][role])
    samples = {(name, scale): [] for name, _path, _role in PAGES for scale in servers}
    for _ in range(ROUNDS):
        for name, path, role in PAGES:
            for scale, server in servers.items():
                samples[name, scale].append(
                    statistics.median(latencies(server, path, 3, cookies[scale][role]))
                )
    counts = {
        scale: child(
            scale,
            "queries",
            [[name, path, _roles(scale)[role]] for name, path, role in PAGES],
        )
        for scale in servers
    }
    rows = []
    for name, _path, _role in PAGES:
        small, large = (statistics.median(samples[name, s]) * 1000 for s in (CIRCLE, NATIONAL))
        ratio = large / small
        rows.append(
            {
                "figure": f"{name}: median latency national / one circle",
                "value": round(ratio, 2),
                "unit": "ratio",
                "goal": "<= 1.5",
                "met": ratio <= 1.5,
                "detail": f"one circle {small:.0f} ms, national {large:.0f} ms",
            }
        )
        small_q, large_q = (counts[s]["counts"][name] for s in (CIRCLE, NATIONAL))
        top_ms, top_sql = counts[NATIONAL]["slowest"][name]
        rows.append(
            {
                "figure": f"{name}: queries national / one circle",
                "value": large_q,
                "unit": "count",
                "goal": "equal",
                "met": small_q == large_q,
                "detail": f"one circle {small_q}, national {large_q}; slowest at national "
                f"size {top_ms:.0f} ms: {top_sql[:60]}…",
            }
        )
    return rows


def bench_digest() -> list[dict]:
    """The weekly digest for the 20,000 people of NATIONAL on two real Celery workers (one
    pool process each, as production runs them): from sending the task until every person's
    week is claimed and every e-mail has left the outbox, or until BENCH_NATIONAL_DIGEST_LIMIT
    seconds (default 90; 0: no limit) have passed: then the rate so far and the time all
    20,000 would take at that rate, against the task's soft time limit."""
    import signal

    from django.conf import settings

    from leerkring import tasks
    from leerkring.celery import app

    with _connect(NATIONAL.database) as conn:
        expected = conn.execute("SELECT count(*) FROM core_user WHERE weekly_digest").fetchone()[0]
    broker = settings.CELERY_BROKER_URL
    # What the pages and the burst queued (their e-mails, whose outbox rows reset() removed)
    # is not the digest's work.
    app.control.purge()
    logs = ROOT / "var" / "bench"
    workers = []
    try:
        for n in (1, 2):
            name = f"national{n}-{secrets.token_hex(3)}@localhost"
            with (logs / f"national-worker{n}.log").open("w") as out:
                proc = subprocess.Popen(
                    [sys.executable, "-m", "celery", "-A", "leerkring", "worker",
                     "--pool=prefork", "--concurrency=1", "--without-gossip",
                     "--without-mingle", "--loglevel=WARNING", "-n", name],
                    cwd=ROOT,
                    env=child_env(
                        NATIONAL,
                        TEST_CELERY_EAGER="false",
                        TEST_CELERY_BROKER_URL=broker,
                        EMAIL_URL="dummymail://",
                    ),
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )  # fmt: skip
            workers.append((proc, name))
        deadline = time.monotonic() + 60
        names = {name for _proc, name in workers}
        while time.monotonic() < deadline:
            answered = app.control.ping(timeout=1.0) or []
            if names <= {key for reply in answered for key in reply}:
                break
        else:
            raise RuntimeError("the national workers did not start")
        log(f"digest: two workers ready, {expected:,} people asked for it")
        limit = float(os.environ.get("BENCH_NATIONAL_DIGEST_LIMIT", "90")) or float("inf")
        started = time.monotonic()
        app.conf.task_always_eager = False  # the task goes to Redis, for the workers
        try:
            tasks.digest_send.delay()
        finally:
            app.conf.task_always_eager = True
        claimed = waiting = 0
        with _connect(NATIONAL.database, autocommit=True) as conn:
            while time.monotonic() - started < limit:
                time.sleep(1.0)
                claimed = conn.execute(
                    "SELECT count(*) FROM core_user WHERE digest_week IS NOT NULL"
                ).fetchone()[0]
                waiting = conn.execute(
                    "SELECT count(*) FROM core_outgoingemail WHERE status <> 'failed'"
                ).fetchone()[0]
                if claimed >= expected and not waiting:
                    break
        seconds = time.monotonic() - started
    finally:
        # A cold shutdown: a warm one would wait for the digest task to finish.
        for proc, _name in workers:
            proc.send_signal(signal.SIGQUIT)
        for proc, _name in workers:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        app.control.purge()
    done = claimed >= expected and not waiting
    rate = claimed / seconds
    projected = expected / rate if rate else float("inf")
    # The run is spread over batches (leerkring.tasks.digest_send); the goal is the old
    # limit of the single task: everyone's digest within 20 minutes of Monday 07:00.
    soft_limit = 20 * 60
    return [
        {
            "figure": f"weekly digest, {expected:,} people, two workers",
            "value": round(rate, 1),
            "unit": "/s",
            "goal": f"all < {soft_limit // 60} min",
            "met": projected < soft_limit,
            "detail": (
                f"all {expected:,} sent in {seconds:.0f} s"
                if done
                else f"{claimed:,} sent in the first {seconds:.0f} s: all would take "
                f"{projected / 60:.0f} min"
            ),
        }
    ]


def bench_export() -> list[dict]:
    """The registrations CSV as the worker writes it: 500,000 rows (a researcher of all 50
    circles) against 50,000 (of five), each in a fresh process; its peak resident memory
    before and after the export."""
    results = {}
    for label, user_id in (
        ("50,000", NATIONAL.people + 2 * NATIONAL.circles + 2),
        ("500,000", NATIONAL.people + 2 * NATIONAL.circles + 1),
    ):
        results[label] = child(NATIONAL, "export", user_id)
    small, large = results["50,000"], results["500,000"]
    growth = {k: (r["peak_kb"] - r["before_kb"]) / 1024 for k, r in results.items()}
    bounded = growth["500,000"] <= max(2 * growth["50,000"], growth["50,000"] + 20)
    return [
        {
            "figure": f"CSV export, {large['rows']:,} registrations: peak memory growth",
            "value": round(growth["500,000"], 1),
            "unit": "MB",
            "goal": "~ 50,000",
            "met": bounded and large["rows"] == NATIONAL.meetings * NATIONAL.per_meeting,
            "detail": f"{small['rows']:,} rows: +{growth['50,000']:.1f} MB; worker process "
            f"{large['before_kb'] / 1024:.0f} MB before, peak "
            f"{large['peak_kb'] / 1024:.0f} MB; {large['rows'] / large['seconds']:,.0f} rows/s "
            f"({large['seconds']:.0f} s, {large['bytes'] / 1e6:.0f} MB of CSV)",
        }
    ]


def bench_burst(server) -> list[dict]:
    """500 people of two circles' municipalities register at once for one meeting with 300
    seats, from 25 concurrent clients with keep-alive connections: the time until every
    answer has come, and seats given beyond 300 (must be 0)."""
    import queue

    people, seats, clients = 500, 300, 25
    with _connect(NATIONAL.database) as conn:
        meeting_id = conn.execute(
            f"""
            INSERT INTO bijeenkomsten_bijeenkomst (leerkring_id, kind, title, description,
                starts_at, ends_at, location, online_url, capacity, registration_closes_at,
                reminder_days, is_public, status, created_at, updated_at, address,
                contact_name, contact_phone, venue_accessibility)
            VALUES ({BURST_CIRCLE + 1}, 'slotconferentie', '{BURST_TITLE}', '',
                now() + interval '30 days', now() + interval '30 days 4 hours', 'Utrecht',
                '', {seats}, now() + interval '29 days', 2, true, 'gepland', now(), now(), '',
                '', '', '')
            RETURNING id
            """
        ).fetchone()[0]
        user_ids = [
            row[0]
            for row in conn.execute(
                f"SELECT user_id FROM bench_member WHERE circle IN "
                f"({BURST_CIRCLE}, {BURST_CIRCLE + 1}) ORDER BY n, circle LIMIT {people}"
            )
        ]
    made = child(NATIONAL, "cookies", user_ids)
    # A CSRF secret of the client's own making: Django compares the header with the cookie.
    todo = queue.Queue()
    for pk in user_ids:
        token = secrets.token_hex(16)
        todo.put(
            {
                "Cookie": f"{made[str(pk)]}; csrftoken={token}",
                "X-CSRFToken": token,
                "Content-Type": "application/x-www-form-urlencoded",
            }
        )
    statuses = []

    def client():
        conn = server.connection()
        while True:
            try:
                headers = todo.get_nowait()
            except queue.Empty:
                break
            conn.request(
                "POST",
                f"/bijeenkomsten/{meeting_id}/aanmelden/",
                body="diet=&accessibility=",
                headers=headers,
            )
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - started
    with _connect(NATIONAL.database) as conn:
        seated, waiting = conn.execute(
            "SELECT count(*) FILTER (WHERE status IN ('aangemeld', 'aanwezig')), "
            "count(*) FILTER (WHERE status = 'wachtlijst') FROM bijeenkomsten_aanmelding "
            "WHERE bijeenkomst_id = %s",
            [meeting_id],
        ).fetchone()
    answered = statuses.count(302)
    overbooked = max(0, seated - seats)
    return [
        {
            "figure": f"burst: {people} people register for one meeting, {clients} clients",
            "value": round(seconds, 1),
            "unit": "s",
            "goal": "all answered",
            "met": answered == people,
            "detail": f"{answered} answered 302 ({people / seconds:.0f}/s); "
            f"{seated} seated, {waiting} waiting",
        },
        {
            "figure": f"burst: seated beyond {seats} seats",
            "value": overbooked,
            "unit": "count",
            "goal": "0",
            "met": overbooked == 0 and (seated, waiting) == (seats, people - seats),
            "detail": f"{seated} seated, {waiting} waiting",
        },
    ]


def bench_national() -> list[dict]:
    """Every national figure; BENCH_NATIONAL=0 leaves them out."""
    if os.environ.get("BENCH_NATIONAL", "1") == "0":
        return []
    from .web import Gunicorn

    print("national programme: data sets", flush=True)
    built = {scale: ensure(scale) for scale in (CIRCLE, NATIONAL)}
    for scale in built:
        reset(scale)
    rows = [
        {
            "figure": "national data set: build",
            "value": round(built[NATIONAL][0]),
            "unit": "s",
            "goal": "-",
            "met": True,
            "detail": ("kept from an earlier run" if built[NATIONAL][1] else "built now")
            + ": 50 circles, 342 municipalities, 20,000 people, 5,000 meetings, "
            "500,000 registrations, 200,000 cases",
        }
    ]
    print("national programme: pages", flush=True)
    servers = {}
    try:
        for scale in (CIRCLE, NATIONAL):
            servers[scale] = Gunicorn(database_url(scale))
        rows += bench_pages(servers)
        print("national programme: burst of registrations", flush=True)
        rows += bench_burst(servers[NATIONAL])
        reset(NATIONAL)
    finally:
        for server in servers.values():
            server.stop()
    print("national programme: export", flush=True)
    rows += bench_export()
    print("national programme: weekly digest", flush=True)
    rows += bench_digest()
    reset(NATIONAL)
    return rows


def _child_cookies(user_ids: list[int]) -> dict:
    from leerkring.core.models import User
    from tests.support import session_cookie

    users = User.objects.in_bulk(user_ids)
    return {str(pk): "=".join(session_cookie(users[pk])) for pk in user_ids}


def _child_queries(pages: list[list]) -> dict:
    """Queries per page, each page fetched once before (caches filled, as in steady use)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from leerkring.core.models import User

    cache.clear()
    counts, slowest = {}, {}
    for name, path, user_id in pages:
        client = Client()
        if user_id:
            client.force_login(User.objects.get(pk=user_id))
        assert client.get(path).status_code == 200, path
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[name] = len(queries)
        top = max(queries.captured_queries, key=lambda query: float(query["time"]))
        sql = top["sql"]
        slowest[name] = [float(top["time"]) * 1000, sql[sql.find(" FROM ") + 1 :][:120]]
    return {"counts": counts, "slowest": slowest}


def _memory_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def _child_export(user_id: int) -> dict:
    """The registrations CSV of everything `user_id` researches, as the worker writes it:
    this process's resident memory before, and its peak while exporting (Linux: the peak is
    reset first by writing 5 to clear_refs; ru_maxrss would carry the parent's peak over)."""
    from django.core.files.storage import storages

    from bijeenkomsten.exports import AANMELDINGEN
    from leerkring.core.exports import worker
    from leerkring.core.models import ExportJob

    job = ExportJob.objects.create(
        kind=AANMELDINGEN, user_id=user_id, params={}, language="nl", filename="bench.csv"
    )
    Path("/proc/self/clear_refs").write_text("5")
    before = _memory_kb("VmRSS")
    started = time.perf_counter()
    assert worker.export_run(job_id=job.pk) == "ready"
    seconds = time.perf_counter() - started
    peak = _memory_kb("VmHWM")
    job.refresh_from_db()
    size = job.file.size
    storages["private"].delete(job.file.name)
    job.delete()
    return {"rows": job.rows_done, "seconds": seconds, "before_kb": before, "peak_kb": peak,
            "bytes": size}  # fmt: skip


if __name__ == "__main__":
    import django

    django.setup()
    command, argument = sys.argv[1], json.loads(sys.argv[2])
    result = {"cookies": _child_cookies, "queries": _child_queries, "export": _child_export}[
        command
    ](argument)
    print(json.dumps(result))
