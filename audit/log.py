"""Recording that a user saw people's records: called by every view that shows any."""

from collections.abc import Iterable

from django.http import HttpRequest

from people.models import Person

from .models import RecordView


def record_view(request: HttpRequest, person: Person) -> None:
    """Notes that the signed-in user is seeing a page about `person`, once a request."""
    record_views(request, [person])


def record_views(request: HttpRequest, people: Iterable[Person]) -> None:
    """Notes each person a page shows (a list of names counts too), in one insert."""
    if not request.user.is_authenticated:
        return
    seen = getattr(request, "people_seen", set())
    new = {person.pk: person for person in people if person.pk not in seen}
    if not new:
        return
    request.people_seen = seen | set(new)
    match = request.resolver_match
    page, path = (match.view_name if match else ""), request.get_full_path()[:500]
    RecordView.objects.bulk_create(
        RecordView(user=request.user, person=person, page=page, path=path)
        for person in new.values()
    )
