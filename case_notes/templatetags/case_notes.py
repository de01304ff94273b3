from django import template

from people.models import Person

from ..models import CaseNote

register = template.Library()
ON_PERSON_PAGE = 5


@register.simple_tag
def latest_case_notes(person: Person) -> list[CaseNote]:
    """The person's latest notes, in one query however many they have."""
    notes = CaseNote.objects.filter(person=person).select_related("author")
    return list(notes[:ON_PERSON_PAGE])
