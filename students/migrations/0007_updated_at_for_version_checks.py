"""Every record an edit form changes has an updated_at: the version the form carries (core.concurrency)."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("students", "0006_import_checks_in_background_and_confirmed_at")]

    operations = [
        migrations.AddField(
            model_name="learninggoal",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="hoursentry",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
