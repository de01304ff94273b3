import datetime
import re

from django.core import mail
from django.urls import reverse

from accounts.models import Role, User
from staff.models import AccountChange

from .conftest import role


def add(client, team, **changes):
    sent = {
        "full_name": "Wilhelmina Crabtree",
        "email": "W.Crabtree@Example.org",
        "teams": [str(team.pk)],
        "roles": [role(Role.PRACTITIONER)],
        **changes,
    }
    return client.post(reverse("staff:add"), sent)


def test_it_adds_a_member_with_no_password_and_emails_a_link(as_administrator, team):
    response = add(as_administrator, team)
    member = User.objects.get(email="w.crabtree@example.org")
    assert response.status_code == 302 and response["Location"] == f"/staff/{member.pk}/"
    assert not member.has_usable_password() and member.is_active
    assert list(member.teams.all()) == [team] and member.has_role(Role.PRACTITIONER)
    [email] = mail.outbox
    assert email.to == ["w.crabtree@example.org"]
    assert re.search(r"http://testserver/password/reset/[\w-]+/[\w-]+/", str(email.body))


def test_it_records_who_added_them(as_administrator, administrator, team):
    add(as_administrator, team)
    change = AccountChange.objects.get(user__email="w.crabtree@example.org")
    assert change.by == administrator and not change.grants_powerful_role
    assert change.what == "Added. Roles: Practitioner. Teams: North locality team"


def test_it_refuses_an_email_already_used_in_any_case(as_administrator, team, practitioner):
    response = add(as_administrator, team, email=practitioner.email.upper())
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "A member of staff already has this email address" in page
    assert "Wilhelmina Crabtree" in page  # the typing is kept
    assert not User.objects.filter(full_name="Wilhelmina Crabtree").exists() and not mail.outbox


def test_it_refuses_a_member_with_no_role(as_administrator, team):
    page = add(as_administrator, team, roles=[]).content.decode()
    assert "Select at least one role" in page and "govuk-error-message" in page
    assert not User.objects.filter(full_name="Wilhelmina Crabtree").exists()


def test_it_refuses_a_practitioner_with_no_team(as_administrator, team):
    page = add(as_administrator, team, teams=[]).content.decode()
    assert "Select at least one team for a practitioner or team lead" in page
    assert not User.objects.filter(full_name="Wilhelmina Crabtree").exists()


def test_an_administrator_needs_no_team(as_administrator, team):
    response = add(as_administrator, team, teams=[], roles=[role(Role.ADMINISTRATOR)])
    assert response.status_code == 302


def test_it_does_not_offer_closed_teams(as_administrator, team, other_team):
    other_team.closed_on = datetime.date(2024, 1, 1)
    other_team.save()
    page = as_administrator.get(reverse("staff:add")).content.decode()
    assert team.name in page and other_team.name not in page
    assert "Select" in add(as_administrator, team, teams=[str(other_team.pk)]).content.decode()
