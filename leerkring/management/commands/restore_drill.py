"""A restore drill (docs/deploy.md, "Backup and restore"): back up the database and the object
store, restore both into scratch copies, and prove the copies hold the same rows and bytes.

1. A REPEATABLE READ transaction exports its snapshot; `pg_dump --snapshot` dumps exactly what
   that transaction sees, and the row count of every table is taken in it. So the counts are
   those of the dump, also while the site keeps writing.
2. `pg_restore` into a new scratch database; every table is counted there again.
3. Every object of the bucket is copied to the backup folder (its SHA-256 in manifest.json),
   then uploaded from the folder into a new scratch bucket and read back and hashed there.
4. The scratch database and bucket are removed (unless --keep); the backup folder stays.

It fails (exit 1) when a count or a checksum differs. pg_dump and pg_restore must speak to
PostgreSQL itself, not through PgBouncer in transaction mode: give --database-url then."""

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from psycopg import sql


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _program(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise CommandError(f"{name} is missing: install PostgreSQL's client (postgresql-client).")
    return path


def _libpq(database: dict, name: str | None = None) -> dict[str, str]:
    """Connection keywords for psycopg, and (as PG* variables) for pg_dump and pg_restore."""
    return {
        key: str(value)
        for key, value in {
            "host": database.get("HOST"),
            "port": database.get("PORT"),
            "user": database.get("USER"),
            "password": database.get("PASSWORD"),
            "dbname": name or database["NAME"],
        }.items()
        if value
    }


def _environment(params: dict[str, str]) -> dict[str, str]:
    names = {"host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD"}
    return {**os.environ, **{names[k]: v for k, v in params.items() if k in names}}


def _tables(conn) -> list[str]:
    rows = conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname"
    )
    return [name for (name,) in rows]


