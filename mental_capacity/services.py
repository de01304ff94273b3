"""Writes to who may decide for the person and to capacity assessments. Each records who
acted, in one transaction; only staff who work with people write them."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.models import User
from people.models import Person

from .models import CapacityAssessment, DecisionMaker


@transaction.atomic
def decision_maker_add(*, holder: DecisionMaker, person: Person, by: User) -> DecisionMaker:
    """Records who may decide for `person` (checked by `DecisionMakerForm`)."""
    _refuse_unless_works_with_people(by)
    holder.person = person
    holder.created_by = by
    holder.save_by(by)
    return holder


@transaction.atomic
def decision_maker_update(*, holder: DecisionMaker, by: User) -> DecisionMaker:
    """Saves a change (checked by `DecisionMakerForm`) to who may decide for the person."""
    _refuse_unless_works_with_people(by)
    holder.save_by(by)
    return holder


@transaction.atomic
def decision_maker_end(*, holder: DecisionMaker, on: datetime.date, by: User) -> DecisionMaker:
    """Notes that from `on` they no longer decide for the person."""
    _refuse_unless_works_with_people(by)
    holder.end(on=on, by=by)
    return holder


@transaction.atomic
def capacity_assessment_add(
    *, assessment: CapacityAssessment, person: Person, by: User
) -> CapacityAssessment:
    """Records an assessment (checked by `CapacityAssessmentForm`), made by `by`."""
    _refuse_unless_works_with_people(by)
    assessment.person = person
    assessment.assessed_by = by
    assessment.save_by(by)
    return assessment


@transaction.atomic
def capacity_assessment_update(*, assessment: CapacityAssessment, by: User) -> CapacityAssessment:
    """Saves a change (checked by `CapacityAssessmentForm`); who assessed stays who it was."""
    _refuse_unless_works_with_people(by)
    assessment.save_by(by)
    return assessment


def _refuse_unless_works_with_people(by: User) -> None:
    if not by.works_with_people:
        raise PermissionDenied("Only staff who work with people record this")
