from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('supervision', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalsupervisionnote',
            name='anonymised_on',
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='supervisionnote',
            name='anonymised_on',
            field=models.DateField(blank=True, null=True),
        ),
    ]
