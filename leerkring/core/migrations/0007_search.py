# Issue 18: the text search configuration every search uses (leerkring/core/search.py).
# `dutch_unaccent` is `dutch` with unaccent before the Snowball stemmer, so "cooperatie" and
# "coöperatie" become one lexeme. unaccent is a trusted extension (PostgreSQL 13+) shipped with
# contrib; no dictionary files are needed. Nothing to do on SQLite (the demo folds in Python).

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CREATE = """
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_ts_config
        WHERE cfgname = 'dutch_unaccent' AND cfgnamespace = current_schema()::regnamespace
    ) THEN
        CREATE TEXT SEARCH CONFIGURATION dutch_unaccent (COPY = dutch);
        ALTER TEXT SEARCH CONFIGURATION dutch_unaccent
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
                WITH unaccent, dutch_stem;
        ALTER TEXT SEARCH CONFIGURATION dutch_unaccent
            ALTER MAPPING FOR numword WITH unaccent, simple;
    END IF;
END
$$;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS dutch_unaccent")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_user_settings_retention"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
