"""The benchmark's key pages run as many queries for a big service as for a small one."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from tests.factories import (
    CapacityAssessmentFactory,
    CaseNoteFactory,
    CommunityResourceFactory,
    ConnectionFactory,
    ConversationFactory,
    DecisionMakerFactory,
    NetworkMemberFactory,
    PersonFactory,
    UserFactory,
    complete_conversation,
)


def grow(team, practitioner, person, times: int) -> None:
    """More of everything, in the team and for the person whose pages are counted."""
    for _ in range(times):
        someone = PersonFactory(team=team, practitioner=practitioner, family_name="Smith")
        for who in [someone, person]:
            conversation = complete_conversation(
                ConversationFactory(person=who, practitioner=practitioner)
            )
            conversation.actions.create(what="Ring", who="person", due=datetime.date(2026, 1, 1))
            conversation.submit(by=practitioner)
            NetworkMemberFactory(person=who)
            ConnectionFactory(person=who, resource=CommunityResourceFactory(name="Lunch club"))
            # A plan due for review soon, an unpaid carer to offer a conversation, and a carer
            # with a conversation of their own about caring for them.
            ConversationFactory(
                person=who,
                practitioner=practitioner,
                status="signed_off",
                signed_off_at=timezone.now(),
                eligible="yes",
                plan_review_date=timezone.localdate() + datetime.timedelta(days=3),
            )
            NetworkMemberFactory(person=who, unpaid_carer=True)
            ConversationFactory(
                person=someone, practitioner=practitioner, kind="carers", cares_for=person
            )
            DecisionMakerFactory(person=who, created_by=practitioner)
            CapacityAssessmentFactory(person=who, assessed_by=practitioner)
            CaseNoteFactory(person=who, author=practitioner, significant=True)


@pytest.fixture
def pages(person, practitioner, team_lead, administrator):
    draft = ConversationFactory(person=person, practitioner=practitioner)
    section = reverse("conversations:section", args=[draft.code, "what-matters"])
    return [
        (practitioner, reverse("home"), {}),
        (practitioner, reverse("people:list"), {"q": "smith"}),
        (practitioner, reverse("overview:person", args=[person.code]), {}),
        (practitioner, reverse("networks:network", args=[person.code]), {}),
        (practitioner, section, {}),
        (practitioner, reverse("community:list"), {"q": "lunch"}),
        (team_lead, reverse("conversations:review_queue"), {}),
        (team_lead, reverse("caseload:caseload"), {}),
        (team_lead, reverse("measures:dashboard"), {}),
        (administrator, reverse("community:export_json"), {}),
    ]


def test_no_key_page_grows_in_queries(
    client, pages, team, practitioner, person, settings, count_queries
):
    settings.MEASURES_CACHE_SECONDS = 0
    grow(team, practitioner, person, 1)
    UserFactory(teams=[team], roles=[Role.PRACTITIONER])

    def counts() -> list[int]:
        found = []
        for user, url, params in pages:
            client.force_login(user)
            found.append(count_queries(client, url, params))
        return found

    small = counts()
    grow(team, practitioner, person, 6)
    UserFactory(teams=[team], roles=[Role.PRACTITIONER])
    assert counts() == small