def _counts(conn, tables: list[str]) -> dict[str, int]:
    query = "SELECT count(*) FROM {}"
    return {t: conn.execute(sql.SQL(query).format(sql.Identifier(t))).fetchone()[0] for t in tables}


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump) and every object of the bucket, restore both into a "
        "scratch database and a scratch bucket, and compare row counts and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database-url",
            default=os.environ.get("BACKUP_DATABASE_URL", ""),
            help="PostgreSQL itself (not PgBouncer); default BACKUP_DATABASE_URL, else "
            "DATABASE_URL.",
        )
        parser.add_argument(
            "--backup-dir", default="", help="Where the backup goes; default var/backups/<time>."
        )
        parser.add_argument(
            "--keep", action="store_true", help="Keep the scratch database and bucket."
        )

    def handle(self, *args, database_url, backup_dir, keep, **options):
        database = dict(settings.DATABASES["default"])
        if database_url:
            parts = urlsplit(database_url)
            database.update(
                HOST=parts.hostname or "",
                PORT=parts.port or "",
                USER=parts.username or "",
                PASSWORD=parts.password or "",
                NAME=parts.path.lstrip("/"),
            )
        elif database.get("DISABLE_SERVER_SIDE_CURSORS"):
            raise CommandError(
                "DATABASE_URL points at PgBouncer; give PostgreSQL itself with --database-url "
                "or BACKUP_DATABASE_URL."
            )
        if database["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("The drill needs PostgreSQL.")
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        folder = Path(backup_dir or settings.VAR_DIR / "backups" / stamp)
        folder.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"Backup folder: {folder}")
        problems = self.drill_database(database, folder, stamp, keep)
        problems += self.drill_objects(folder, stamp, keep)
        if problems:
            raise CommandError(f"Restore drill FAILED: {problems} difference(s), see above.")
        self.stdout.write(
            self.style.SUCCESS("Restore drill passed: every count and checksum matches.")
        )

    # --- PostgreSQL ---------------------------------------------------------------------------
    def drill_database(self, database: dict, folder: Path, stamp: str, keep: bool) -> int:
        source = _libpq(database)
        scratch = f"{database['NAME']}_drill_{stamp.replace('-', '_')}"[:63]
        dump = folder / "database.dump"
        started = time.monotonic()
        with psycopg.connect(**source) as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
            subprocess.run(  # noqa: S603 - fixed arguments, names from our settings
                [_program("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={dump}",
                 "--no-owner", source["dbname"]],
                env=_environment(source), check=True,
            )  # fmt: skip
            tables = _tables(conn)
            expected = _counts(conn, tables)
        dumped = time.monotonic() - started
        with psycopg.connect(**_libpq(database, "postgres"), autocommit=True) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
        try:
            started = time.monotonic()
            restore = [
                _program("pg_restore"),
                "--no-owner",
                "--exit-on-error",
                f"--dbname={scratch}",
            ]
            subprocess.run(  # noqa: S603 - fixed arguments, names from our settings
                [*restore, str(dump)], env=_environment(source), check=True
            )
            restored = time.monotonic() - started
            with psycopg.connect(**_libpq(database, scratch)) as conn:
                found = _counts(conn, _tables(conn))
        finally:
            if not keep:
                with psycopg.connect(**_libpq(database, "postgres"), autocommit=True) as admin:
                    admin.execute(
                        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                            sql.Identifier(scratch)
                        )
                    )
        differ = sorted(
            t for t in expected.keys() | found.keys() if expected.get(t) != found.get(t)
        )
        for table in differ:
            self.stdout.write(
                self.style.ERROR(
                    f"  {table}: {expected.get(table)} rows, restored {found.get(table)}"
                )
            )
        self.stdout.write(
            f"PostgreSQL: {len(expected)} tables, {sum(expected.values())} rows; dump "
            f"{dump.stat().st_size / 1e6:.2f} MB in {dumped:.1f} s; restored into {scratch} in "
            f"{restored:.1f} s; {len(expected) - len(differ)}/{len(expected)} tables with the "
            f"same row count" + ("" if keep else " (scratch database removed)")
        )
        return len(differ)

    # --- The object store ---------------------------------------------------------------------
    def drill_objects(self, folder: Path, stamp: str, keep: bool) -> int:
        if settings.FILE_STORAGE != "s3":
            self.stdout.write(
                "Files: on local disk (DJANGO_FILE_STORAGE=local); back up "
                f"{settings.PRIVATE_MEDIA_ROOT} and {settings.MEDIA_ROOT} with the host's backup."
            )
            return 0
        # The app's own S3 client: its endpoint, keys and signature.
        store = storages["private"]
        client = store.connection.meta.client
        bucket = store.bucket_name
        scratch = f"{bucket}-drill-{stamp}"[:63].lower()
        objects = folder / "objects"
        started = time.monotonic()
        manifest = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                target = objects / item["Key"]
                target.parent.mkdir(parents=True, exist_ok=True)
                client.download_file(bucket, item["Key"], str(target))
                manifest[item["Key"]] = {"sha256": _sha256(target), "size": item["Size"]}
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
        copied = time.monotonic() - started
        started = time.monotonic()
        client.create_bucket(Bucket=scratch)
        try:
            for key in manifest:
                client.upload_file(str(objects / key), scratch, key)
            differ = []
            listed = set()
            check = folder / "check.tmp"
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=scratch):
                for item in page.get("Contents", []):
                    listed.add(item["Key"])
                    client.download_file(scratch, item["Key"], str(check))
                    if manifest.get(item["Key"], {}).get("sha256") != _sha256(check):
                        differ.append(item["Key"])
            check.unlink(missing_ok=True)
            differ += sorted(manifest.keys() - listed)
            restored = time.monotonic() - started
        finally:
            if not keep:
                for page in client.get_paginator("list_objects_v2").paginate(Bucket=scratch):
                    keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
                    if keys:
                        client.delete_objects(Bucket=scratch, Delete={"Objects": keys})
                client.delete_bucket(Bucket=scratch)
        for key in differ:
            self.stdout.write(self.style.ERROR(f"  {key}: missing or different after restore"))
        size = sum(item["size"] for item in manifest.values())
        self.stdout.write(
            f"Object store: {len(manifest)} objects, {size / 1e6:.2f} MB from bucket {bucket} "
            f"copied in {copied:.1f} s; restored into {scratch} in {restored:.1f} s; "
            f"{len(manifest) - len(differ)}/{len(manifest)} objects with the same SHA-256"
            + ("" if keep else " (scratch bucket removed)")
        )
        return len(differ)
