from django.urls import reverse

from tests.factories import UserFactory

from .helpers import app_for, code_for, sign_in

ADMIN = reverse("admin:index")


def test_the_django_admin_needs_a_second_factor(client, db):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get(ADMIN).url.startswith(reverse("admin:login"))


def test_the_django_admin_lets_in_a_superuser_who_passed_it(client, db):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    app = app_for(superuser)
    sign_in(client, superuser)
    assert client.get(ADMIN).url.startswith(reverse("second_factor:verify"))
    client.post(reverse("second_factor:verify"), {"code": code_for(app.key)})
    assert client.get(ADMIN).status_code == 200
