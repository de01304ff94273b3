"""Keeping search terms (names, NHS numbers, postcodes) out of the server's logs."""

import logging
import re

QUERY_STRING = re.compile(r"\?[^\s\"]*")


def without_query_string(text: str) -> str:
    return QUERY_STRING.sub("", text)


class WithoutQueryStrings(logging.Filter):
    """For the development server's request log, which writes each request line whole."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = without_query_string(str(record.msg))
        if isinstance(record.args, tuple):
            record.args = tuple(
                without_query_string(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True
