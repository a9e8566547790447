"""Loads the Region of Crete, its regional units and municipalities (DOMAIN.md)."""

from django.db import migrations

from regional.reference import CRETE, load_region


def load_crete(apps, schema_editor):
    load_region(apps, CRETE)


class Migration(migrations.Migration):
    dependencies = [("regional", "0001_initial")]

    operations = [migrations.RunPython(load_crete, migrations.RunPython.noop)]
