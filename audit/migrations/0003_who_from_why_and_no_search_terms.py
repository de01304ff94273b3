from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0002_append_only'),
    ]

    operations = [
        migrations.AddField(
            model_name='recordview',
            name='address',
            field=models.GenericIPAddressField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='recordview',
            name='reason',
            field=models.CharField(blank=True, help_text='Why it was opened, e.g. a subject access request', max_length=200),
        ),
        migrations.AddField(
            model_name='recordview',
            name='search',
            field=models.CharField(blank=True, help_text='What kind of search listed them, if one did', max_length=50),
        ),
    ]
