"""The type of a request made by a signed-in member of staff."""

from django.http import HttpRequest

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    """What a view behind `login_required` is given: `request.user` is a signed-in `User`,
    never `AnonymousUser`. For type hints only; Django builds the request as ever."""

    user: User
