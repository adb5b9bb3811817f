"""Every record an edit form changes has an updated_at: the version the form carries (core.concurrency)."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0008_health_score")]

    operations = [
        migrations.AddField(
            model_name="partnershiprole",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
