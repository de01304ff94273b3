from django import template
from django.db.models import F

from people.models import Person

from ..models import DecisionMaker

register = template.Library()


@register.simple_tag
def decision_makers_of(person: Person) -> dict[str, list[DecisionMaker]]:
    """Who may decide for the person now, and who did before (the latest to end first), in
    one query however many."""
    holders = DecisionMaker.objects.filter(person=person).order_by(
        F("ended_on").desc(nulls_first=True), "kind", "-since", "pk"
    )
    found: dict[str, list[DecisionMaker]] = {"current": [], "ended": []}
    for holder in holders:
        found["current" if holder.is_current else "ended"].append(holder)
    return found
