"""The services of a JSON file, one at a time, however large the file.

A directory's JSON is a page of services (`{"contents": [...]}`, as the Open
Referral UK API serves it), a list of services, or one service. Python's own
decoder reads each service in turn from a window of the text, which moves on as
services are read: the memory an import takes does not grow with the file. What
is wrong is said as Python's decoder says it, at the line and column of the
whole file.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Characters read at a time; the window grows while one value is longer than it.
CHUNK = 1024 * 1024
# No service is anywhere near this; a longer value is refused rather than held.
MAX_VALUE_CHARS = 32 * 1024 * 1024
SPACE = " \t\n\r"
NUMBER_GOES_ON = "0123456789.eE+-"


class NotJson(ValueError):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(f"{message} (line {line}, column {column})")


class TooLong(ValueError):
    """One value is longer than `MAX_VALUE_CHARS`."""


@dataclass(frozen=True)
class Item:
    """What the file holds at the top: a service, or anything else found where one should be.
    `depth` is how many lists and objects hold it (one for a list, two for a page)."""

    value: object
    depth: int


class _Window:
    """The part of the text not yet read, with enough of what was read before it to say the
    line and column of a problem."""

    def __init__(self, chunks: Iterator[str], decoder: json.JSONDecoder):
        self.chunks = chunks
        self.decoder = decoder
        self.text = ""
        self.at = 0
        self.ended = False
        self.lines_before = 0  # newlines in the text let go
        self.line_start = 0  # where the current line began, counted from `text`'s start

    def more(self, at_least: int = 0) -> bool:
        """Reads on, letting go of what has been read; False at the end of the file."""
        if self.ended:
            return False
        gone = self.text[: self.at]
        newlines = gone.count("\n")
        self.lines_before += newlines
        self.line_start = (gone.rfind("\n") + 1 if newlines else self.line_start) - self.at
        self.text = self.text[self.at :]
        self.at = 0
        while True:
            chunk = next(self.chunks, None)
            if chunk is None:
                self.ended = True
                return True
            self.text += chunk
            if len(self.text) >= at_least:
                return True

    def next_char(self) -> str:
        """The next character that is not space, not taken; "" at the end of the file."""
        while True:
            while self.at < len(self.text) and self.text[self.at] in SPACE:
                self.at += 1
            if self.at < len(self.text):
                return self.text[self.at]
            if not self.more():
                return ""

    def take(self, expected: str, message: str) -> None:
        if self.next_char() != expected:
            raise self.problem(message, self.at)
        self.at += 1

    def value(self) -> object:
        """The value that starts here, read whole."""
        self.next_char()
        wanted = CHUNK
        while True:
            try:
                value, end = self.decoder.raw_decode(self.text, self.at)
            except json.JSONDecodeError as error:
                if self.ended:
                    raise self.problem(error.msg, error.pos) from None
            else:
                # A number may go on beyond the window ("0." of "0.5"): it is whole when
                # something follows that no number goes on with.
                if self.ended or self.text[end:].lstrip(NUMBER_GOES_ON):
                    self.at = end
                    return value
            if len(self.text) - self.at > MAX_VALUE_CHARS:
                raise TooLong(f"A value here is longer than {MAX_VALUE_CHARS:,} characters")
            wanted *= 2  # so that a long value is not decoded again for every chunk
            self.more(at_least=len(self.text) - self.at + wanted)

    def problem(self, message: str, at: int) -> NotJson:
        before = self.text[:at]
        newlines = before.count("\n")
        start = before.rfind("\n") + 1 if newlines else self.line_start
        return NotJson(message, self.lines_before + newlines + 1, at - start + 1)


def json_items(chunks: Iterator[str], parse: Callable[..., json.JSONDecoder]) -> Iterator[Item]:
    """The items of a list, or of a page's `contents`, one by one; or else the one value
    the file holds. `parse` makes the decoder (its hooks check numbers)."""
    window = _Window(chunks, parse())
    first = window.next_char()
    if first == "[":
        window.at += 1
        yield from _list_items(window, depth=1)
    elif first == "{":
        yield from _object_items(window)
    else:
        yield Item(window.value(), depth=0)
    if window.next_char():
        raise window.problem("Extra data", window.at)


def _list_items(window: _Window, depth: int) -> Iterator[Item]:
    if window.next_char() == "]":
        window.at += 1
        return
    while True:
        yield Item(window.value(), depth)
        if window.next_char() == "]":
            window.at += 1
            return
        window.take(",", "Expecting ',' delimiter")


def _object_items(window: _Window) -> Iterator[Item]:
    """A page's services as they come; any other object whole, as one item."""
    window.at += 1
    whole: dict = {}
    paged = False
    if window.next_char() == "}":
        window.at += 1
        yield Item(whole, depth=0)
        return
    while True:
        if window.next_char() != '"':
            raise window.problem("Expecting property name enclosed in double quotes", window.at)
        key = window.value()
        window.take(":", "Expecting ':' delimiter")
        if key == "contents" and window.next_char() == "[":
            window.at += 1
            paged = True
            yield from _list_items(window, depth=2)
        else:
            whole[str(key)] = window.value()
        if window.next_char() == "}":
            window.at += 1
            break
        window.take(",", "Expecting ',' delimiter")
    if not paged:
        yield Item(whole, depth=0)
