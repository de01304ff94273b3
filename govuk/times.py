"""Times of day as GOV.UK writes them ("9am", "3:30pm", "midday", "midnight"), and read back
from what a person types ("9", "9am", "9.30 am", "14:00", "noon")."""

import datetime
import re

from django.utils import timezone

MIDDAY, MIDNIGHT = datetime.time(12), datetime.time(0)
_TYPED = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")


def time_in_words(time: datetime.time | datetime.datetime | None, *, seconds: bool = False) -> str:
    """ "9am", "3:30pm", "midday"; with `seconds`, "3:30:15pm" when they are not 0. A date and
    time is told in the local time."""
    if time is None:
        return ""
    if isinstance(time, datetime.datetime):
        time = (timezone.localtime(time) if timezone.is_aware(time) else time).time()
    shown_seconds = seconds and time.second
    if (time.hour, time.minute) == (12, 0) and not shown_seconds:
        return "midday"
    if (time.hour, time.minute) == (0, 0) and not shown_seconds:
        return "midnight"
    hour = time.hour % 12 or 12
    minutes = f":{time.minute:02d}" if time.minute or shown_seconds else ""
    minutes += f":{time.second:02d}" if shown_seconds else ""
    return f"{hour}{minutes}{'am' if time.hour < 12 else 'pm'}"


def date_time_in_words(when: datetime.datetime | None, *, seconds: bool = False) -> str:
    """ "29 November 2026, 3:30pm", in the local time."""
    if when is None:
        return ""
    local = timezone.localtime(when) if timezone.is_aware(when) else when
    return f"{local.day} {local:%B %Y}, {time_in_words(local.time(), seconds=seconds)}"


def time_typed(text: str) -> datetime.time | None:
    """The time of day `text` means, or None if it does not mean one."""
    typed = text.strip().lower()
    if typed in {"midday", "noon", "12 noon"}:
        return MIDDAY
    if typed in {"midnight", "12 midnight"}:
        return MIDNIGHT
    found = _TYPED.match(typed)
    if not found:
        return None
    hour, minute = int(found[1]), int(found[2] or 0)
    half = (found[4] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)
