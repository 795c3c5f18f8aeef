"""The fixed vocabulary of the thinking framework: three stances, five working roles and the
three democratic values. Data, not schema: kept apart from the schema migrations."""

from django.db import migrations

STANCES = [("loslaten", "loslaten"), ("faciliteren", "faciliteren"), ("sturen", "sturen")]
ROLES = [
    ("procesbegeleider", "procesbegeleider"),
    ("netwerker", "netwerker"),
    ("analist", "analist"),
    ("verbinder", "verbinder"),
    ("facilitator", "facilitator"),
]
VALUES = [
    ("gelijkheid-en-inclusie", "gelijkheid en inclusie"),
    ("verantwoording", "verantwoording"),
    ("deliberatie", "deliberatie"),
]


def forwards(apps, schema_editor):
    Rol = apps.get_model("dilemmas", "Rol")
    Waarde = apps.get_model("dilemmas", "Waarde")
    for kind, items in (("houding", STANCES), ("rol", ROLES)):
        for position, (slug, name) in enumerate(items):
            Rol.objects.update_or_create(
                slug=slug, defaults={"name": name, "kind": kind, "position": position}
            )
    for position, (slug, name) in enumerate(VALUES):
        Waarde.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


def backwards(apps, schema_editor):
    slugs = [s for s, _ in STANCES + ROLES]
    apps.get_model("dilemmas", "Rol").objects.filter(slug__in=slugs).delete()
    apps.get_model("dilemmas", "Waarde").objects.filter(slug__in=[s for s, _ in VALUES]).delete()


class Migration(migrations.Migration):
    dependencies = [("dilemmas", "0002_dilemma_casus_reactie")]

    operations = [migrations.RunPython(forwards, backwards)]
