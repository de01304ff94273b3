"""The community inside the conversation's Community section: the directory searched in
place, and connections made or changed there, listed with the conversation."""

import datetime
import re

import pytest
from django.urls import reverse

from community.models import Connection
from conversations.models import ConnectionTalkedAbout
from conversations.sections import COMPLETED, NOT_STARTED, section_by_slug
from history.forms import current_version
from tests.factories import (
    CommunityResourceFactory,
    ConnectionFactory,
    ConversationFactory,
    complete_conversation,
)


@pytest.fixture
def conversation(person, practitioner):
    return ConversationFactory(
        person=person, practitioner=practitioner, date=datetime.date(2026, 11, 2)
    )


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


@pytest.fixture
def repair_cafe():
    return CommunityResourceFactory(name="Hyde Park repair cafe")


def section(conversation) -> str:
    return reverse("conversations:section", args=[conversation.code, "community"])


def talked_about(conversation, resource) -> str:
    return reverse("conversations:connection_talked_about", args=[conversation.code, resource.code])


def test_the_section_searches_the_directory_in_place(signed_in, conversation, repair_cafe):
    CommunityResourceFactory(name="Chapel Allerton choir")
    page = signed_in.get(section(conversation), {"q": "repair"}).content.decode()
    assert "Hyde Park repair cafe" in page and "Chapel Allerton choir" not in page
    assert talked_about(conversation, repair_cafe) in page
    nothing = signed_in.get(section(conversation), {"q": "zeppelin"}).content.decode()
    assert "Nothing in the directory matches" in nothing


def test_a_connection_made_in_the_conversation_is_made_at_once_and_listed_with_it(
    signed_in, conversation, repair_cafe, practitioner
):
    page = signed_in.get(talked_about(conversation, repair_cafe)).content.decode()
    receives = re.search(r'<input[^>]*value="receives"[^>]*>', page)
    assert receives and "checked" not in receives.group(0)  # never assumed
    response = signed_in.post(
        talked_about(conversation, repair_cafe),
        {"version": "", "status": "introduced", "role": "volunteer"},
    )
    assert response.url == section(conversation)
    connection = Connection.objects.get()
    assert (connection.person, connection.resource, connection.role) == (
        conversation.person,
        repair_cafe,
        "volunteer",
    )
    assert connection.history.get().history_user == practitioner
    listed = ConnectionTalkedAbout.objects.get()
    assert listed.conversation == conversation and listed.made_here
    community = section_by_slug(conversation, "community")
    assert community.status(conversation) == COMPLETED
    assert (
        "Hyde Park repair cafe",
        "Introduced, contributes as a volunteer (connected in this conversation)",
    ) in community.answers(conversation)


def test_an_existing_connection_is_changed_not_made_again(signed_in, conversation, repair_cafe):
    connection = ConnectionFactory(
        person=conversation.person, resource=repair_cafe, status="suggested"
    )
    page = signed_in.get(section(conversation)).content.decode()
    assert "Their other connections" in page and "Hyde Park repair cafe" in page
    signed_in.post(
        talked_about(conversation, repair_cafe),
        {"version": current_version(connection), "status": "attending", "role": "member"},
    )
    connection.refresh_from_db()
    assert (connection.status, connection.role) == ("attending", "member")
    assert Connection.objects.count() == 1
    assert not ConnectionTalkedAbout.objects.get().made_here


def test_bad_input_keeps_what_was_typed_and_makes_nothing(signed_in, conversation, repair_cafe):
    response = signed_in.post(
        talked_about(conversation, repair_cafe),
        {"version": "", "status": "introduced", "notes": "Ask for Sue"},
    )
    page = response.content.decode()
    assert "There is a problem" in page and "Select how they take part" in page
    assert "Ask for Sue" in page
    assert not Connection.objects.exists() and not ConnectionTalkedAbout.objects.exists()


def test_an_archived_resource_is_not_found(signed_in, conversation):
    archived = CommunityResourceFactory(status="archived")
    assert signed_in.get(talked_about(conversation, archived)).status_code == 404


def test_a_submitted_record_makes_no_connection(signed_in, conversation, repair_cafe, practitioner):
    complete_conversation(conversation)
    conversation.submit(by=practitioner)
    response = signed_in.post(
        talked_about(conversation, repair_cafe),
        {"version": "", "status": "introduced", "role": "volunteer"},
    )
    assert response.status_code == 302 and not Connection.objects.exists()


def test_community_is_not_started_until_a_connection_or_words(conversation, repair_cafe):
    community = section_by_slug(conversation, "community")
    assert community.status(conversation) == NOT_STARTED
    connection = ConnectionFactory(person=conversation.person, resource=repair_cafe)
    ConnectionTalkedAbout.objects.create(conversation=conversation, connection=connection)
    assert community.status(conversation) == COMPLETED


def test_the_section_page_does_not_grow_in_queries(signed_in, conversation, count_queries):
    resources = CommunityResourceFactory.create_batch(3, name="Lunch club")
    few = count_queries(signed_in, section(conversation), {"q": "lunch"})
    for resource in CommunityResourceFactory.create_batch(12, name="Lunch club") + resources:
        connection = ConnectionFactory(person=conversation.person, resource=resource)
        ConnectionTalkedAbout.objects.create(conversation=conversation, connection=connection)
    assert count_queries(signed_in, section(conversation), {"q": "lunch"}) == few


def test_connections_talked_about_are_in_the_subject_access_export(
    signed_in, conversation, repair_cafe
):
    from personal_data.subject_access import as_json

    signed_in.post(
        talked_about(conversation, repair_cafe),
        {"version": "", "status": "introduced", "role": "volunteer"},
    )
    exported = as_json(conversation.person)["data"]["Conversations"]
    assert exported[0]["Community connections talked about"][0]["made_here"] is True
