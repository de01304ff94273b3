import time

from django.http import HttpRequest

from accounts.sessions import STATUS_PATH

from .models import LAST_USED_EVERY
from .services import NOTED_AT, session_used


class SessionLastUsedMiddleware:
    """Notes when each signed-in browser was last used, at most once a minute, so that
    nearly every request reads and writes nothing more. Placed after the idle and 12-hour
    limits, so that a session they end is not noted as used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if (
            request.user.is_authenticated
            and request.session.session_key
            and request.path != STATUS_PATH  # asking how long is left is not using it
            and time.time() - request.session.get(NOTED_AT, 0) >= LAST_USED_EVERY
        ):
            session_used(request)
        return self.get_response(request)
