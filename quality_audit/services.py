"""Writes to the quality audit: drawing a month's sample, and saving an audit. Each records
who acted, in one transaction."""

import datetime
import random

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User

from .models import MonthlySample, RecordAudit, RubricAnswer
from .rubric import month_of, questions
from .selectors import signed_off_in

# Not predictable from outside, so no one can tell which records a month will draw.
_draw = random.SystemRandom()


class SampleRefused(Exception):
    """Raised when a month's sample may not be drawn: it was drawn already, or the month has
    not begun."""


@transaction.atomic
def sample_draw(*, month: datetime.date, by: User, size: int | None = None) -> MonthlySample:
    """Draws `month`'s sample: `size` (QUALITY_AUDIT_SAMPLE_SIZE) of the records signed off in
    that month that `by` may audit, at random and without repeats; all of them when there are
    fewer. A month is drawn once only."""
    month = month_of(month)
    if month > month_of(timezone.localdate()):
        raise SampleRefused(f"{month:%B %Y} has not begun yet.")
    size = settings.QUALITY_AUDIT_SAMPLE_SIZE if size is None else size
    if MonthlySample.objects.filter(month=month).exists():
        raise SampleRefused(f"The sample for {month:%B %Y} has been drawn already.")
    candidates = list(signed_off_in(month, by).values_list("pk", flat=True))
    drawn = _draw.sample(candidates, min(size, len(candidates)))
    try:
        # Its own savepoint, so that a draw for the same month a moment earlier refuses
        # this one rather than breaking the transaction.
        with transaction.atomic():
            sample = MonthlySample.objects.create(month=month, drawn_by=by, size_asked=size)
    except IntegrityError:
        raise SampleRefused(f"The sample for {month:%B %Y} has been drawn already.") from None
    for conversation_id in drawn:
        RecordAudit(sample=sample, conversation_id=conversation_id).save_by(by)
    return sample


@transaction.atomic
def record_audit_save(
    *, audit: RecordAudit, answers: dict[str, tuple[str, str]], by: User
) -> RecordAudit:
    """Saves an audit (checked by `RecordAuditForm`): `answers` holds, by question key, the
    answer and its comment. Each answer keeps the question's words as asked now; an answer to
    a question the settings no longer ask is kept as it was."""
    asked = {question.key: question.text for question in questions()}
    existing = {answer.key: answer for answer in audit.answers.all()}
    audit.audited_by = by
    audit.audited_at = timezone.now()
    audit.save_by(by)
    for key, (answer, comment) in answers.items():
        row = existing.get(key) or RubricAnswer(audit=audit, key=key)
        changed = (row.question, row.answer, row.comment) != (asked[key], answer, comment)
        if row.pk is None or changed:
            row.question, row.answer, row.comment = asked[key], answer, comment
            row.save_by(by)
    return audit
