"""Recording that a user saw a person's record: called by every view that fetches one."""

from django.http import HttpRequest

from people.models import Person

from .models import RecordView


def record_view(request: HttpRequest, person: Person) -> None:
    """Notes that the signed-in user is seeing a page about `person`, once a request."""
    if not request.user.is_authenticated:
        return
    seen = getattr(request, "people_seen", set())
    if person.pk in seen:
        return
    request.people_seen = seen | {person.pk}
    match = request.resolver_match
    RecordView.objects.create(
        user=request.user,
        person=person,
        page=match.view_name if match else "",
        path=request.get_full_path()[:500],
    )
