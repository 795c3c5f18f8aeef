# Issue 18: the site search over publications (leerkring/search.py): title A, abstract B, kept
# current by a trigger for every writer; on SQLite the column stays empty (plain matching).

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

TRIGGER = """
CREATE OR REPLACE FUNCTION publicaties_publicatie_search() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := setweight(
        to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.abstract, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS publicaties_publicatie_search ON publicaties_publicatie;
CREATE TRIGGER publicaties_publicatie_search
    BEFORE INSERT OR UPDATE ON publicaties_publicatie
    FOR EACH ROW EXECUTE FUNCTION publicaties_publicatie_search();

UPDATE publicaties_publicatie SET id = id;
"""

DROP = """
DROP TRIGGER IF EXISTS publicaties_publicatie_search ON publicaties_publicatie;
DROP FUNCTION IF EXISTS publicaties_publicatie_search();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("publicaties", "0002_pdf_upload"),
        ("core", "0007_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="publicatie",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="publicatie",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="publicaties_search"
            ),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
