"""What the public API reads: active resources only, on the replica."""

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, overload

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from community.models import Category, CommunityResource
from community.openreferral.mapping import (
    LOCATED,
    NESTED_RELATIONS,
    as_uuid,
    category_term,
    made_up_id,
    service_id,
)
from community.openreferral.taxonomies import (
    OWN_TERMS,
    all_taxonomies,
    categories_by_id,
    own_term_by_id,
    taxonomy,
    taxonomy_named_by,
    under_taxonomy,
    under_term,
)
from community.selectors import resource_search, resources_open
from postcode_centres.distances import Point
from postcode_centres.models import PostcodeCentre
from reading.databases import replica


def published() -> QuerySet[CommunityResource]:
    """What the API shows: active resources, read on the replica."""
    return CommunityResource.objects.active().using(replica())


def services_found(
    *,
    search: str = "",
    taxonomy_term_id: str = "",
    taxonomy_id: str = "",
    minimum_age: Decimal | None = None,
    maximum_age: Decimal | None = None,
    day: str = "",
    start_time: datetime.time | None = None,
    end_time: datetime.time | None = None,
) -> QuerySet[CommunityResource]:
    """Active resources that match the API's filters, in a stable order: by name, or best
    match first for a search."""
    resources = resource_search(CommunityResource.objects.active(), q=search)
    if taxonomy_term_id:
        resources = under_term(resources, taxonomy_term_id)
    if taxonomy_id:
        resources = under_taxonomy(resources, taxonomy_id)
    # As the standard words them: a minimum age of at least, a maximum age of at most, this.
    if minimum_age is not None:
        resources = resources.filter(minimum_age__gte=minimum_age)
    if maximum_age is not None:
        resources = resources.filter(maximum_age__lte=maximum_age)
    if day or start_time or end_time:
        resources = resources_open(resources, day=day, opens_by=start_time, closes_by=end_time)
    return resources


def located(resources: QuerySet[CommunityResource]) -> QuerySet[CommunityResource]:
    """Those with a place to show: a confidential address is no place here."""
    return resources.filter(LOCATED)


def nearest(
    resources: QuerySet[CommunityResource], *, centre: Point, within: int | None
) -> "Nearest":
    """Those with a place and a point (their own, or their postcode's centre), nearest
    `centre` first, and only those `within` metres of it if that is given. A confidential
    address is never measured: a refuge is not found by how near it is."""
    centres = PostcodeCentre.objects.filter(postcode=OuterRef("postcode"))
    placed = (
        located(resources)
        .filter(address_confidential=False)
        .annotate(
            point_latitude=Coalesce("latitude", Subquery(centres.values("latitude")[:1])),
            point_longitude=Coalesce("longitude", Subquery(centres.values("longitude")[:1])),
        )
        .filter(point_latitude__isnull=False, point_longitude__isnull=False)
    )
    if within is not None:
        south, north, west, east = centre.box(within)
        placed = placed.filter(
            point_latitude__range=(south, north), point_longitude__range=(west, east)
        )
    measured = sorted(
        (centre.metres_to(Point(float(latitude), float(longitude))), name, pk)
        for pk, name, latitude, longitude in placed.values_list(
            "pk", "name", "point_latitude", "point_longitude"
        ).order_by()
    )
    return Nearest([pk for metres, _, pk in measured if within is None or metres <= within])


class Nearest(Sequence[CommunityResource]):
    """Resources in the order of their ids, nearest first: counted and sliced like a
    queryset, so that a page reads only its resources."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> CommunityResource: ...

    @overload
    def __getitem__(self, index: slice) -> list[CommunityResource]: ...

    def __getitem__(self, index: int | slice) -> CommunityResource | list[CommunityResource]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = self.ids[index]
        found = CommunityResource.objects.using(replica()).in_bulk(ids)
        return [found[pk] for pk in ids]


def published_service(identifier: str) -> CommunityResource | None:
    """The active resource whose Open Referral UK id this is."""
    code = as_uuid(identifier)
    resources = published().prefetch_related(*NESTED_RELATIONS)
    for resource in resources.filter(external_id=identifier)[:1]:
        return resource
    if code is None:
        return None
    found = resources.filter(code=code).first()
    # A resource that came with an id of its own is known by that id, not by its code.
    return found if found and service_id(found) == identifier else None


def published_service_at_location(identifier: str) -> CommunityResource | None:
    """The active resource whose place has this id (made up from its service's id)."""
    if as_uuid(identifier) is None:
        return None
    for resource in located(published()).only("pk", "code", "external_id").iterator():
        if made_up_id(service_id(resource), "at-location") == identifier:
            return published().prefetch_related(*NESTED_RELATIONS).get(pk=resource.pk)
    return None


@dataclass(frozen=True)
class Page:
    """One page of a list, in the shape the standard's `Page` schema gives it."""

    number: int
    size: int
    total: int
    contents: list

    def as_json(self) -> dict[str, Any]:
        pages = math.ceil(self.total / self.size)
        return {
            "total_items": self.total,
            "total_pages": pages,
            "page_number": self.number,
            "size": len(self.contents),
            "first_page": self.number == 1,
            "last_page": self.number >= pages,
            "empty": not self.contents,
            "contents": self.contents,
        }


def page_of(
    items: QuerySet | Sequence, number: int, size: int, shown: Callable[[Any], Any]
) -> Page:
    """Page `number` of `items`, `size` to a page, each as `shown` gives it. A page past the
    last is empty, not the last page again: a client that follows pages stops there."""
    total = items.count() if isinstance(items, QuerySet) else len(items)
    start = (number - 1) * size
    return Page(number, size, total, [shown(item) for item in items[start : start + size]])


def taxonomies() -> list[dict]:
    return [taxonomy(name) for name in all_taxonomies()]


def taxonomy_with_terms(identifier: str) -> dict | None:
    name = taxonomy_named_by(identifier)
    return taxonomy(name, with_terms=True) if name else None


def taxonomy_terms() -> "TermList":
    return TermList()


class TermList(Sequence[dict]):
    """This app's own terms, then the directory's categories by name: counted and sliced
    like a queryset, so that a page reads only its categories."""

    def __init__(self) -> None:
        self.own = [own.as_term() for own in OWN_TERMS]
        self.categories = Category.objects.using(replica()).order_by("name", "pk")

    def __len__(self) -> int:
        return len(self.own) + self.categories.count()

    @overload
    def __getitem__(self, index: int) -> dict: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict]: ...

    def __getitem__(self, index: int | slice) -> dict | list[dict]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        own = self.own[start:stop]
        first = max(start - len(self.own), 0)
        last = stop - len(self.own)
        categories = list(self.categories[first:last]) if last > first else []
        return own + [category_term(category) for category in categories]


def taxonomy_term(identifier: str) -> dict | None:
    if own := own_term_by_id(identifier):
        return own.as_term()
    category = categories_by_id().get(identifier)
    return category_term(category) if category else None
