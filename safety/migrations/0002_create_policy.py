from django.db import migrations


def create_policy(apps, schema_editor):
    """The district's single policy row, with the defaults, so no page ever writes on a GET."""
    SafetyPolicy = apps.get_model("safety", "SafetyPolicy")
    if not SafetyPolicy.objects.exists():
        SafetyPolicy.objects.create()


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]

    operations = [migrations.RunPython(create_policy, migrations.RunPython.noop)]
