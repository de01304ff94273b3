"""What data migrations make (the roles, as groups with their permissions): a transactional
test's flush removes it, and these put it back."""

import importlib

from django.apps import apps as django_apps
from django.contrib.auth.models import Group

# Each by the function of its migration that makes it.
MIGRATION_DATA = [
    ("accounts.migrations.0002_role_groups", "create_role_groups"),
    ("accounts.migrations.0003_access_log_permission", "grant_access_log_permission"),
    ("accounts.migrations.0004_export_personal_data_permission", "grant_export_permission"),
    ("accounts.migrations.0006_information_governance_role", "create_information_governance"),
    (
        "accounts.migrations.0009_restrictions_principal_social_worker",
        "create_principal_social_worker",
    ),
]


def put_back_migration_data() -> None:
    for module, function in MIGRATION_DATA:
        getattr(importlib.import_module(module), function)(django_apps, schema_editor=None)


def roles_are_there() -> None:
    """Puts the roles back if a flush took them (with pytest-xdist, a browser test's flush
    may come before any test in a worker)."""
    if not Group.objects.filter(name="Principal social worker").exists():
        put_back_migration_data()
