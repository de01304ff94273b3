"""Times of day as GOV.UK writes them ("9am", "3:30pm", "midday", "midnight"), and read back
from what a person types ("9", "9am", "9.30 am", "14:00", "noon")."""

import datetime
import re

MIDDAY, MIDNIGHT = datetime.time(12), datetime.time(0)
_TYPED = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")


def time_in_words(time: datetime.time | None) -> str:
    if time is None:
        return ""
    if time == MIDDAY:
        return "midday"
    if time == MIDNIGHT:
        return "midnight"
    hour = time.hour % 12 or 12
    minutes = f":{time.minute:02d}" if time.minute else ""
    return f"{hour}{minutes}{'am' if time.hour < 12 else 'pm'}"


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
