import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conversations.models import Conversation
from tests.factories import ConversationFactory, PersonFactory, complete_conversation


def submitted(person, practitioner, *, days_ago: int = 0) -> Conversation:
    conversation = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner)
    )
    conversation.submit(by=practitioner)
    Conversation.objects.filter(pk=conversation.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return conversation


@pytest.fixture
def as_lead(client, team_lead):
    client.force_login(team_lead)
    return client


def test_the_queue_lists_the_teams_submitted_records_oldest_first(
    as_lead, person, practitioner, other_person, other_practitioner
):
    newer = submitted(person, practitioner, days_ago=1)
    older = submitted(PersonFactory(team=person.team), practitioner, days_ago=9)
    submitted(other_person, other_practitioner, days_ago=20)
    complete_conversation(ConversationFactory(person=person, practitioner=practitioner))  # a draft
    response = as_lead.get(reverse("conversations:review_queue"))
    assert list(response.context["page"].object_list) == [older, newer]
    assert "1\xa0week, 2\xa0days" in response.content.decode()


def test_a_lead_signs_off_a_record(as_lead, person, practitioner, team_lead):
    conversation = submitted(person, practitioner)
    url = reverse("conversations:review", args=[conversation.code])
    response = as_lead.post(url, {"decision": "sign_off", "comment": ""})
    assert response.url == reverse("conversations:review_queue")
    conversation.refresh_from_db()
    assert conversation.is_signed_off and conversation.reviewed_by == team_lead
    assert [r.kind for r in conversation.reviews.all()] == ["submitted", "signed_off"]


def test_a_lead_returns_a_record_with_a_comment_the_practitioner_sees(
    client, as_lead, person, practitioner
):
    conversation = submitted(person, practitioner)
    url = reverse("conversations:review", args=[conversation.code])
    as_lead.post(url, {"decision": "return", "comment": "Say more about what Pat offers"})
    conversation.refresh_from_db()
    assert conversation.is_draft and conversation.was_returned
    client.force_login(practitioner)
    home = client.get(reverse("home")).content.decode()
    assert "Returned" in home and "Say more about what Pat offers" in home


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "return", "comment": "  "}, "Enter a comment saying what the practitioner"),
        ({"comment": "Fine"}, "Select whether to sign off the record or return it"),
        ({"decision": "shred"}, "Select whether to sign off the record or return it"),
    ],
)
def test_it_explains_an_incomplete_decision_and_changes_nothing(
    as_lead, person, practitioner, data, message
):
    conversation = submitted(person, practitioner)
    response = as_lead.post(reverse("conversations:review", args=[conversation.code]), data)
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    conversation.refresh_from_db()
    assert conversation.status == "submitted"


def test_a_lead_cannot_sign_off_their_own_record(as_lead, person, team_lead):
    conversation = submitted(person, team_lead)
    url = reverse("conversations:review", args=[conversation.code])
    assert "You wrote or changed part of this record" in as_lead.get(url).content.decode()
    as_lead.post(url, {"decision": "sign_off"})
    conversation.refresh_from_db()
    assert conversation.status == "submitted"


def test_the_review_page_shows_the_record_and_its_history(as_lead, person, practitioner, team_lead):
    conversation = submitted(person, practitioner)
    conversation.return_to_draft(by=team_lead, comment="Add the actions")
    conversation.submit(by=practitioner)
    page = as_lead.get(reverse("conversations:review", args=[conversation.code])).content.decode()
    assert "Getting back to the allotment" in page
    assert page.count("Submitted for review</strong>") == 2 and "Add the actions" in page


def test_practitioners_cannot_review_and_other_teams_get_404(
    client, person, practitioner, other_practitioner
):
    conversation = submitted(person, practitioner)
    url = reverse("conversations:review", args=[conversation.code])
    client.force_login(practitioner)
    assert client.get(url).status_code == 403
    assert client.get(reverse("conversations:review_queue")).status_code == 403
    client.force_login(other_practitioner)
    assert client.get(url).status_code == 404


def test_the_queue_does_not_grow_in_queries(as_lead, person, practitioner, count_queries):
    submitted(person, practitioner)
    one = count_queries(as_lead, reverse("conversations:review_queue"))
    for _ in range(10):
        submitted(PersonFactory(team=person.team), practitioner)
    assert count_queries(as_lead, reverse("conversations:review_queue")) == one


@pytest.fixture
def deputy(other_team, team):
    """A lead of the other team, whom this team names as its deputy reviewer."""
    from accounts.models import Role
    from tests.factories import UserFactory

    deputy = UserFactory(full_name="Grace Mensah", teams=[other_team], roles=[Role.TEAM_LEAD])
    team.deputy_reviewers.add(deputy)
    return deputy


def test_a_lead_who_wrote_a_section_cannot_review_and_is_told_who_can(
    as_lead, person, practitioner, team_lead, deputy
):
    conversation = submitted(person, practitioner)
    Conversation.objects.filter(pk=conversation.pk).update(status="draft")
    conversation.refresh_from_db()
    conversation.needs = "Cannot manage the bus since his stroke"
    conversation.save_by(team_lead)
    conversation.submit(by=practitioner)
    url = reverse("conversations:review", args=[conversation.code])
    page = as_lead.get(url).content.decode()
    assert "You wrote or changed part of this record" in page and "Grace Mensah" in page
    assert as_lead.post(url, {"decision": "sign_off"}).status_code == 200
    with pytest.raises(Exception, match="cannot be signed off"):
        conversation.sign_off(by=team_lead)
    conversation.refresh_from_db()
    assert conversation.status == "submitted"


