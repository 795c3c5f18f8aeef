# Issue 18: the site search over meetings and reports (leerkring/search.py). Each row keeps
# its search vector current by a trigger, so every writer (services, the admin, the demo seed,
# factories) keeps it; on SQLite the columns stay empty (the demo searches by plain matching).

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

# A meeting: its title (for everyone who sees the meeting) and title with description (for
# the circle's members and researchers, who see the description). A report version: title A,
# text and conclusions B.
TRIGGERS = """
CREATE OR REPLACE FUNCTION bijeenkomsten_bijeenkomst_search() RETURNS trigger AS $$
BEGIN
    NEW.search_title := setweight(
        to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.title, '')), 'A');
    NEW.search_vector := NEW.search_title || setweight(
        to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.description, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS bijeenkomsten_bijeenkomst_search ON bijeenkomsten_bijeenkomst;
CREATE TRIGGER bijeenkomsten_bijeenkomst_search
    BEFORE INSERT OR UPDATE ON bijeenkomsten_bijeenkomst
    FOR EACH ROW EXECUTE FUNCTION bijeenkomsten_bijeenkomst_search();

CREATE OR REPLACE FUNCTION bijeenkomsten_verslagversie_search() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := setweight(
        to_tsvector('dutch_unaccent'::regconfig, coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('dutch_unaccent'::regconfig,
            coalesce(NEW.body, '') || ' ' || coalesce(NEW.conclusions, '')), 'B');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS bijeenkomsten_verslagversie_search ON bijeenkomsten_verslagversie;
CREATE TRIGGER bijeenkomsten_verslagversie_search
    BEFORE INSERT OR UPDATE ON bijeenkomsten_verslagversie
    FOR EACH ROW EXECUTE FUNCTION bijeenkomsten_verslagversie_search();

UPDATE bijeenkomsten_bijeenkomst SET id = id;
UPDATE bijeenkomsten_verslagversie SET id = id;
"""

DROP = """
DROP TRIGGER IF EXISTS bijeenkomsten_bijeenkomst_search ON bijeenkomsten_bijeenkomst;
DROP FUNCTION IF EXISTS bijeenkomsten_bijeenkomst_search();
DROP TRIGGER IF EXISTS bijeenkomsten_verslagversie_search ON bijeenkomsten_verslagversie;
DROP FUNCTION IF EXISTS bijeenkomsten_verslagversie_search();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGERS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("bijeenkomsten", "0007_venue_cancel_reason"),
        ("core", "0007_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="bijeenkomst",
            name="search_title",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="bijeenkomst",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="verslagversie",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="bijeenkomst",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_title"], name="bijeenkomst_search_title"
            ),
        ),
        migrations.AddIndex(
            model_name="bijeenkomst",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="bijeenkomst_search"
            ),
        ),
        migrations.AddIndex(
            model_name="verslagversie",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="verslagversie_search"
            ),
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
