"""Every request gets an id, in its `X-Request-ID` header and its one line of the log."""

import re
import time
import uuid

import sentry_sdk
from django.http import HttpRequest, HttpResponse

from .codes import without_codes
from .logging import request_log

# An id from the load balancer is kept only if it cannot carry anything else.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{8,64}")


def request_id_for(request: HttpRequest) -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if SAFE_REQUEST_ID.fullmatch(given) else str(uuid.uuid4())


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.monotonic()
        request_id = request_id_for(request)
        request.request_id = request_id  # type: ignore[attr-defined]
        sentry_sdk.set_tag("request_id", request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        fields = {
            "request_id": request_id,
            "method": request.method,
            # request.path never holds the query string.
            "path": without_codes(request.path),
            "status": response.status_code,
            "duration_ms": round((time.monotonic() - started) * 1000, 1),
            "user_id": user_id_of(request),
        }
        request_log.info(
            "%(method)s %(path)s %(status)s %(duration_ms)sms"
            " request=%(request_id)s user=%(user_id)s",
            fields,
            extra={"request_fields": fields},
        )
        return response


def user_id_of(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None
