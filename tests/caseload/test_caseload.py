import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Restriction
from conversations.models import Action
from tests.factories import ConversationFactory, PersonFactory

TODAY = timezone.localdate()


def ago(weeks: int) -> datetime.date:
    return TODAY - datetime.timedelta(weeks=weeks)


@pytest.fixture
def as_lead(client, team_lead):
    client.force_login(team_lead)
    return client


@pytest.fixture
def held(team, practitioner, team_lead, other_person):
    """Three open people of Priya's, one closed, one unallocated; drafts, a return, actions."""
    seen, unseen, never = PersonFactory.create_batch(3, team=team, practitioner=practitioner)
    PersonFactory(team=team, practitioner=practitioner, status="closed")
    PersonFactory(team=team, practitioner=None, family_name="Nobodys")
    ConversationFactory(person=seen, practitioner=practitioner, date=ago(1), status="signed_off")
    ConversationFactory(person=unseen, practitioner=practitioner, date=ago(10), status="signed_off")
    returned = ConversationFactory(person=seen, practitioner=practitioner, date=ago(1))
    returned.reviewed_by, returned.review_comment = team_lead, "More please"
    returned.save()
    Action.objects.create(conversation=returned, what="Ring", who="person", due=ago(1))
    Action.objects.create(conversation=returned, what="Visit", who="person", due=TODAY)
    return {"seen": seen, "unseen": unseen, "never": never}


def test_it_counts_what_each_practitioner_holds(as_lead, held, practitioner):
    loads = as_lead.get(reverse("caseload:caseload")).context["loads"]
    priya = next(load for load in loads if load.practitioner == practitioner)
    counted = (
        priya.open_people,
        priya.drafts,
        priya.returned,
        priya.actions_overdue,
        priya.not_seen,
    )
    assert counted == (3, 1, 1, 1, 2)
    nobody = loads[-1]
    assert nobody.practitioner is None and (nobody.open_people, nobody.not_seen) == (1, 1)


def test_actions_overdue_leave_out_those_done_and_those_about_someone_who_died(
    as_lead, held, practitioner, team
):
    earlier = ConversationFactory(person=held["unseen"], practitioner=practitioner, date=ago(12))
    for what, done in [("Write", False), ("Call", False), ("Book", True)]:
        Action.objects.create(conversation=earlier, what=what, who="person", due=ago(2), done=done)
    died = PersonFactory(team=team, practitioner=practitioner, died_on=ago(1))
    about_them = ConversationFactory(person=died, practitioner=practitioner, date=ago(3))
    Action.objects.create(conversation=about_them, what="Ring", who="person", due=ago(2))
    loads = as_lead.get(reverse("caseload:caseload")).context["loads"]
    priya = next(load for load in loads if load.practitioner == practitioner)
    assert priya.actions_overdue == 3  # one from `held`, and each open one of `earlier`


def test_a_restricted_record_is_counted_but_neither_listed_nor_paged(
    as_lead, held, practitioner, information_governance
):
    restriction = Restriction.objects.create(
        person=held["never"],
        reason=Restriction.Reason.RELATIVE_OF_STAFF,
        restricted_by=information_governance,
    )
    restriction.named_staff.set([practitioner])
    response = as_lead.get(reverse("caseload:caseload"))
    priya = next(load for load in response.context["loads"] if load.practitioner == practitioner)
    assert (priya.open_people, priya.not_seen) == (3, 2)
    page = response.context["page"]
    assert [person.family_name for person in page.object_list] == [
        "Nobodys",
        held["unseen"].family_name,
    ]
    assert page.paginator.count == 2


def test_it_pages_the_people_not_seen(as_lead, held, monkeypatch):
    monkeypatch.setattr("caseload.views.PEOPLE_PER_PAGE", 2)
    first = as_lead.get(reverse("caseload:caseload")).context["page"]
    assert (first.paginator.count, first.paginator.num_pages, len(first)) == (3, 2, 2)
    last = as_lead.get(reverse("caseload:caseload"), {"page": "9"}).context["page"]
    assert [person.family_name for person in last] == [held["unseen"].family_name]


def test_it_lists_people_not_seen_with_a_link_to_reallocate(as_lead, held):
    response = as_lead.get(reverse("caseload:caseload"), {"weeks": "6"})
    listed = [person.family_name for person in response.context["page"].object_list]
    assert listed == [held["never"].family_name, "Nobodys", held["unseen"].family_name]
    assert reverse("people:allocate", args=[held["never"].code]) in response.content.decode()


@pytest.mark.parametrize(
    ("weeks", "message"),
    [("six", "Weeks must be a whole number, like 6"), ("0", "Weeks must be 1 or more")],
)
def test_it_explains_bad_weeks(as_lead, weeks, message):
    page = as_lead.get(reverse("caseload:caseload"), {"weeks": weeks}).content.decode()
    assert "There is a problem" in page and message in page


def test_another_teams_people_are_not_counted(as_lead, held, other_person):
    page = as_lead.get(reverse("caseload:caseload")).content.decode()
    assert held["never"].family_name in page and "Priya Shah" in page
    assert other_person.family_name not in page and "Sam Ellis" not in page


def test_a_lead_of_two_teams_sees_both_or_the_one_chosen(
    as_lead, held, team_lead, other_team, other_person
):
    team_lead.teams.add(other_team)
    both = as_lead.get(reverse("caseload:caseload")).content.decode()
    assert held["never"].family_name in both and other_person.family_name in both
    one = as_lead.get(reverse("caseload:caseload"), {"team": other_team.pk, "weeks": "6"})
    listed = [person.family_name for person in one.context["page"].object_list]
    assert listed == [other_person.family_name]
    assert sum(load.open_people for load in one.context["loads"]) == 1


def test_practitioners_and_administrators_cannot_see_it(client, practitioner, administrator):
    for user in [practitioner, administrator]:
        client.force_login(user)
        assert client.get(reverse("caseload:caseload")).status_code == 403


def test_its_queries_do_not_grow_with_the_team(as_lead, team, practitioner, count_queries):
    PersonFactory(team=team, practitioner=practitioner)
    few = count_queries(as_lead, reverse("caseload:caseload"))
    for person in PersonFactory.create_batch(12, team=team, practitioner=practitioner):
        ConversationFactory(person=person, practitioner=practitioner, date=ago(3))
    assert count_queries(as_lead, reverse("caseload:caseload")) == few


def test_it_is_called_the_people_our_team_works_with(as_lead):
    page = as_lead.get(reverse("caseload:caseload")).content.decode()
    assert "<title>People our team works with" in page
    assert '<h1 class="govuk-heading-l">People our team works with</h1>' in page
    assert "caseload" not in page.lower().replace("/team/caseload/", "")
