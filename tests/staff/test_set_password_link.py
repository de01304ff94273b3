import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import Role, User

from .conftest import role

PASSWORD = "a very long password of mine"


def link_sent(as_administrator, team) -> str:
    as_administrator.post(
        reverse("staff:add"),
        {
            "full_name": "Wilhelmina Crabtree",
            "email": "wilhelmina@example.org",
            "teams": [str(team.pk)],
            "roles": [role(Role.PRACTITIONER)],
        },
    )
    return re.search(r"http://testserver(\S+)", str(mail.outbox[-1].body)).group(1)


def set_password(link: str) -> Client:
    browser = Client()
    form = browser.get(link, follow=True)
    browser.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    return browser


def test_the_link_sets_their_password_and_they_sign_in(as_administrator, team):
    set_password(link_sent(as_administrator, team))
    member = User.objects.get(email="wilhelmina@example.org")
    assert member.check_password(PASSWORD)
    signing_in = {"username": "wilhelmina@example.org", "password": PASSWORD}
    assert Client().post(reverse("accounts:sign_in"), signing_in).status_code == 302


def test_the_link_works_once(as_administrator, team):
    link = link_sent(as_administrator, team)
    set_password(link)
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False
    assert User.objects.get(email="wilhelmina@example.org").check_password(PASSWORD)
