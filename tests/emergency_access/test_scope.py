"""Emergency access puts a person in `person_scope` while it lasts, and widens nothing else:
not whose records a user reviews, audits or exports."""

import datetime

from django.utils import timezone

from accounts.access import audit_scope, person_scope, review_scope, subject_access_scope
from accounts.models import EmergencyAccess
from conversations.models import Conversation
from people.models import Person
from tests.factories import ConversationFactory


def grant(user, person, minutes: int = 60) -> EmergencyAccess:
    now = timezone.now()
    return EmergencyAccess.objects.create(
        user=user,
        person=person,
        reason="A call from the hospital discharge team",
        expires_at=now + datetime.timedelta(minutes=minutes),
    )


def test_it_puts_the_person_and_their_rows_in_scope(practitioner, person, other_person):
    grant(practitioner, other_person)
    assert set(Person.objects.filter(person_scope(practitioner))) == {person, other_person}
    conversation = ConversationFactory(person=other_person, practitioner=other_person.practitioner)
    assert conversation in Conversation.objects.visible_to(practitioner)


def test_it_is_out_of_scope_once_expired_or_for_someone_else(practitioner, team_lead, other_person):
    grant(practitioner, other_person, minutes=-1)
    grant(team_lead, other_person)
    assert other_person not in Person.objects.filter(person_scope(practitioner))


def test_it_never_widens_review_audit_or_export(team_lead, other_person):
    grant(team_lead, other_person)
    assert other_person in Person.objects.filter(person_scope(team_lead))
    for scope in [review_scope(team_lead), audit_scope(team_lead), subject_access_scope(team_lead)]:
        assert other_person not in Person.objects.filter(scope)


def test_it_counts_for_no_one_without_the_role_to_work_with_people(administrator, other_person):
    grant(administrator, other_person)
    assert other_person not in Person.objects.filter(person_scope(administrator))
