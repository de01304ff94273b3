"""Reads for the quality audit: the records a month may draw, the months with their
progress, and the results over time, each in a fixed number of queries."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.access import quality_audit_scope
from accounts.models import User
from conversations.models import Conversation

from .models import MonthlySample, RecordAudit, RecordAuditQuerySet, RubricAnswer
from .rubric import next_month, questions, theme_label

ANSWERS = RubricAnswer.Answer


def _start_of(month: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(month, datetime.time.min))


def signed_off_in(month: datetime.date, user: User) -> QuerySet[Conversation]:
    """The records signed off in `month` (local time) that `user` may audit."""
    return Conversation.objects.filter(
        quality_audit_scope(user, via="person"),
        status=Conversation.Status.SIGNED_OFF,
        signed_off_at__gte=_start_of(month),
        signed_off_at__lt=_start_of(next_month(month)),
    )


def months_with_progress(user: User) -> QuerySet[MonthlySample]:
    """Every month's sample, newest first, each with `in_sample` and `audited`: of the
    records `user` may audit."""
    seen = quality_audit_scope(user, via="audits__conversation__person")
    return (
        MonthlySample.objects.select_related("drawn_by")
        .annotate(
            in_sample=Count("audits", filter=seen),
            audited=Count("audits", filter=seen & Q(audits__audited_at__isnull=False)),
        )
        .order_by("-month")
    )


def audits_in(sample: MonthlySample, user: User) -> RecordAuditQuerySet:
    """The records of `sample` that `user` may audit, in the order they were signed off."""
    return (
        RecordAudit.objects.visible_to(user)
        .filter(sample=sample)
        .select_related("conversation__person__team", "conversation__practitioner", "audited_by")
    )


@dataclass
class QuestionResult:
    """One question's answers, month by month: [(month, {answer: count})]."""

    key: str
    question: str
    months: list[tuple[datetime.date, dict[str, int]]] = field(default_factory=list)


@dataclass
class Results:
    months: list[datetime.date]
    questions: list[QuestionResult]
    # [(month, [(theme's label, how many audits)])], the most often first.
    themes: list[tuple[datetime.date, list[tuple[str, int]]]]


def results_over(months: list[datetime.date], user: User) -> Results:
    """For each month in `months`, and each question ever asked in them, how many audits
    answered Yes, Partly and No; and how many audits named each theme. Two queries, however
    many audits there are. A question is listed under its key, in the settings' words now, or
    in the words it was last asked in when the settings no longer ask it."""
    scope = quality_audit_scope(user, via="audit__conversation__person")
    counted = (
        RubricAnswer.objects.filter(
            scope, audit__sample__month__in=months, audit__audited_at__isnull=False
        )
        .values_list("audit__sample__month", "key", "question", "answer")
        .annotate(number=Count("pk"))
        .order_by("-audit__sample__month")
    )
    counts: dict[str, dict[datetime.date, Counter]] = defaultdict(lambda: defaultdict(Counter))
    asked_as: dict[str, str] = {}
    for month, key, question, answer, number in counted:
        counts[key][month][answer] += number
        asked_as.setdefault(key, question)
    asked_now = {question.key: question.text for question in questions()}
    keys = [key for key in asked_now if key in counts] + sorted(set(counts) - set(asked_now))
    results = [
        QuestionResult(
            key,
            asked_now.get(key) or asked_as[key],
            [(month, {a: counts[key][month][a] for a in ANSWERS.values}) for month in months],
        )
        for key in keys
    ]
    # Themes are a short list on each audit: counted here, from one query of them.
    tagged = (
        RecordAudit.objects.visible_to(user)
        .audited()
        .filter(sample__month__in=months)
        .values_list("sample__month", "themes")
    )
    by_month: dict[datetime.date, Counter] = defaultdict(Counter)
    for month, keys_tagged in tagged:
        by_month[month].update(set(keys_tagged))
    themes = [
        (month, [(theme_label(key), n) for key, n in by_month[month].most_common()])
        for month in months
    ]
    return Results(months=months, questions=results, themes=themes)
