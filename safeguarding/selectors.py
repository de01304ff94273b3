"""Reads of safeguarding concerns that pages across the record share."""

from django.db.models import Exists, OuterRef, QuerySet

from people.models import Person

from .models import SafeguardingConcern


def open_concerns_of(person: Person) -> list[SafeguardingConcern]:
    """The person's open concerns, newest first, in one query."""
    return list(SafeguardingConcern.objects.filter(person=person).open())


def has_open_concern() -> Exists:
    """An annotation on people: whether they have a safeguarding concern still open."""
    return Exists(SafeguardingConcern.objects.open().filter(person=OuterRef("pk")))


def with_open_concern(people: QuerySet[Person]) -> QuerySet[Person]:
    """Those of `people` with a safeguarding concern still open."""
    return people.filter(has_open_concern())
