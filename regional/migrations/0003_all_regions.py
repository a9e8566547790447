"""Loads every region (13) and regional unit (74) of Greece from regional/data/regional_units.csv."""

from django.db import migrations

from regional.geography import regional_units_load


def load(apps, schema_editor):
    regional_units_load(apps)


class Migration(migrations.Migration):
    dependencies = [("regional", "0002_crete_reference_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
