from django.contrib.auth.management import create_permissions
from django.db import migrations

# The roles of DESIGN.md, as groups, and the permissions each holds. Frozen here
# as they were when this migration was written; later changes get a migration.
ROLE_PERMISSIONS = {
    "Practitioner": ["work_with_people"],
    "Team lead": ["work_with_people", "review_records"],
    "Administrator": ["manage_directory", "manage_accounts"],
}


def create_role_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    accounts = apps.get_app_config("accounts")
    accounts.models_module = True
    create_permissions(accounts, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames)
        )


def remove_role_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
