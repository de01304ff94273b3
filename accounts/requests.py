"""The type of a request made by a signed-in member of staff, and the codes it names."""

from uuid import UUID

from django.http import Http404, HttpRequest

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    """What a view behind `login_required` is given: `request.user` is a signed-in `User`,
    never `AnonymousUser`. For type hints only; Django builds the request as ever."""

    user: User


def code_from(value: str) -> UUID:
    """A record's code sent in a query (`?person=...`), or 404 when it is not one: what a URL
    pattern's <uuid:code> does for a code in the path."""
    try:
        return UUID(value)
    except ValueError:
        raise Http404("No such record") from None
