"""One line per request, as JSON for the log service or as text under `make run`: when, the
request's id, method, path (no query string, `<code>` for a person's code), status, how long
and the signed-in user's number. Nothing else: no name, no email, nothing typed."""

import datetime
import json
import logging

from .codes import without_codes

request_log = logging.getLogger("watching.requests")


class JsonFormatter(logging.Formatter):
    """A request's fields as they were given (`extra={"request_fields": ...}`); any other
    line as its time, level, logger and message."""

    def format(self, record: logging.LogRecord) -> str:
        time = datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat()
        fields = getattr(record, "request_fields", None)
        if fields is None:
            fields = {
                "level": record.levelname,
                "logger": record.name,
                "message": record.getMessage(),
            }
        return json.dumps({"time": time, **fields})


class WithoutCodes(logging.Filter):
    """Django's own lines name the page ("Not Found: /people/<uuid>/"): `<code>` in place of a
    person's code, and `<email>` for an email address, as in every other line we write."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = without_codes(str(record.msg))
        if isinstance(record.args, tuple):
            record.args = tuple(
                without_codes(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True
