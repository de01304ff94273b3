"""Error reports to a Sentry-compatible service, only when SENTRY_DSN is set, with
everything that could name a person taken out before an event leaves the server."""

from typing import TYPE_CHECKING, Any, cast

from .codes import without_codes

# Headers that say how a request came, never who made it or what they sent.
SAFE_HEADERS = {"user-agent", "content-type", "content-length", "x-request-id", "host"}
REMOVED = "[removed]"

if TYPE_CHECKING:
    from sentry_sdk._types import Event


def error_reports_start(*, dsn: str, environment: str, traces_sample_rate: float) -> None:
    """Called by config/settings.py when a DSN is set."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration()],
        # send_default_pii left unset is False: no user, cookies, bodies or addresses are
        # collected (sentry-sdk 2.75 warns that setting it, even to False, is deprecated).
        # Local variables in a traceback hold people's records: never sent.
        include_local_variables=False,
        max_breadcrumbs=0,
        before_send=scrubbed,
        before_send_transaction=scrubbed,
    )


def scrubbed(event: "Event", hint: dict[str, Any] | None = None) -> "Event":
    """The event without a request's query string, cookies, body or identifying headers,
    without the user beyond their number, and with `<code>` for every person's code."""
    data = cast("dict[str, Any]", event)  # sentry-sdk's Event is a TypedDict of every key
    request = data.get("request")
    if isinstance(request, dict):
        kept: dict[str, Any] = {
            "headers": {
                name: value
                for name, value in (request.get("headers") or {}).items()
                if name.lower() in SAFE_HEADERS
            }
        }
        if "method" in request:
            kept["method"] = request["method"]
        if "url" in request:
            kept["url"] = without_codes(str(request["url"]).split("?")[0])
        data["request"] = kept
    user = data.get("user")
    if isinstance(user, dict):
        data["user"] = {"id": user["id"]} if "id" in user else {}
    data.pop("breadcrumbs", None)
    if "transaction" in data:
        data["transaction"] = without_codes(str(data["transaction"]))
    for exception in (data.get("exception") or {}).get("values") or []:
        if "value" in exception:
            exception["value"] = without_codes(str(exception["value"]))
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    message = data.get("logentry") or {}
    for key in ("message", "formatted"):
        if key in message:
            message[key] = without_codes(str(message[key]))
    if "params" in message:
        message["params"] = [REMOVED for _ in message["params"]]
    if "message" in data:
        data["message"] = without_codes(str(data["message"]))
    return event
