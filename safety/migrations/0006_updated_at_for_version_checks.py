"""Every record an edit form changes has an updated_at: the version the form carries (core.concurrency)."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("safety", "0005_check_in_notes_for_the_mentor")]

    operations = [
        migrations.AddField(
            model_name="sitevisit",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
