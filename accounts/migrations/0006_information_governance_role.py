from django.contrib.auth.management import create_permissions
from django.db import migrations

# Least privilege: the access log of everyone and the subject access export move from
# administrators (who keep the directory and the accounts, not case records) to a role
# of their own, held by nobody until someone is given it.
GROUP = "Information governance"
GRANTED = ["govern_information", "view_access_log", "export_personal_data"]
WITHDRAWN_FROM_ADMINISTRATORS = ["view_access_log", "export_personal_data"]


def create_information_governance(apps, schema_editor):
    accounts = apps.get_app_config("accounts")
    accounts.models_module = True
    create_permissions(accounts, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="accounts")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*ours.filter(codename__in=GRANTED))
    for administrators in Group.objects.filter(name="Administrator"):
        administrators.permissions.remove(*ours.filter(codename__in=WITHDRAWN_FROM_ADMINISTRATORS))


def restore_administrators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="accounts")
    for administrators in Group.objects.filter(name="Administrator"):
        administrators.permissions.add(*ours.filter(codename__in=WITHDRAWN_FROM_ADMINISTRATORS))
    Group.objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_deputy_reviewers_information_governance")]

    operations = [migrations.RunPython(create_information_governance, restore_administrators)]
