import pytest

from accounts.models import Role


@pytest.mark.parametrize(
    ("cast", "works_with_people", "reviews", "manages_directory"),
    [
        ("practitioner", True, False, False),
        ("team_lead", True, True, False),
        ("administrator", False, False, True),
    ],
)
def test_it_gives_each_role_its_permissions(
    db, request, cast, works_with_people, reviews, manages_directory
):
    user = request.getfixturevalue(cast)
    assert user.works_with_people is works_with_people
    assert user.reviews_records is reviews
    assert user.manages_directory is manages_directory


def test_it_lets_a_user_belong_to_several_teams(practitioner, other_team):
    practitioner.teams.add(other_team)
    assert practitioner.teams.count() == 2


def test_it_knows_a_users_roles(team_lead):
    assert team_lead.has_role(Role.TEAM_LEAD)
    assert not team_lead.has_role(Role.ADMINISTRATOR)


def test_it_gives_a_closed_account_no_permissions(practitioner):
    practitioner.is_active = False
    assert not practitioner.works_with_people
