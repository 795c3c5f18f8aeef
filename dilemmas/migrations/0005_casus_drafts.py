# Issue 18: a draft case may be only a title. The dilemma, situation, question and roles are
# asked for when the case is shared; a published case stays complete (the constraint).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dilemmas", "0004_translations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="casus",
            name="dilemma",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="casussen",
                to="dilemmas.dilemma",
                verbose_name="dilemma",
            ),
        ),
        migrations.AlterField(
            model_name="casus",
            name="question",
            field=models.TextField(blank=True, verbose_name="vraag aan de leerkring"),
        ),
        migrations.AlterField(
            model_name="casus",
            name="rollen",
            field=models.ManyToManyField(
                blank=True, related_name="casussen", to="dilemmas.rol", verbose_name="rollen"
            ),
        ),
        migrations.AlterField(
            model_name="casus",
            name="situation",
            field=models.TextField(blank=True, verbose_name="situatie"),
        ),
        migrations.AddConstraint(
            model_name="casus",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "concept"),
                    models.Q(
                        ("dilemma__isnull", False),
                        models.Q(("situation", ""), _negated=True),
                        models.Q(("question", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="dilemmas_casus_published_is_complete",
            ),
        ),
    ]
