from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_export_personal_data_permission'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='team',
            options={'ordering': ['name'], 'permissions': [('work_with_people', 'Can record and see the people of their own teams'), ('review_records', 'Can review and sign off records of the teams they lead'), ('manage_directory', 'Can manage the community resource directory'), ('manage_accounts', 'Can manage users and teams'), ('view_access_log', "Can see who has viewed a person's record"), ('export_personal_data', 'Can export everything held about a person'), ('govern_information', 'Can search the whole access log of everyone')]},
        ),
        migrations.AddField(
            model_name='team',
            name='deputy_reviewers',
            field=models.ManyToManyField(blank=True, help_text="Leads or senior practitioners of other teams who review this team's records when none of its own leads may (a lead never reviews writing of their own)", related_name='deputy_for', to=settings.AUTH_USER_MODEL),
        ),
    ]
