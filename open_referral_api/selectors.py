"""What the public API reads: active resources only, on the replica."""

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, overload

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from community.models import Category, CommunityResource, Place
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

BATCH = 1000


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
    """Those with a place of their own to show: a confidential address is no place here."""
    return resources.filter(LOCATED)


# A service at one of its places: the resource's id, and which place (0 its own, 1 its first
# other place that may be published, and so on).
AtPlace = tuple[int, int]


def at_places(resources: QuerySet[CommunityResource]) -> "AtPlaces":
    """Each of `resources` at each of its places, in their order: its own place if it has
    one to show, then its other places but a confidential one."""
    ids = list(resources.values_list("pk", flat=True))
    shown = set(located(resources).values_list("pk", flat=True))
    others = _other_places(ids)
    return AtPlaces(
        [
            pair
            for pk in ids
            for pair in [(pk, 0)] * (pk in shown) + [(pk, n + 1) for n in range(len(others[pk]))]
        ]
    )


def _other_places(ids: list[int]) -> dict[int, list[int]]:
    """The other places of these resources that may be published, in their order, by resource."""
    found: dict[int, list[int]] = {pk: [] for pk in ids}
    places = Place.objects.using(replica()).filter(confidential=False).order_by("resource", "pk")
    for start in range(0, len(ids), BATCH):
        batch = places.filter(resource_id__in=ids[start : start + BATCH])
        for resource_id, pk in batch.values_list("resource_id", "pk"):
            found[resource_id].append(pk)
    return found


def nearest(
    resources: QuerySet[CommunityResource], *, centre: Point, within: int | None
) -> "AtPlaces":
    """Each of `resources` at each of its places that has a point (its own, or its
    postcode's centre), nearest `centre` first, and only those `within` metres of it if that
    is given. A confidential address is never measured: a refuge is not found by how near
    it is, nor a confidential place."""
    own = located(resources).filter(address_confidential=False)
    # By the resources' ids, a batch at a time: a search's ranking cannot be a subquery.
    ids = list(resources.values_list("pk", flat=True))
    places = Place.objects.using(replica()).filter(confidential=False)
    batches = [
        places.filter(resource_id__in=ids[start : start + BATCH])
        for start in range(0, len(ids), BATCH)
    ]
    measured = []
    candidates = [(own, "pk"), *((batch, "resource_id") for batch in batches)]
    for rows, key in candidates:
        for pk, resource_id, name, latitude, longitude in _pointed(
            rows, centre, within
        ).values_list("pk", key, "name", "point_latitude", "point_longitude"):
            metres = centre.metres_to(Point(float(latitude), float(longitude)))
            if within is None or metres <= within:
                measured.append((metres, name, resource_id, pk if key == "resource_id" else None))
    measured.sort(key=lambda found: found[:3])
    others_of = _other_places(list({resource_id for _, _, resource_id, place in measured if place}))
    return AtPlaces(
        [
            (resource_id, 0 if place is None else others_of[resource_id].index(place) + 1)
            for _, _, resource_id, place in measured
        ]
    )


def _pointed(rows: QuerySet, centre: Point, within: int | None) -> QuerySet:
    """`rows` (resources or places) with a point, their own or else their postcode's centre,
    as `point_latitude` and `point_longitude`; only those in a box around `centre` when
    `within` is given, for the database to narrow first."""
    centres = PostcodeCentre.objects.filter(postcode=OuterRef("postcode"))
    pointed = rows.annotate(
        point_latitude=Coalesce("latitude", Subquery(centres.values("latitude")[:1])),
        point_longitude=Coalesce("longitude", Subquery(centres.values("longitude")[:1])),
    ).filter(point_latitude__isnull=False, point_longitude__isnull=False)
    if within is not None:
        south, north, west, east = centre.box(within)
        pointed = pointed.filter(
            point_latitude__range=(south, north), point_longitude__range=(west, east)
        )
    return pointed.order_by()


class AtPlaces(Sequence[tuple[CommunityResource, int]]):
    """Resources at their places, in order: counted and sliced like a queryset, so that a
    page reads only its resources (with what they nest)."""

    def __init__(self, pairs: list[AtPlace]) -> None:
        self.pairs = pairs

    def __len__(self) -> int:
        return len(self.pairs)

    @overload
    def __getitem__(self, index: int) -> tuple[CommunityResource, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[CommunityResource, int]]: ...

    def __getitem__(
        self, index: int | slice
    ) -> tuple[CommunityResource, int] | list[tuple[CommunityResource, int]]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        pairs = self.pairs[index]
        resources = CommunityResource.objects.using(replica()).prefetch_related(*NESTED_RELATIONS)
        found = resources.in_bulk({pk for pk, _ in pairs})
        return [(found[pk], place) for pk, place in pairs]


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
    """The active resource at the place with this id (made up from its service's id)."""
    if as_uuid(identifier) is None:
        return None
    resources = published().only("pk", "code", "external_id").in_bulk()
    for pk, place in at_places(published()).pairs:
        if made_up_id(service_id(resources[pk]), *_at_place_key(place)) == identifier:
            return published().prefetch_related(*NESTED_RELATIONS).get(pk=pk)
    return None


def _at_place_key(place: int) -> list[str]:
    """What the id of a service at its place is made up from, beside the service's id
    (`mapping.service_at_locations`)."""
    return ["at-location"] if place == 0 else [f"place {place - 1}", "at-location"]


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
