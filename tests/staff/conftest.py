import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import Role


@pytest.fixture
def as_administrator(client, administrator) -> Client:
    client.force_login(administrator)
    return client


def role(role: Role) -> str:
    """The id a form sends for `role`."""
    return str(Group.objects.get(name=role.group_name).pk)
