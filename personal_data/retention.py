"""After a retention period from closing, a person's record keeps its shape (for the
service measures) and loses everything that identifies them or was said about them."""

import datetime

from django.db import transaction
from django.utils import timezone

from community.models import Connection
from conversations.models import Action, Addendum, Conversation, Review
from networks.models import MeetingAttendance, NetworkMember, ReciprocityNote
from people.models import Person

REMOVED = "(removed)"
CONVERSATION_TEXT = [
    "who_was_there",
    "what_matters",
    "strengths_own_words",
    "strengths_noticed",
    "contributions",
    "relationships_important",
    "relationships_help",
    "relationships_in_the_way",
    "community_assets",
    "needs",
    "risks",
    "managing_risk",
    "crisis_plan",
    "good_life_vision",
    "good_life_what_it_takes",
    "outcome_notes",
    "review_comment",
]


def due_for_anonymising(*, years: int, today: datetime.date | None = None):
    """Closed records, not yet anonymised, closed more than `years` ago."""
    cutoff = _years_before(today or timezone.localdate(), years)
    return Person.objects.filter(
        status=Person.Status.CLOSED, anonymised_on__isnull=True, status_changed_on__lt=cutoff
    ).order_by("status_changed_on", "pk")


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@transaction.atomic
def person_anonymise(*, person: Person) -> None:
    """Removes what identifies the person, and the words of their records, and the earlier
    versions that still hold them. Dates, stages, outcomes and the shape of their network
    stay, so the service's measures do not change."""
    conversations = Conversation.objects.filter(person=person)
    members = NetworkMember.objects.filter(person=person)
    connections = Connection.objects.filter(person=person)
    Person.objects.filter(pk=person.pk).update(
        preferred_name="Anonymised",
        given_names="Anonymised",
        family_name=f"person {person.pk}",
        pronouns="",
        date_of_birth=None,
        nhs_number="",
        address="",
        postcode="",
        phone="",
        email="",
        language="",
        communication_needs="",
        status_reason="",
        anonymised_on=timezone.localdate(),
    )
    # Written words become "(removed)", not blank, so what was filled in still counts.
    for field in CONVERSATION_TEXT:
        conversations.exclude(**{field: ""}).update(**{field: REMOVED})
    Action.objects.filter(conversation__in=conversations).update(what=REMOVED, who_name="")
    Addendum.objects.filter(conversation__in=conversations).update(text=REMOVED)
    Review.objects.filter(conversation__in=conversations).update(comment="")
    MeetingAttendance.objects.filter(conversation__in=conversations).update(offered="")
    members.update(name=REMOVED, relationship_detail="", end_reason="")
    for field in ["gives_person", "person_gives"]:
        members.exclude(**{field: ""}).update(**{field: REMOVED})
    ReciprocityNote.objects.filter(member__in=members).update(text=REMOVED)
    ReciprocityNote.objects.filter(connection__in=connections).update(text=REMOVED)
    connections.update(notes="")
    for model, rows in [
        (Person, Person.objects.filter(pk=person.pk)),
        (Conversation, conversations),
        (Action, Action.objects.filter(conversation__in=conversations)),
        (NetworkMember, members),
        (Connection, connections),
        (ReciprocityNote, ReciprocityNote.objects.filter(member__in=members)),
        (ReciprocityNote, ReciprocityNote.objects.filter(connection__in=connections)),
    ]:
        model.history.filter(id__in=rows.values("pk")).delete()
