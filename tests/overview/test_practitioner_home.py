"""A practitioner's home page shows the first ten of their drafts, actions due and reviews due,
each with a link to a page of them all; every person on each page is in the access log."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import RecordView
from conversations.models import Action
from overview.selectors import my_actions_due
from tests.factories import ConversationFactory, PersonFactory, complete_conversation

TODAY = timezone.localdate()


def drafts(team, practitioner, how_many: int) -> list:
    return [
        ConversationFactory(
            person=PersonFactory(team=team, practitioner=practitioner), practitioner=practitioner
        )
        for _ in range(how_many)
    ]


def actions_due(team, practitioner, how_many: int) -> list[Action]:
    """Open actions, due one a day from yesterday, each in a conversation with someone else."""
    return [
        Action.objects.create(
            conversation=conversation,
            what=f"Ring the lunch club, call {day}",
            who="practitioner",
            due=TODAY + datetime.timedelta(days=day - 1),
        )
        for day, conversation in enumerate(drafts(team, practitioner, how_many))
    ]


def plans_due(team, practitioner, how_many: int) -> list:
    """People whose plan is due for review one a day from yesterday."""
    people = []
    for day in range(how_many):
        person = PersonFactory(team=team, practitioner=practitioner)
        ConversationFactory(
            person=person,
            practitioner=practitioner,
            status="signed_off",
            signed_off_at=timezone.now(),
            eligible="yes",
            plan_review_date=TODAY + datetime.timedelta(days=day - 1),
        )
        people.append(person)
    return people


def logged(page: str) -> set:
    return set(RecordView.objects.filter(page=page).values_list("person", flat=True))


def test_it_shows_ten_drafts_and_links_to_them_all(client, team, practitioner):
    written = drafts(team, practitioner, 12)
    client.force_login(practitioner)
    home = client.get(reverse("home")).content.decode()
    section = home[home.index("Drafts to finish") : home.index("Actions due")]
    assert section.count("/tasks/") == 10
    assert "See all 12 drafts" in section and reverse("overview:drafts") in section
    page = client.get(reverse("overview:drafts")).content.decode()
    assert all(reverse("conversations:tasks", args=[d.code]) in page for d in written)
    assert logged("overview:drafts") == {draft.person_id for draft in written}


def test_it_needs_no_link_when_everything_fits(client, team, practitioner):
    drafts(team, practitioner, 3)
    actions_due(team, practitioner, 3)
    plans_due(team, practitioner, 3)
    client.force_login(practitioner)
    home = client.get(reverse("home")).content.decode()
    assert "See all" not in home
    assert home.count("Mark as done") == 3 and home.count("Start a review") == 3


def test_it_shows_the_ten_actions_due_first_and_links_to_them_all(client, team, practitioner):
    due = actions_due(team, practitioner, 11)
    client.force_login(practitioner)
    home = client.get(reverse("home")).content.decode()
    assert "See all 11 actions due" in home and reverse("overview:actions_due") in home
    assert "call 0" in home and "call 9" in home and "call 10" not in home  # soonest first
    assert home.count("Overdue") == 1
    page = client.get(reverse("overview:actions_due")).content.decode()
    assert page.count("Mark as done") == 11 and "call 10" in page
    shown_on_home = {action.conversation.person_id for action in due[:10]}
    assert shown_on_home <= logged("home")
    assert logged("overview:actions_due") == {action.conversation.person_id for action in due}


def test_it_shows_the_ten_reviews_due_first_and_links_to_them_all(client, team, practitioner):
    people = plans_due(team, practitioner, 11)
    client.force_login(practitioner)
    home = client.get(reverse("home")).content.decode()
    reviews = home[home.index("Reviews due") : home.index("People I work with")]
    assert "See all 11 reviews due" in reviews and reviews.count("Start a review") == 10
    assert people[10].display_name not in reviews  # due last
    page = client.get(reverse("overview:reviews_due")).content.decode()
    assert page.count("Start a review") == 11 and page.count("Overdue") == 1
    assert logged("overview:reviews_due") == {person.pk for person in people}


def test_the_pages_of_them_all_go_25_at_a_time(client, team, practitioner):
    written = drafts(team, practitioner, 27)
    client.force_login(practitioner)
    first = client.get(reverse("overview:drafts"))
    second = client.get(reverse("overview:drafts"), {"page": 2})
    assert len(first.context["page"].object_list) == 25
    assert list(second.context["page"].object_list) == [written[1], written[0]]  # the oldest
    assert "Your 27 drafts, the newest first" in first.content.decode()


def test_actions_due_are_those_of_my_conversations_only(team, practitioner, person):
    not_mine = PersonFactory(team=team, practitioner=None)
    mine = ConversationFactory(person=not_mine, practitioner=practitioner)
    a_colleagues = ConversationFactory(person=person)  # about my person, by someone else
    mine.actions.create(what="Ring the lunch club", who="person", due=TODAY)
    a_colleagues.actions.create(what="Ring the GP", who="person", due=TODAY)
    mine.actions.create(what="Done", who="person", due=TODAY, done=True)
    mine.actions.create(what="Later", who="person", due=TODAY + datetime.timedelta(days=30))
    assert [action.what for action in my_actions_due(practitioner)] == ["Ring the lunch club"]


@pytest.mark.parametrize(
    "name", ["overview:drafts", "overview:actions_due", "overview:reviews_due"]
)
def test_only_those_who_work_with_people_have_the_lists(client, administrator, name):
    client.force_login(administrator)
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize(
    "name", ["overview:drafts", "overview:actions_due", "overview:reviews_due"]
)
def test_another_teams_practitioner_sees_none_of_mine(
    client, team, practitioner, other_practitioner, name
):
    actions_due(team, practitioner, 2)
    plans_due(team, practitioner, 2)
    client.force_login(other_practitioner)
    response = client.get(reverse(name))
    assert not response.context["page"].object_list
    assert not RecordView.objects.exists()


def test_the_lists_do_not_grow_in_queries(client, team, practitioner, team_lead, count_queries):
    client.force_login(practitioner)
    names = ["home", "overview:drafts", "overview:actions_due", "overview:reviews_due"]
    pages = [reverse(name) for name in names]
    actions_due(team, practitioner, 2)
    plans_due(team, practitioner, 2)
    few = [count_queries(client, url) for url in pages]
    actions_due(team, practitioner, 30)
    plans_due(team, practitioner, 30)
    # Returned drafts name who returned them.
    for draft in drafts(team, practitioner, 5):
        draft.reviewed_by, draft.review_comment = team_lead, "Say more about Pat"
        draft.save()
    assert [count_queries(client, url) for url in pages] == few


def test_a_leads_home_counts_the_records_waiting_once(client, team, practitioner, team_lead):
    record = complete_conversation(drafts(team, practitioner, 1)[0])
    record.submit(by=practitioner)
    client.force_login(team_lead)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert 'app-nav-count">1<span' in response.content.decode()
    counts = [q["sql"] for q in queries if "COUNT(*)" in q["sql"] and "'submitted'" in q["sql"]]
    assert len(counts) == 1


def test_a_page_asks_once_whether_its_user_is_a_deputy_reviewer(client, practitioner):
    client.force_login(practitioner)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    asked = [q for q in queries if "accounts_team_deputy_reviewers" in q["sql"]]
    assert len(asked) == 1
