from django.contrib.auth.management import create_permissions
from django.db import migrations

# Administrators answer subject access requests.
GRANTED_TO = ["Administrator"]


def grant_export_permission(apps, schema_editor):
    accounts = apps.get_app_config("accounts")
    accounts.models_module = True
    create_permissions(accounts, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="accounts", codename="export_personal_data"
    )
    for group in Group.objects.filter(name__in=GRANTED_TO):
        group.permissions.add(permission)


def withdraw_export_permission(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="accounts", codename="export_personal_data"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_access_log_permission")]

    operations = [
        migrations.AlterModelOptions(
            name="team",
            options={
                "ordering": ["name"],
                "permissions": [
                    ("work_with_people", "Can record and see the people of their own teams"),
                    ("review_records", "Can review and sign off records of the teams they lead"),
                    ("manage_directory", "Can manage the community resource directory"),
                    ("manage_accounts", "Can manage users and teams"),
                    ("view_access_log", "Can see who has viewed a person's record"),
                    ("export_personal_data", "Can export everything held about a person"),
                ],
            },
        ),
        migrations.RunPython(grant_export_permission, withdraw_export_permission),
    ]
