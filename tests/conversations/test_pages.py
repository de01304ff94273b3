import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conversations.models import Action, Conversation
from history.forms import current_version
from tests.factories import ConversationFactory, complete_conversation


@pytest.fixture
def conversation(person, practitioner):
    return ConversationFactory(person=person, practitioner=practitioner)


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def section_url(conversation, slug: str) -> str:
    return reverse("conversations:section", args=[conversation.code, slug])


def test_it_starts_a_draft_from_the_person_page(signed_in, person):
    url = reverse("conversations:start", args=[person.code])
    response = signed_in.post(
        url,
        {
            "date_0": "2",
            "date_1": "11",
            "date_2": "2026",
            "method": "phone",
            "stage": "1",
            "kind": "one_to_one",
        },
    )
    conversation = Conversation.objects.get()
    assert response.url == reverse("conversations:tasks", args=[conversation.code])
    assert conversation.is_draft and conversation.method == "phone"


def test_it_saves_each_section_to_the_draft_and_moves_on(signed_in, conversation):
    data = {"version": current_version(conversation), "what_matters": "My allotment"}
    response = signed_in.post(section_url(conversation, "what-matters"), data)
    assert response.url == section_url(conversation, "strengths")
    conversation.refresh_from_db()
    assert conversation.what_matters == "My allotment"


def test_it_shows_the_task_list_with_statuses(signed_in, conversation):
    conversation.what_matters = "My allotment"
    conversation.save()
    page = signed_in.get(reverse("conversations:tasks", args=[conversation.code])).content.decode()
    assert "What matters" in page and "Completed" in page and "Not started" in page
    assert "Crisis plan" not in page


def test_it_never_asks_what_are_your_strengths(signed_in, conversation):
    page = signed_in.get(section_url(conversation, "strengths")).content.decode()
    assert "What has helped them through hard times before?" in page
    assert "what are your strengths" not in page.lower()


def test_it_keeps_what_was_typed_when_a_section_is_bad(signed_in, conversation):
    response = signed_in.post(
        section_url(conversation, "outcome"), {"outcome": "same_stage", "outcome_notes": "Mine"}
    )
    page = response.content.decode()
    assert "Enter the date of the next conversation or contact" in page
    assert "Mine" in page
    conversation.refresh_from_db()
    assert conversation.outcome == ""


def test_it_refuses_a_section_too_long(signed_in, conversation):
    response = signed_in.post(
        section_url(conversation, "what-matters"), {"what_matters": "x" * 10001}
    )
    assert "must be 10000 characters or fewer" in response.content.decode()


def test_it_lists_missing_sections_with_links_when_submitting(signed_in, conversation):
    response = signed_in.post(reverse("conversations:check", args=[conversation.code]))
    page = response.content.decode()
    assert "There is a problem" in page
    assert section_url(conversation, "strengths") in page
    assert Conversation.objects.get().is_draft


def test_it_submits_a_complete_record(signed_in, conversation):
    complete_conversation(conversation)
    signed_in.post(reverse("conversations:check", args=[conversation.code]))
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.SUBMITTED


def test_it_refuses_every_edit_route_on_a_signed_off_record(
    signed_in, client, conversation, practitioner, team_lead
):
    complete_conversation(conversation)
    conversation.submit(by=practitioner)
    conversation.sign_off(by=team_lead)
    for url in [
        reverse("conversations:tasks", args=[conversation.code]),
        reverse("conversations:check", args=[conversation.code]),
        section_url(conversation, "what-matters"),
        section_url(conversation, "actions"),
    ]:
        assert signed_in.get(url).status_code == 302
        signed_in.post(url, {"what_matters": "changed", "what": "new", "who": "person"})
    conversation.refresh_from_db()
    assert conversation.what_matters == "Getting back to the allotment"
    assert not conversation.actions.exists()
    client.force_login(team_lead)
    client.post(section_url(conversation, "what-matters"), {"what_matters": "changed"})
    conversation.refresh_from_db()
    assert conversation.what_matters == "Getting back to the allotment"


def test_it_adds_an_addendum_to_a_signed_off_record(
    signed_in, conversation, practitioner, team_lead
):
    complete_conversation(conversation)
    conversation.submit(by=practitioner)
    conversation.sign_off(by=team_lead)
    url = reverse("conversations:addendum_add", args=[conversation.code])
    refused = signed_in.post(url, {"text": ""}).content.decode()
    assert "Enter the correction" in refused and "Select who asked for it" in refused
    signed_in.post(url, {"text": "She joined the choir", "asked_by_person": "no"})
    page = signed_in.get(reverse("conversations:detail", args=[conversation.code])).content.decode()
    assert "She joined the choir" in page and practitioner.full_name in page
    assert conversation.addenda.get().asked_by_person is False


