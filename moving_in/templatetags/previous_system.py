from django import template

from people.models import Person

from ..models import PreviousRecord

register = template.Library()


@register.simple_tag
def previous_record_of(person: Person) -> PreviousRecord | None:
    """The person's reference in the council's previous system and its key dates, latest
    first, in two queries however many (none if they were not moved in from it)."""
    return (
        PreviousRecord.objects.filter(person=person)
        .select_related("imported_by")
        .prefetch_related("key_dates")
        .first()
    )