def test_a_lead_who_wrote_an_action_cannot_return_the_record(
    as_lead, person, practitioner, team_lead
):
    conversation = submitted(person, practitioner)
    action = conversation.actions.create(what="Ring Age UK", who="practitioner")
    action.what = "Ring Age UK about the lunch club"
    action.save_by(team_lead)
    url = reverse("conversations:review", args=[conversation.code])
    as_lead.post(url, {"decision": "return", "comment": "Needs more"})
    conversation.refresh_from_db()
    assert conversation.status == "submitted"


def test_returning_or_marking_an_action_done_is_not_writing(
    as_lead, person, practitioner, team_lead
):
    conversation = submitted(person, practitioner)
    conversation.return_to_draft(by=team_lead, comment="Add the actions")
    conversation.actions.create(what="Ring Age UK", who="person").mark_done(by=team_lead)
    conversation.submit(by=practitioner)
    assert conversation.writer_ids() == {practitioner.pk}
    url = reverse("conversations:review", args=[conversation.code])
    as_lead.post(url, {"decision": "sign_off", "comment": ""})
    conversation.refresh_from_db()
    assert conversation.is_signed_off


def test_a_deputy_reviewer_reviews_the_teams_records_while_they_wait(
    client, person, practitioner, team_lead, deputy
):
    conversation = submitted(person, team_lead)
    client.force_login(deputy)
    queue = client.get(reverse("conversations:review_queue"))
    assert list(queue.context["page"].object_list) == [conversation]
    url = reverse("conversations:review", args=[conversation.code])
    assert "Getting back to the allotment" in client.get(url).content.decode()
    client.post(url, {"decision": "sign_off", "comment": "Read as deputy"})
    conversation.refresh_from_db()
    assert conversation.is_signed_off and conversation.reviewed_by == deputy
    assert client.get(url).status_code == 404  # no longer waiting: out of the deputy's sight
    assert client.get(reverse("overview:person", args=[person.code])).status_code == 404


def test_a_lead_who_deputises_reviews_their_own_teams_records_and_the_other_teams(
    client, person, practitioner, other_person, other_practitioner, deputy
):
    theirs = submitted(other_person, other_practitioner, days_ago=2)
    deputising = submitted(person, practitioner, days_ago=1)
    client.force_login(deputy)
    queue = client.get(reverse("conversations:review_queue"))
    assert list(queue.context["page"].object_list) == [theirs, deputising]
    assert set(Conversation.objects.to_review_by(deputy)) == {theirs, deputising}


def test_the_queue_counts_what_waits_once(as_lead, person, practitioner):
    submitted(person, practitioner)
    submitted(PersonFactory(team=person.team), practitioner)
    with CaptureQueriesContext(connection) as queries:
        page = as_lead.get(reverse("conversations:review_queue")).content.decode()
    assert '2<span class="govuk-visually-hidden"> waiting</span>' in page  # in the navigation
    assert "2 waiting" in page
    assert len([query for query in queries if "COUNT(" in query["sql"]]) == 1


def test_a_practitioner_named_deputy_reviews_too(client, person, practitioner, team, other_team):
    from accounts.models import Role
    from tests.factories import UserFactory

    senior = UserFactory(teams=[other_team], roles=[Role.PRACTITIONER])
    team.deputy_reviewers.add(senior)
    conversation = submitted(person, practitioner)
    client.force_login(senior)
    assert [item["label"] for item in client.get("/").context["navigation"]].count(
        "Records to review"
    ) == 1
    client.post(reverse("conversations:review", args=[conversation.code]), {"decision": "sign_off"})
    conversation.refresh_from_db()
    assert conversation.is_signed_off


def test_other_teams_leads_who_are_not_deputies_get_404(client, person, practitioner, other_team):
    from accounts.models import Role
    from tests.factories import UserFactory

    other_lead = UserFactory(teams=[other_team], roles=[Role.TEAM_LEAD])
    conversation = submitted(person, practitioner)
    client.force_login(other_lead)
    assert client.get(reverse("conversations:review", args=[conversation.code])).status_code == 404
    assert not client.get(reverse("conversations:review_queue")).context["page"].object_list


def test_a_deputy_reviewer_comes_from_another_team(team, team_lead):
    from accounts.admin import TeamAdminForm

    form = TeamAdminForm({"name": team.name, "deputy_reviewers": [team_lead.pk]}, instance=team)
    assert not form.is_valid()
    assert "comes from another team" in str(form.errors["deputy_reviewers"])


def test_a_lead_who_recorded_who_came_cannot_review(as_lead, person, practitioner, team_lead):
    from networks.services import attendance_add
    from tests.factories import NetworkMemberFactory

    conversation = submitted(person, practitioner)
    attendance_add(
        conversation=conversation, members=[NetworkMemberFactory(person=person)], by=team_lead
    )
    assert team_lead.pk in conversation.writer_ids()
    url = reverse("conversations:review", args=[conversation.code])
    assert "You wrote or changed part of this record" in as_lead.get(url).content.decode()


def test_the_review_page_asks_the_practice_questions_beside_what_the_record_holds(
    as_lead, person, practitioner
):
    conversation = submitted(person, practitioner)
    Conversation.objects.filter(pk=conversation.pk).update(
        contributions="",
        community_assets="",
        community_not_discussed="She wanted to settle at home first",
    )
    page = as_lead.get(reverse("conversations:review", args=[conversation.code])).content.decode()
    for question in [
        "Is the person&#x27;s voice there?",
        "Are relationships and contributions recorded?",
        "Were needs and dependency attended to?",
    ]:
        assert question in page
    assert "Not talked about: She wanted to settle at home first" in page
    prompts = page.split("Before you decide", 1)[1]
    what_they_give = prompts.split("What they give", 1)[1].split("</dd>", 1)[0]
    assert "Nothing written" in what_they_give
