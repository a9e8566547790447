from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tenants', '0002_jobrun'),
    ]

    operations = [
        migrations.CreateModel(
            name='ReferenceState',
            fields=[
                ('schema_name', models.CharField(max_length=63, primary_key=True, serialize=False, verbose_name='σχήμα')),
                ('schema_oid', models.BigIntegerField(verbose_name='oid σχήματος')),
                ('version', models.CharField(max_length=64, verbose_name='έκδοση')),
                ('loaded_at', models.DateTimeField(auto_now=True, verbose_name='φόρτωση')),
            ],
            options={
                'verbose_name': 'κατάσταση δεδομένων αναφοράς',
                'verbose_name_plural': 'καταστάσεις δεδομένων αναφοράς',
            },
        ),
    ]
