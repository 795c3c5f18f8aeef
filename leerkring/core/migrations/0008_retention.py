# Issue 18: one row per day claims the nightly retention run (D89).

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_search"),
    ]

    operations = [
        migrations.CreateModel(
            name="RetentionRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(unique=True, verbose_name="dag")),
                (
                    "started_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="begonnen"
                    ),
                ),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="klaar")),
            ],
            options={
                "verbose_name": "opruimronde",
                "verbose_name_plural": "opruimrondes",
                "ordering": ["-day"],
            },
        ),
    ]
