from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("partners", "0003_partners_into_hsds"),
    ]

    operations = [
        migrations.DeleteModel(name="Partner"),
    ]
