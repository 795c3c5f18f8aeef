# The questionnaire after a meeting (evaluatie): questions, anonymous answers, who answered.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bijeenkomsten", "0005_berichten"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Evaluatie",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "sent_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="verstuurd op"),
                ),
                (
                    "in_report",
                    models.BooleanField(
                        default=False,
                        help_text="Alleen de stellingen, in grafieken, en pas vanaf 5 antwoorden. De antwoorden op open vragen blijven voor onderzoekers.",
                        verbose_name="uitkomsten in de PDF van het verslag",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "bijeenkomst",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evaluatie",
                        to="bijeenkomsten.bijeenkomst",
                        verbose_name="bijeenkomst",
                    ),
                ),
            ],
            options={
                "verbose_name": "evaluatie",
                "verbose_name_plural": "evaluaties",
            },
        ),
        migrations.CreateModel(
            name="EvaluatieAntwoorden",
            fields=[
                (
                    "evaluatie",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="antwoorden",
                        serialize=False,
                        to="bijeenkomsten.evaluatie",
                        verbose_name="evaluatie",
                    ),
                ),
                (
                    "responses",
                    models.JSONField(blank=True, default=list, verbose_name="antwoorden"),
                ),
            ],
            options={
                "verbose_name": "antwoorden op een evaluatie",
                "verbose_name_plural": "antwoorden op evaluaties",
            },
        ),
        migrations.CreateModel(
            name="EvaluatieIngevuld",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "evaluatie",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ingevuld",
                        to="bijeenkomsten.evaluatie",
                        verbose_name="evaluatie",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="deelnemer",
                    ),
                ),
            ],
            options={
                "verbose_name": "ingevulde evaluatie",
                "verbose_name_plural": "ingevulde evaluaties",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("evaluatie", "user"), name="bijeenkomsten_evaluatie_once_per_person"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="EvaluatieVraag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("stelling", "stelling (1 tot 5)"), ("open", "open vraag")],
                        max_length=12,
                        verbose_name="soort",
                    ),
                ),
                ("text", models.CharField(max_length=300, verbose_name="vraag")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="volgorde")),
                (
                    "evaluatie",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="vragen",
                        to="bijeenkomsten.evaluatie",
                        verbose_name="evaluatie",
                    ),
                ),
            ],
            options={
                "verbose_name": "vraag van een evaluatie",
                "verbose_name_plural": "vragen van evaluaties",
                "ordering": ["evaluatie", "position", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["stelling", "open"])),
                        name="bijeenkomsten_evaluatievraag_kind_valid",
                    )
                ],
            },
        ),
    ]
