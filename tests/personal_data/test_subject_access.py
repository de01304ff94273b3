import json

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import EmergencyAccess
from networks.models import ReciprocityNote
from tests.factories import (
    ConnectionFactory,
    ConversationFactory,
    NetworkMemberFactory,
    complete_conversation,
)
from tests.personal_data.test_subject_access_job import downloaded


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
def as_governance(client, information_governance, record):
    """Information governance, answering the request SAR-2026-0142 about `record`."""
    client.force_login(information_governance)
    url = reverse("personal_data:subject_access_request", args=[record.code])
    client.post(url, {"reference": "SAR-2026-0142"})
    return client


def test_the_page_lists_everything_held(as_governance, record):
    page = as_governance.get(
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


def test_the_json_has_the_same_and_downloads(as_governance, record):
    response = downloaded(as_governance, record)
    assert response["Content-Disposition"].startswith('attachment; filename="subject-access-')
    data = json.loads(response.getvalue())
    assert data["person"] == str(record.code)
    assert data["data"]["Their details"][0]["family_name"] == "Doyle-Hart"
    conversation = data["data"]["Conversations"][0]
    assert conversation["what_matters"] == "Getting back to the allotment"
    assert conversation["Agreed actions"][0]["what"] == "Ring the allotment society"
    assert data["data"]["Their network"][0]["Reciprocity notes"][0]["text"] == "Gave tomato plants"
    assert len(data["data"]["Earlier versions of their details"]) == 2


@pytest.mark.parametrize("cast", ["practitioner", "team_lead", "administrator"])
def test_only_those_with_the_permission_export(client, request, record, cast):
    client.force_login(request.getfixturevalue(cast))
    assert (
        client.get(reverse("personal_data:subject_access", args=[record.code])).status_code == 404
    )
    assert (
        client.get(reverse("personal_data:subject_access_json", args=[record.code])).status_code
        == 404
    )


def test_an_export_is_itself_in_the_access_log_with_its_reason(
    as_governance, record, information_governance
):
    from audit.models import RecordView

    as_governance.get(reverse("personal_data:subject_access_json", args=[record.code]))
    entry = RecordView.objects.get(page="personal_data:subject_access_json")
    assert entry.user == information_governance and entry.person == record
    assert entry.reason == "Subject access request SAR-2026-0142"


def test_an_administrator_finds_the_person_to_export(as_governance, record):
    page = as_governance.get(reverse("personal_data:search"), {"q": "Doyle-Hart"}).content.decode()
    assert reverse("personal_data:subject_access", args=[record.code]) in page


def test_it_asks_which_request_an_export_answers_first(client, information_governance, record):
    client.force_login(information_governance)
    for name in ["subject_access", "subject_access_json"]:
        response = client.get(reverse(f"personal_data:{name}", args=[record.code]))
        assert response.url == reverse("personal_data:subject_access_request", args=[record.code])
    url = reverse("personal_data:subject_access_request", args=[record.code])
    page = client.post(url, {"reference": "  "}).content.decode()
    assert "Enter the reference of the subject access request" in page
    assert "govuk-error-summary" in page and "Error: " in page
    long = client.post(url, {"reference": "x" * 101}).content.decode()
    assert "100 characters or fewer" in long and "x" * 101 in long


def test_it_includes_earlier_versions_of_everything(as_governance, record, practitioner):
    from community.models import Connection
    from networks.models import NetworkMember

    member = NetworkMember.objects.get(person=record)
    member.name = "Patricia Hughes"
    member.save_by(practitioner)
    connection = Connection.objects.get(person=record)
    connection.notes = "Goes on Fridays now"
    connection.save_by(practitioner)
    conversation = record.conversations.get()
    conversation.what_matters = "An earlier thought"
    conversation.save_by(practitioner)
    data = json.loads(downloaded(as_governance, record).getvalue())["data"]
    names = {v["name"] for v in data["Earlier versions of their network"]}
    assert {"Pat Hughes", "Patricia Hughes"} <= names
    assert "Goes on Thursdays" in {
        v["notes"] for v in data["Earlier versions of community connections"]
    }
    assert "Getting back to the allotment" in {
        v["what_matters"] for v in data["Earlier versions of conversations"]
    }
    assert data["Earlier versions of agreed actions"][0]["what"] == "Ring the allotment society"
    assert data["Earlier versions of reciprocity notes"][0]["text"] == "Gave tomato plants"


def test_a_long_part_is_shown_in_pages_of_its_own(as_governance, record, count_queries):
    from tests.factories import NetworkMemberFactory

    NetworkMemberFactory.create_batch(60, person=record, name="Neighbour")
    url = reverse("personal_data:subject_access", args=[record.code])
    page = as_governance.get(url).content.decode()
    assert "The first 50 of 61" in page and "?part=network" in page
    second = as_governance.get(url, {"part": "network", "page": 2}).content.decode()
    assert "page 2 of 2" in second
    few = count_queries(as_governance, url)
    NetworkMemberFactory.create_batch(60, person=record, name="Neighbour")
    assert count_queries(as_governance, url) == few
    assert as_governance.get(url, {"part": "nothing"}).status_code == 404


def test_it_includes_earlier_versions_of_who_came(as_governance, record, practitioner):
    from networks.models import NetworkMember
    from networks.services import attendance_save

    conversation = record.conversations.get()
    member = NetworkMember.objects.get(person=record)
    attendance_save(
        conversation=conversation, offered={member: "Lifts"}, removed=[], by=practitioner
    )
    attendance_save(
        conversation=conversation, offered={member: "Lifts on Sundays"}, removed=[], by=practitioner
    )
    versions = json.loads(downloaded(as_governance, record).getvalue())["data"][
        "Earlier versions of who came to network meetings"
    ]
    assert {v["offered"] for v in versions} == {"Lifts", "Lifts on Sundays"}


def test_it_includes_emergency_access_to_their_record_with_the_reason(
    as_governance, record, other_practitioner
):
    EmergencyAccess.objects.create(
        user=other_practitioner,
        person=record,
        reason="Out of hours duty: the police asked who supports her",
        expires_at=timezone.now(),
    )
    accesses = json.loads(downloaded(as_governance, record).getvalue())["data"][
        "Emergency access to their record, by staff outside their team"
    ]
    assert accesses[0]["reason"] == "Out of hours duty: the police asked who supports her"
