"""What the console log keeps of a request Django answered with an error of the client's."""

import logging


class RefusalsWithoutTraceback(logging.Filter):
    """A 4xx (a page refused for want of a permission, a bad request) is the app working as
    designed: its warning line names the page, and a traceback into the permission check
    would bury it. A 500 keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if 400 <= getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
