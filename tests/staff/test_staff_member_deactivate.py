from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts.models import User
from signed_in.models import SignedInSession
from staff.models import AccountChange
from tests.factories import PersonFactory


def deactivate(client, member, reason="they have left"):
    return client.post(reverse("staff:deactivate", args=[member.pk]), {"reason": reason})


def sessions_of(user: User) -> int:
    return sum(
        session.get_decoded().get("_auth_user_id") == str(user.pk)
        for session in Session.objects.all()
    )


def test_it_deactivates_a_leaver_and_ends_their_sessions(as_administrator, practitioner):
    theirs = Client()
    theirs.force_login(practitioner)
    assert theirs.get(reverse("home")).status_code == 200
    assert deactivate(as_administrator, practitioner).status_code == 302
    practitioner.refresh_from_db()
    assert not practitioner.is_active and User.objects.filter(pk=practitioner.pk).exists()
    assert sessions_of(practitioner) == 0
    assert theirs.get(reverse("home")).status_code == 302  # signed out: to sign in
    # Their list of signed-in browsers says so, with who ended it.
    noted = SignedInSession.objects.get(user=practitioner)
    assert noted.ended_at is not None and noted.ended_by_id is not None


def test_it_records_the_deactivation(as_administrator, administrator, practitioner, person):
    deactivate(as_administrator, practitioner)
    change = AccountChange.objects.get(user=practitioner)
    assert change.by == administrator
    assert change.what == (
        "Deactivated: they have left. Sessions ended: 0. Open people to reallocate: 1"
    )


def test_it_refuses_to_deactivate_oneself(as_administrator, administrator):
    page = deactivate(as_administrator, administrator).content.decode()
    assert "You cannot deactivate your own account" in page and "There is a problem" in page
    administrator.refresh_from_db()
    assert administrator.is_active and not AccountChange.objects.exists()


def test_it_asks_why(as_administrator, practitioner):
    page = deactivate(as_administrator, practitioner, reason="").content.decode()
    assert "Select why their account is being closed" in page
    practitioner.refresh_from_db()
    assert practitioner.is_active


def test_it_reactivates_and_can_send_a_new_link(as_administrator, practitioner):
    from django.core import mail

    deactivate(as_administrator, practitioner)
    url = reverse("staff:reactivate", args=[practitioner.pk])
    assert "Select whether" in as_administrator.post(url, {}).content.decode()
    assert as_administrator.post(url, {"send_link": "yes"}).status_code == 302
    practitioner.refresh_from_db()
    assert practitioner.is_active and mail.outbox[-1].to == [practitioner.email]
    assert AccountChange.objects.filter(user=practitioner, what__startswith="Reactivated").exists()


def test_the_leavers_people_are_listed_for_reallocation(
    as_administrator, practitioner, team_lead, team
):
    held = PersonFactory(team=team, practitioner=practitioner, given_names="Ermintrude")
    client = Client()
    client.force_login(team_lead)
    page = client.get(reverse("caseload:caseload")).content.decode()
    assert "People to reallocate" not in page
    deactivate(as_administrator, practitioner)
    page = client.get(reverse("caseload:caseload")).content.decode()
    assert "People to reallocate" in page and held.display_name in page
    assert reverse("people:allocate", args=[held.code]) in page


def test_a_movers_people_are_listed_for_reallocation(client, practitioner, team_lead, team):
    held = PersonFactory(team=team, practitioner=practitioner, given_names="Ermintrude")
    practitioner.teams.clear()
    client.force_login(team_lead)
    page = client.get(reverse("caseload:caseload")).content.decode()
    assert "People to reallocate" in page and f"{held.display_name}</a>" in page
    assert "(moved team)" in page
