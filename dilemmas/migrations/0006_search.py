# Issue 18: the case vectors move to the `dutch_unaccent` configuration (core migration 0007),
# as dilemmas.services._update_search now writes them; the existing rows are rebuilt here.

from django.db import migrations

REBUILD = """
UPDATE dilemmas_casus SET
    search_vector = setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('dutch_unaccent'::regconfig,
            coalesce(situation, '') || ' ' || coalesce(question, '')), 'B'),
    search_vector_public = CASE WHEN anonymise THEN
        setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(anon_title, '')), 'A')
        || setweight(to_tsvector('dutch_unaccent'::regconfig,
            coalesce(anon_situation, '') || ' ' || coalesce(anon_question, '')), 'B')
    ELSE
        setweight(to_tsvector('dutch_unaccent'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('dutch_unaccent'::regconfig,
            coalesce(situation, '') || ' ' || coalesce(question, '')), 'B')
    END
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REBUILD)


class Migration(migrations.Migration):
    dependencies = [
        ("dilemmas", "0005_casus_drafts"),
        ("core", "0007_search"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False),
    ]