def test_it_adds_actions_and_marks_them_done(signed_in, conversation, person):
    url = section_url(conversation, "actions")
    assert "Enter what was agreed" in signed_in.post(url, {"who": "person"}).content.decode()
    signed_in.post(
        url,
        {
            "what": "Ring the lunch club",
            "who": "practitioner",
            "due_0": "1",
            "due_1": "12",
            "due_2": "2026",
        },
    )
    action = Action.objects.get()
    page = signed_in.get(reverse("overview:person", args=[person.code])).content.decode()
    assert "Ring the lunch club" in page
    signed_in.post(
        reverse("conversations:action_done", args=[action.code]), {"next": "https://evil.example/"}
    )
    action.refresh_from_db()
    assert action.done


@pytest.mark.parametrize(
    ("sent", "back"),
    [
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/people/", "/people/"),
        ("0", "/"),  # a bare word, which redirect() would take for the name of a URL
        ("on", "/"),
    ],
)
def test_marking_an_action_done_goes_back_only_within_the_service(
    signed_in, conversation, sent, back
):
    action = Action.objects.create(conversation=conversation, what="Ring", who="person")
    done = reverse("conversations:action_done", args=[action.code])
    assert signed_in.post(done, {"next": sent}).url == back


def test_home_shows_drafts_and_actions_due(signed_in, conversation):
    Action.objects.create(
        conversation=conversation,
        what="Call Sarah",
        who="practitioner",
        due=timezone.localdate() - datetime.timedelta(days=1),
    )
    page = signed_in.get(reverse("home")).content.decode()
    assert "Drafts to finish" in page and conversation.person.display_name in page
    assert "Call Sarah" in page and "Overdue" in page


def test_the_person_page_shows_the_timeline_newest_first(signed_in, person, practitioner):
    ConversationFactory(person=person, practitioner=practitioner, date=datetime.date(2026, 1, 5))
    ConversationFactory(person=person, practitioner=practitioner, date=datetime.date(2026, 6, 5))
    page = signed_in.get(reverse("overview:person", args=[person.code])).content.decode()
    assert page.index("5 June 2026") < page.index("5 January 2026")


@pytest.mark.parametrize("cast", ["other_practitioner", "administrator"])
def test_other_teams_get_404(client, request, conversation, cast):
    client.force_login(request.getfixturevalue(cast))
    for name in ["detail", "tasks", "check"]:
        assert (
            client.get(reverse(f"conversations:{name}", args=[conversation.code])).status_code
            == 404
        )
    assert client.get(section_url(conversation, "strengths")).status_code == 404


def test_a_network_meeting_needs_its_relationships_written_not_a_reason(signed_in, conversation):
    Conversation.objects.filter(pk=conversation.pk).update(kind="network_meeting")
    conversation.refresh_from_db()
    reason = "They did not want to talk about family today"
    response = signed_in.post(
        section_url(conversation, "relationships"),
        {"version": current_version(conversation), "relationships_not_discussed": reason},
    )
    page = response.content.decode()
    assert "There is a problem" in page and "A network meeting is about their relationships" in page
    assert reason in page
    conversation.refresh_from_db()
    assert conversation.relationships_not_discussed == ""


def test_a_one_to_one_records_why_relationships_were_not_talked_about(signed_in, conversation):
    reason = "They did not want to talk about family today"
    signed_in.post(
        section_url(conversation, "relationships"),
        {"version": current_version(conversation), "relationships_not_discussed": reason},
    )
    conversation.refresh_from_db()
    assert conversation.relationships_not_discussed == reason
    tasks = signed_in.get(reverse("conversations:tasks", args=[conversation.code]))
    assert "Relationships" in tasks.content.decode()
    from conversations.sections import COMPLETED, section_by_slug

    assert section_by_slug(conversation, "relationships").status(conversation) == COMPLETED


def test_the_whole_of_their_life_asks_of_capital_capabilities_and_what_makes_it_harder(
    signed_in, conversation
):
    url = section_url(conversation, "whole-life")
    page = signed_in.get(url).content.decode()
    for prompt in [
        "Identity: their culture, faith and the communities they belong to",
        "Economic: money, housing and work",
        "What would they like to be able to do, or to be?",
        "What choices are open to them?",
        "What makes life harder that is not about them?",
    ]:
        assert prompt in page
    signed_in.post(
        url,
        {
            "version": current_version(conversation),
            "life_identity": "Sings at the gurdwara",
            "capabilities_wanted": "To cook for her grandchildren",
        },
    )
    conversation.refresh_from_db()
    assert conversation.life_identity == "Sings at the gurdwara"
    assert conversation.capabilities_wanted == "To cook for her grandchildren"
