# Issue 18: a forgotten download still counts its person (D88).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("publicaties", "0003_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="download",
            name="counts_as_person",
            field=models.BooleanField(default=False, verbose_name="telt als één persoon"),
        ),
    ]
