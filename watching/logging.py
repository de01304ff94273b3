"""One line per request, as JSON for the log service or as text under `make run`: when, the
request's id, method, path (no query string, `<code>` for a person's code), status, how long
and the signed-in user's number. Nothing else: no name, no email, nothing typed."""

import datetime
import json
import logging

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
