"""A person's record as a list of changes: who changed what, when, from what to what.

Read from django-simple-history's tables: one query per kind of record, the
versions of each record compared with the one before in Python.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from accounts.models import User

# Long text is not repeated in full in a list of changes.
SHOWN_CHARACTERS = 120
KINDS = {"+": "Added", "~": "Changed", "-": "Removed"}
NOT_SHOWN = {"id", "code", "created_at", "updated_at", "person", "conversation", "member"}


@dataclass
class Change:
    when: datetime.datetime
    who: "User | None"
    record: str
    kind: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # label, before, after
    why: str = ""  # where the change came from, when it says (a conversation, say)


def differences(
    older, newer, *, whole: bool = False, questions: Mapping[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """The fields that differ between two versions of a record, as words, each named by the
    question its form asked where `questions` has it; long text is cut short unless
    `whole`. A field new or emptied has "" before or after."""
    found = []
    for model_field in newer.instance_type._meta.concrete_fields:
        name = model_field.attname
        if model_field.name in NOT_SHOWN or not hasattr(newer, name):
            continue
        before = getattr(older, name) if older is not None else None
        after = getattr(newer, name)
        if before == after or (older is None and after in ("", None, False)):
            continue
        label = (questions or {}).get(model_field.name) or str(model_field.verbose_name)
        found.append(
            (
                label[0].upper() + label[1:],
                _shown(older, model_field, whole) if before not in ("", None) else "",
                _shown(newer, model_field, whole) if after not in ("", None) else "",
            )
        )
    return found


def _shown(version, model_field: models.Field, whole: bool = False) -> str:
    if version is None:
        return ""
    value = getattr(version, model_field.attname)
    if value in ("", None):
        return "(blank)"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        return "(changed)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    text = str(value)
    return text if whole or len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"


def changes(
    history: models.QuerySet, describe, questions: Mapping[str, str] | None = None
) -> list[Change]:
    """Every version in `history` as a change from the version of that record before it;
    `describe(version)` names the record; `questions` name its fields (`differences`)."""
    versions = list(history.select_related("history_user").order_by("id", "history_date", "pk"))
    found = []
    previous: dict[int, Any] = {}  # each record's latest version so far, by the record's id
    for version in versions:
        older = previous.get(version.id)
        found.append(
            Change(
                when=version.history_date,
                who=version.history_user,
                record=describe(version),
                kind=KINDS[version.history_type],
                fields=differences(older, version, questions=questions),
                why=version.history_change_reason or "",
            )
        )
        previous[version.id] = version
    return found


def newest_first(*lists: list[Change]) -> list[Change]:
    return sorted(
        (change for changes in lists for change in changes), key=lambda c: c.when, reverse=True
    )
