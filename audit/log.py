"""Recording that a user saw people's records: called by every view that shows any."""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.http import HttpRequest

from .addresses import client_address
from .models import RecordView

if TYPE_CHECKING:
    from people.models import Person

# The people a request has already logged, kept on the request: each is logged once a page.
PEOPLE_SEEN = "people_seen"


def record_view(request: HttpRequest, person: "Person", *, reason: str = "") -> None:
    """Notes that the signed-in user is seeing a page about `person`, once a request, with
    why, when they had to give a reason."""
    record_views(request, [person], reason=reason)


def record_views(
    request: HttpRequest, people: Iterable["Person"], *, search: str = "", reason: str = ""
) -> None:
    """Notes each person a page shows (a list of names counts too), in one insert: the page
    without its query string, and `search`, the kind of search that listed them, if any."""
    if not request.user.is_authenticated:
        return
    seen: set[int] = getattr(request, PEOPLE_SEEN, set())
    new = {person.pk: person for person in people if person.pk not in seen}
    if not new:
        return
    setattr(request, PEOPLE_SEEN, seen | set(new))
    match = request.resolver_match
    entry = {
        "user": request.user,
        "page": match.view_name if match else "",
        "path": request.path[:500],
        "search": search,
        "reason": reason[:200],
        "address": client_address(request),
    }
    RecordView.objects.bulk_create(RecordView(person=person, **entry) for person in new.values())
