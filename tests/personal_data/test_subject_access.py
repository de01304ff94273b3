import json

import pytest
from django.urls import reverse

from networks.models import ReciprocityNote
from tests.factories import (
    ConnectionFactory,
    ConversationFactory,
    NetworkMemberFactory,
    complete_conversation,
)


@pytest.fixture
def record(person, practitioner, team_lead):
    conversation = complete_conversation(
        ConversationFactory(person=person, practitioner=practitioner)
    )
    conversation.actions.create(what="Ring the allotment society", who="person")
    conversation.submit(by=practitioner)
    conversation.return_to_draft(by=team_lead, comment="Add what Pat offers")
    member = NetworkMemberFactory(person=person, name="Pat Hughes", person_gives="Seedlings")
    ReciprocityNote.objects.create(
        member=member, direction="gives", text="Gave tomato plants", author=practitioner
    )
    ConnectionFactory(person=person, resource__name="Lunch club", notes="Goes on Thursdays")
    person.family_name = "Doyle-Hart"
    person.save_by(practitioner)
    return person


@pytest.fixture
def as_admin(client, administrator):
    client.force_login(administrator)
    return client


def test_the_page_lists_everything_held(as_admin, record):
    page = as_admin.get(
        reverse("personal_data:subject_access", args=[record.code])
    ).content.decode()
    for held in [
        "Getting back to the allotment",
        "Ring the allotment society",
        "Add what Pat offers",
        "Pat Hughes",
        "Gave tomato plants",
        "Lunch club",
        "Goes on Thursdays",
        "Earlier versions of their details",
        "Who has viewed their record",
    ]:
        assert held in page, held


def test_the_json_has_the_same_and_downloads(as_admin, record):
    response = as_admin.get(reverse("personal_data:subject_access_json", args=[record.code]))
    assert response["Content-Disposition"].startswith('attachment; filename="subject-access-')
    data = json.loads(response.content)
    assert data["person"] == str(record.code)
    assert data["data"]["Their details"][0]["family_name"] == "Doyle-Hart"
    conversation = data["data"]["Conversations"][0]
    assert conversation["what_matters"] == "Getting back to the allotment"
    assert conversation["Agreed actions"][0]["what"] == "Ring the allotment society"
    assert data["data"]["Their network"][0]["Reciprocity notes"][0]["text"] == "Gave tomato plants"
    assert len(data["data"]["Earlier versions of their details"]) == 2


@pytest.mark.parametrize("cast", ["practitioner", "team_lead"])
def test_only_those_with_the_permission_export(client, request, record, cast):
    client.force_login(request.getfixturevalue(cast))
    assert (
        client.get(reverse("personal_data:subject_access", args=[record.code])).status_code == 404
    )
    assert (
        client.get(reverse("personal_data:subject_access_json", args=[record.code])).status_code
        == 404
    )


def test_an_export_is_itself_in_the_access_log(as_admin, record, administrator):
    from audit.models import RecordView

    as_admin.get(reverse("personal_data:subject_access_json", args=[record.code]))
    assert RecordView.objects.filter(person=record, user=administrator).exists()


def test_an_administrator_finds_the_person_to_export(as_admin, record):
    page = as_admin.get(reverse("audit:search"), {"q": "Doyle-Hart"}).content.decode()
    assert reverse("personal_data:subject_access", args=[record.code]) in page
