"""A restricted record opens only to the staff it names: for everyone else, its own team
and its team lead too, it is missing from lists and searches and its pages answer 404."""

import datetime

from django.urls import reverse
from django.utils import timezone

from conversations.models import Conversation
from restricted_records.services import restriction_lift
from tests.factories import ConversationFactory


def page(client, user, name, *args, **query) -> tuple[int, str]:
    client.force_login(user)
    response = client.get(reverse(name, args=args), query)
    return response.status_code, response.content.decode()


def test_the_staff_it_names_open_it_and_see_it_is_restricted(client, restricted, practitioner):
    status, content = page(client, practitioner, "overview:person", restricted.person.code)
    assert status == 200 and "Restricted record" in content
    assert "a relative or friend of a member of staff" in content


def test_their_own_team_does_not_find_or_open_it(client, restricted, colleague, team_lead):
    person = restricted.person
    for user in [colleague, team_lead]:
        assert page(client, user, "overview:person", person.code)[0] == 404
        assert page(client, user, "people:edit", person.code)[0] == 404
        # Searched for by name (which the search box shows back), it is not found.
        status, listed = page(client, user, "people:list", q=person.family_name)
        assert status == 200 and str(person.code) not in listed
        assert person.family_name not in page(client, user, "people:list")[1]
    status, listed = page(client, restricted.named_staff.get(), "people:list", q=person.family_name)
    assert str(person.code) in listed


def test_a_lead_it_does_not_name_sees_no_name_in_the_caseload_or_home(
    client, restricted, team_lead, practitioner
):
    person = restricted.person
    # Not seen for months, so the caseload would list them; a plan overdue for review.
    ConversationFactory(
        person=person,
        practitioner=practitioner,
        date=datetime.date(2025, 1, 6),
        status=Conversation.Status.SIGNED_OFF,
        signed_off_at=timezone.now() - datetime.timedelta(days=400),
        plan_review_date=datetime.date(2025, 6, 1),
    )
    assert person.family_name not in page(client, team_lead, "caseload:caseload")[1]
    assert person.family_name not in page(client, team_lead, "home")[1]
    # Lifted: the same pages name them again, so the checks above could fail.
    restriction_lift(restriction=restricted, because="Her son left", by=restricted.restricted_by)
    assert person.family_name in page(client, team_lead, "caseload:caseload")[1]


def test_its_records_wait_for_review_only_by_a_lead_it_names(
    client, restricted, team_lead, practitioner
):
    conversation = ConversationFactory(
        person=restricted.person, practitioner=practitioner, status=Conversation.Status.SUBMITTED
    )
    assert not Conversation.objects.to_review_by(team_lead).filter(pk=conversation.pk).exists()
    assert page(client, team_lead, "conversations:review", conversation.code)[0] == 404
    restricted.named_staff.add(team_lead)
    assert Conversation.objects.to_review_by(team_lead).filter(pk=conversation.pk).exists()


def test_its_conversations_are_not_an_unnamed_colleagues_to_open(
    client, restricted, colleague, practitioner
):
    conversation = ConversationFactory(person=restricted.person, practitioner=practitioner)
    assert page(client, colleague, "conversations:detail", conversation.code)[0] == 404
    assert page(client, practitioner, "conversations:detail", conversation.code)[0] == 200


def test_a_network_never_offers_to_link_to_it(client, restricted, colleague, team, practitioner):
    from tests.factories import PersonFactory

    other = PersonFactory(team=team, practitioner=colleague)
    status, content = page(client, colleague, "networks:member_add", other.code)
    assert status == 200 and restricted.person.family_name not in content
