"""The rubric's questions and the themes, as the settings give them now.

An audit keeps each question's words with its answer, so what is read here only decides what
is asked from now on; results read an answer under its key, in the words asked last.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Question:
    key: str
    text: str


def questions() -> list[Question]:
    """QUALITY_AUDIT_RUBRIC's questions, in order."""
    return [Question(key, text) for key, text in settings.QUALITY_AUDIT_RUBRIC]


def themes() -> list[tuple[str, str]]:
    """QUALITY_AUDIT_THEMES: (key, label) pairs."""
    return [(key, label) for key, label in settings.QUALITY_AUDIT_THEMES]


def theme_label(key: str) -> str:
    """A theme's label, or its key made readable when the settings no longer list it."""
    return dict(themes()).get(key) or key.replace("_", " ").capitalize()


def month_of(day: datetime.date) -> datetime.date:
    """The first day of `day`'s month: how a sample's month is kept."""
    return day.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def previous_month(month: datetime.date) -> datetime.date:
    return (month - datetime.timedelta(days=1)).replace(day=1)
