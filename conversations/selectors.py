"""Reads of conversations that pages across the record share."""

import datetime

from django.db.models import Exists, F, OuterRef, QuerySet, Subquery

from accounts.models import Team
from people.models import Person
from safeguarding.selectors import has_open_concern

from .models import Conversation


def seen_since(cutoff: datetime.date) -> Exists:
    """A condition on people: whether they have a conversation dated on or after `cutoff`."""
    # As EXISTS, each person reads the index of their conversations by date, not all the
    # team's conversations.
    return Exists(Conversation.objects.filter(person=OuterRef("pk"), date__gte=cutoff))


def not_seen_since(teams: QuerySet[Team], cutoff: datetime.date) -> QuerySet[Person]:
    """Open people of `teams` with no conversation dated on or after `cutoff`, longest first."""
    conversations = Conversation.objects.filter(person=OuterRef("pk"))
    latest = conversations.exclude(date=None).order_by("-date").values("date")[:1]
    return (
        Person.objects.filter(team__in=teams, status=Person.Status.OPEN)
        .filter(~seen_since(cutoff))
        .annotate(last_conversation=Subquery(latest), safeguarding_open=has_open_concern())
        .order_by(F("last_conversation").asc(nulls_first=True), "first_contact_date", "pk")
    )
