"""Reads of the directory that several pages share."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.access import can_see_confidential_addresses
from accounts.models import User
from reading.databases import replica

from .models import Category, CommunityResource, Feedback, OpeningTime, Place, ServiceArea

# What everyone who may not see a confidential address (a refuge's) is shown instead.
ADDRESS_ON_INTRODUCTION = "Address given on introduction"
# How an import's versions of the resources begin their reason (openreferral/importing.py).
IMPORTED_FROM = "Imported from "


def resource_address_for(resource: CommunityResource | Place, *, user: User) -> str:
    """The address of a resource, or of another place it runs at, as `user` may see it: a
    confidential one only for those who keep the directory."""
    confidential = (
        resource.confidential if isinstance(resource, Place) else resource.address_confidential
    )
    if confidential and not can_see_confidential_addresses(user):
        return ADDRESS_ON_INTRODUCTION
    return resource.full_address


def resource_place_name_for(resource: CommunityResource, *, user: User) -> str:
    """The name of the resource's place (a building's, say), which tells where it is as an
    address does: kept back as a confidential address is."""
    if resource.address_confidential and not can_see_confidential_addresses(user):
        return ""
    return resource.place_name


@dataclass(frozen=True)
class PlaceShown:
    name: str
    address: str
    accessibility: str
    confidential: bool


def places_for(resource: CommunityResource, *, user: User) -> list[PlaceShown]:
    """The other places the resource runs at, each as `user` may see it: a confidential
    place's name is its address's part, and goes with it."""
    shown = []
    for place in resource.places.all():
        hidden = place.confidential and not can_see_confidential_addresses(user)
        name = "Another place" if hidden else place.name
        address = resource_address_for(place, user=user)
        shown.append(PlaceShown(name, address, place.accessibility, place.confidential))
    return shown


def resource_search(
    resources: QuerySet[CommunityResource],
    *,
    q: str = "",
    category: Category | None = None,
    asset_type: str = "",
    area: str = "",
    cost: str = "",
    how_to_access: str = "",
) -> QuerySet[CommunityResource]:
    """`resources` narrowed by the directory's filters and a search of their words: ranked
    full-text search on PostgreSQL, every word matched on SQLite. Read on the replica: a
    resource saved a moment ago opens from the primary, on its own page."""
    resources = resources.using(replica())
    for name, value in [
        ("asset_type", asset_type),
        ("cost", cost),
        ("how_to_access", how_to_access),
    ]:
        if value:
            resources = resources.filter(**{name: value})
    if category:
        resources = resources.filter(categories=category)
    if area:
        served = ServiceArea.objects.filter(resource=OuterRef("pk"), name__icontains=area)
        resources = resources.filter(Q(area__icontains=area) | Exists(served))
    query = q.strip()
    if not query:
        return resources.order_by("name", "pk")
    if connection.vendor == "postgresql":
        return full_text_search(resources, query)
    matches = Q()
    for word in query.split():
        matches &= (
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(categories__name__icontains=word)
        )
    return resources.filter(pk__in=resources.filter(matches).values("pk")).order_by("name", "pk")


def full_text_search(resources: QuerySet, query: str) -> QuerySet:
    """PostgreSQL full-text search over the indexed search document, best matches first:
    names weigh most, then categories, then descriptions."""
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
    from django.db.models.expressions import RawSQL

    document = RawSQL(
        '"community_communityresource"."search_document"', [], output_field=SearchVectorField()
    )
    search = SearchQuery(query, search_type="websearch", config="english")
    return (
        resources.annotate(document=document, rank=SearchRank(document, search))
        .filter(document=search)
        .order_by("-rank", "name", "pk")
    )


@dataclass(frozen=True)
class DirectoryImport:
    at: datetime.datetime
    by: str
    what: str  # the history's reason: the files imported


def last_import() -> DirectoryImport | None:
    """The latest Open Referral import that changed the directory, from the resources'
    history (an import writes a version of every resource it adds or changes)."""
    latest = (
        CommunityResource.history.filter(history_change_reason__startswith=IMPORTED_FROM)
        .select_related("history_user")
        .order_by("-history_date")
        .first()
    )
    if latest is None:
        return None
    by = str(latest.history_user) if latest.history_user else "a command on the server"
    return DirectoryImport(latest.history_date, by, latest.history_change_reason or "")


def resources_reported() -> QuerySet[CommunityResource]:
    """Resources that practitioners reported as changed or closed, the longest waiting first,
    each with what was reported (`reported`) beside it."""
    waiting = Feedback.objects.to_review()
    first = waiting.filter(resource=OuterRef("pk")).order_by("given_at").values("given_at")[:1]
    return (
        CommunityResource.objects.filter(Exists(waiting.filter(resource=OuterRef("pk"))))
        .annotate(first_reported=Subquery(first))
        .prefetch_related(
            Prefetch("feedback", waiting.select_related("given_by"), to_attr="reported")
        )
        .order_by("first_reported", "name", "pk")
    )


@dataclass(frozen=True)
class ResourceFeedback:
    """What practitioners said of a resource, for its page: what waits for review, and how
    many found it helpful since it was last checked."""

    reported: list[Feedback]
    helpful: int


def resource_feedback(resource: CommunityResource) -> ResourceFeedback:
    helpful = Feedback.objects.filter(resource=resource, kind=Feedback.Kind.HELPFUL)
    if resource.last_verified:
        helpful = helpful.filter(given_at__date__gte=resource.last_verified)
    reported = Feedback.objects.to_review().filter(resource=resource).select_related("given_by")
    return ResourceFeedback(list(reported), helpful.count())


def resources_open(
    resources: QuerySet[CommunityResource],
    *,
    day: str = "",
    opens_by: datetime.time | None = None,
    closes_by: datetime.time | None = None,
) -> QuerySet[CommunityResource]:
    """Those with a line of opening times in force today that is on `day` (a code, "MO"),
    opens at `opens_by` or later and closes at `closes_by` or earlier: as Open Referral UK's
    API words its `day`, `start_time` and `end_time`."""
    lines = OpeningTime.objects.in_force(timezone.localdate()).filter(resource=OuterRef("pk"))
    if day:
        lines = lines.filter(days__contains=day)
    if opens_by:
        lines = lines.filter(opens_at__gte=opens_by)
    if closes_by:
        lines = lines.filter(closes_at__lte=closes_by)
    return resources.filter(Exists(lines))
