from django.db.models import Count, F, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Now

from accounts.models import Restriction
from audit.models import RecordView
from people.models import Person


def restrictions_listed() -> QuerySet[Restriction]:
    """Every restriction, those in force first, each with how often its record was opened
    while it was in force and when last: a fixed number of queries, however many."""
    while_in_force = (
        RecordView.objects.filter(
            person=OuterRef("person"),
            at__gte=OuterRef("restricted_at"),
            at__lte=Coalesce(OuterRef("lifted_at"), Now()),
        )
        .order_by()
        .values("person")
        .annotate(count=Count("pk"), last=Max("at"))
    )
    return (
        Restriction.objects.select_related("person", "person__team", "restricted_by", "lifted_by")
        .prefetch_related("named_staff")
        .annotate(
            openings=Coalesce(Subquery(while_in_force.values("count")[:1]), 0),
            last_opened=Subquery(while_in_force.values("last")[:1]),
        )
        .order_by(F("lifted_at").desc(nulls_first=True), "-restricted_at", "-pk")
    )


def restriction_of(person: Person) -> Restriction | None:
    """The restriction in force on `person`'s record, if there is one."""
    return (
        Restriction.objects.in_force().filter(person=person).select_related("restricted_by").first()
    )


def openings_while_in_force(restriction: Restriction) -> QuerySet[RecordView]:
    """Every page of the record opened while the restriction was in force, newest first."""
    views = RecordView.objects.filter(person=restriction.person, at__gte=restriction.restricted_at)
    if restriction.lifted_at:
        views = views.filter(at__lte=restriction.lifted_at)
    return views.select_related("user").order_by("-at", "-pk")
