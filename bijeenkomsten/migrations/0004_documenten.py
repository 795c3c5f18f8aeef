# Documents of a meeting or a work group: slides, handouts, photos, checked by a worker.
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import bijeenkomsten.models


class Migration(migrations.Migration):
    dependencies = [
        ("bijeenkomsten", "0003_aanmelding_walk_in"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Document",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="titel")),
                (
                    "visibility",
                    models.CharField(
                        choices=[
                            ("openbaar", "iedereen"),
                            ("leerkring", "deelnemers van de leerkring"),
                            ("plek", "wie een plek had (aangemeld of aanwezig)"),
                        ],
                        max_length=10,
                        verbose_name="wie ziet het",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("pdf", "PDF"),
                            ("jpeg", "foto (JPG)"),
                            ("png", "afbeelding (PNG)"),
                            ("docx", "Word-document"),
                            ("pptx", "PowerPoint-presentatie"),
                            ("xlsx", "Excel-werkmap"),
                            ("odt", "OpenDocument-tekst"),
                            ("odp", "OpenDocument-presentatie"),
                        ],
                        max_length=8,
                        verbose_name="soort",
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        blank=True,
                        max_length=300,
                        storage=bijeenkomsten.models._document_storage,
                        upload_to="",
                        verbose_name="bestand",
                    ),
                ),
                ("size", models.PositiveBigIntegerField(default=0, verbose_name="grootte")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "wacht op controle"),
                            ("checking", "wordt gecontroleerd"),
                            ("accepted", "goedgekeurd"),
                            ("refused", "geweigerd"),
                        ],
                        default="queued",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="pogingen")),
                ("task_id", models.CharField(blank=True, max_length=64, verbose_name="taak")),
                (
                    "queued_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="in de wachtrij sinds"
                    ),
                ),
                (
                    "started_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="begonnen"),
                ),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="klaar")),
                (
                    "refusal",
                    models.CharField(blank=True, max_length=20, verbose_name="reden van weigering"),
                ),
                ("found", models.CharField(blank=True, max_length=200, verbose_name="gevonden")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="geüpload op"
                    ),
                ),
                (
                    "bijeenkomst",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documenten",
                        to="bijeenkomsten.bijeenkomst",
                        verbose_name="bijeenkomst",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="geüpload door",
                    ),
                ),
                (
                    "werkgroep",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="documenten",
                        to="bijeenkomsten.werkgroep",
                        verbose_name="werkgroep",
                    ),
                ),
            ],
            options={
                "verbose_name": "document",
                "verbose_name_plural": "documenten",
                "ordering": ["bijeenkomst", "created_at", "pk"],
                "indexes": [
                    models.Index(fields=["bijeenkomst", "status"], name="document_by_meeting"),
                    models.Index(fields=["status", "queued_at"], name="document_by_queue"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "refused"), _negated=True),
                            ("file", ""),
                            _connector="OR",
                        ),
                        name="bijeenkomsten_document_refused_has_no_file",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "accepted"), _negated=True),
                            models.Q(("kind", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="bijeenkomsten_document_accepted_has_kind",
                    ),
                ],
            },
        ),
    ]
