# Messages to the people of a meeting, a work group, the circle or a municipality (issue 17).
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bijeenkomsten", "0004_documenten"),
        ("core", "0005_audit_actions_issue17"),
        ("gemeenten", "0003_partner_email_domain"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Bericht",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "audience",
                    models.CharField(
                        choices=[
                            ("deelnemers", "de deelnemers van de bijeenkomst"),
                            ("wachtlijst", "de wachtlijst van de bijeenkomst"),
                            ("werkgroep", "een werkgroep van de bijeenkomst"),
                            ("leerkring", "de deelnemers van de leerkring"),
                            ("gemeente", "de mensen van een gemeente"),
                        ],
                        max_length=12,
                        verbose_name="aan",
                    ),
                ),
                ("subject", models.CharField(max_length=200, verbose_name="onderwerp")),
                ("body", models.TextField(help_text="Markdown.", verbose_name="bericht")),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="verstuurd op"
                    ),
                ),
                (
                    "recipient_count",
                    models.PositiveIntegerField(default=0, verbose_name="aantal ontvangers"),
                ),
                (
                    "bijeenkomst",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="berichten",
                        to="bijeenkomsten.bijeenkomst",
                        verbose_name="bijeenkomst",
                    ),
                ),
                (
                    "gemeente",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="berichten",
                        to="gemeenten.gemeente",
                        verbose_name="gemeente",
                    ),
                ),
                (
                    "leerkring",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="berichten",
                        to="core.leerkring",
                        verbose_name="leerkring",
                    ),
                ),
                (
                    "sender",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="berichten_verstuurd",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="afzender",
                    ),
                ),
                (
                    "werkgroep",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="berichten",
                        to="bijeenkomsten.werkgroep",
                        verbose_name="werkgroep",
                    ),
                ),
            ],
            options={
                "verbose_name": "bericht",
                "verbose_name_plural": "berichten",
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(fields=["sender", "created_at"], name="bericht_by_sender"),
                    models.Index(
                        fields=["bijeenkomst", "created_at"], name="bericht_by_bijeenkomst"
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            audience__in=[
                                "deelnemers",
                                "wachtlijst",
                                "werkgroep",
                                "leerkring",
                                "gemeente",
                            ]
                        ),
                        name="bericht_audience_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(audience__in=["leerkring", "gemeente"])
                        | models.Q(bijeenkomst__isnull=False),
                        name="bericht_meeting_audience_has_meeting",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="BerichtOntvanger",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "bericht",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ontvangers",
                        to="bijeenkomsten.bericht",
                        verbose_name="bericht",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="berichten_ontvangen",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="ontvanger",
                    ),
                ),
            ],
            options={
                "verbose_name": "ontvanger van een bericht",
                "verbose_name_plural": "ontvangers van berichten",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("bericht", "user"), name="bericht_ontvanger_unique"
                    )
                ],
            },
        ),
    ]
