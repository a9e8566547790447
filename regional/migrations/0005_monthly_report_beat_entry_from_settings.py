"""The monthly report's beat entry is now declared in settings.CELERY_BEAT_SCHEDULE like every
other job's; the row an older post_migrate hook created under another name would run it twice."""

from django.db import migrations

LEGACY_NAME = "notifications: monthly centre reports"


def remove_legacy_entry(apps, schema_editor):
    if schema_editor.connection.schema_name != "public":
        return
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=LEGACY_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("regional", "0004_rollups"), ("django_celery_beat", "0019_alter_periodictasks_options")]

    operations = [migrations.RunPython(remove_legacy_entry, migrations.RunPython.noop)]
