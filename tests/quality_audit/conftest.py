import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from tests.factories import ConversationFactory, RecordAuditFactory


def signed_off(person, day: datetime.date, **fields):
    """A record of `person` signed off at noon, London time, on `day`."""
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    return ConversationFactory(
        person=person,
        practitioner=person.practitioner,
        status="signed_off",
        signed_off_at=at,
        **fields,
    )


def answers(answer: str = "yes", **changes) -> dict:
    """The audit form, every question of the settings answered `answer`, with a comment."""
    sent = {}
    for key, _ in settings.QUALITY_AUDIT_RUBRIC:
        sent[f"answer_{key}"] = answer
        sent[f"comment_{key}"] = ""
    sent.update(what_was_good="Her words, in her own voice", what_to_improve="", **changes)
    return sent


@pytest.fixture
def as_psw(client, principal_social_worker):
    client.force_login(principal_social_worker)
    return client


@pytest.fixture
def audit(person, principal_social_worker):
    """The person's record signed off on 15 October 2026, drawn for October's sample."""
    return RecordAuditFactory(
        sample__drawn_by=principal_social_worker,
        conversation=signed_off(person, datetime.date(2026, 10, 15)),
    )


def version_of(audit) -> str:
    return str(audit.history.values_list("history_id", flat=True).first())


TODAY = datetime.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Today is 28 November 2026, as the tests' dates go: last month is October."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
