"""The taxonomies this app publishes its own terms in, and the directory's categories.

A resource's kind of asset, how people get to it, the ways people can give and
a confidential address travel in Open Referral UK as terms of taxonomies of
this app's own (see `mapping`). The public API lists them, with the
directory's categories (terms of no taxonomy of ours), and finds the resources
filed under a term or a taxonomy.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from reading.databases import replica

from ..models import Category, CommunityResource
from .mapping import (
    CONFIDENTIAL,
    CONFIDENTIAL_TAXONOMY,
    HOW_TO_GIVE_TAXONOMY,
    LANGUAGES_TAXONOMY,
    OWN_TAXONOMIES,
    PARTIAL_ADDRESS_TAXONOMY,
    TEXT_TAXONOMIES,
    WAYS_TO_GIVE_TAXONOMY,
    category_id,
    category_term,
    taxonomy_id,
    term,
)

DESCRIPTIONS = {
    "ABCD asset type": (
        "The kind of community asset, after asset-based community development (ABCD)"
    ),
    "How to access": "Whether anyone can go, or people need an introduction",
    WAYS_TO_GIVE_TAXONOMY: "How people can give there, not only receive",
    HOW_TO_GIVE_TAXONOMY: "How people can give there, in words: one term for each service",
    "Who it is for": "Who the service is for, in words: one term for each service",
    "Address line 2": "The second line of a place's address: one term for each service",
    "Phone": "The service's phone number: one term for each service",
    LANGUAGES_TAXONOMY: (
        "A language spoken at the service, by name, with its ISO 639 code and a note: one term "
        "for each language of each service"
    ),
    PARTIAL_ADDRESS_TAXONOMY: (
        "An address short of the parts the profile requires, one labelled part a line: first "
        "line, second line, town, county, postcode, country"
    ),
    CONFIDENTIAL_TAXONOMY: "Whether the address is given only on introduction (a refuge's)",
}


@dataclass(frozen=True)
class OwnTerm:
    taxonomy: str
    code: str
    name: str
    resources: Q  # the resources filed under it

    def as_term(self) -> dict:
        return term(self.taxonomy, self.name, code=self.code)


def _own_terms() -> list[OwnTerm]:
    terms = [
        OwnTerm(taxonomy, value, str(label), Q(**{name: value}))
        for taxonomy, (name, choices) in OWN_TAXONOMIES.items()
        for value, label in choices.choices
    ]
    terms += [
        # A JSON list's text holds each way in quotes: the same test on SQLite and PostgreSQL.
        OwnTerm(WAYS_TO_GIVE_TAXONOMY, way.value, way.label, Q(ways_to_give__icontains=f'"{way}"'))
        for way in CommunityResource.WayToGive
    ]
    terms.append(
        OwnTerm(
            CONFIDENTIAL_TAXONOMY,
            CONFIDENTIAL,
            "Address given on introduction",
            Q(address_confidential=True),
        )
    )
    return terms


OWN_TERMS = _own_terms()
# Those of words have a term of each service's own, so none to list here.
TAXONOMIES = [
    *dict.fromkeys(own.taxonomy for own in OWN_TERMS),
    *TEXT_TAXONOMIES,
    LANGUAGES_TAXONOMY,
    PARTIAL_ADDRESS_TAXONOMY,
]


def categories_taxonomies() -> list[str]:
    """The taxonomies, not ours, that the directory's categories came from, by name."""
    categories = Category.objects.using(replica())
    names = categories.exclude(taxonomy="").exclude(taxonomy__in=TAXONOMIES)
    return list(names.order_by("taxonomy").values_list("taxonomy", flat=True).distinct())


def all_taxonomies() -> list[str]:
    """Ours, then those the categories came from."""
    return [*TAXONOMIES, *categories_taxonomies()]


def taxonomy(name: str, *, with_terms: bool = False) -> dict:
    found: dict[str, Any] = {
        "id": taxonomy_id(name),
        "name": name,
        "description": DESCRIPTIONS.get(name, "A taxonomy the directory's categories came from"),
    }
    if with_terms:
        found["taxonomy_terms"] = [own.as_term() for own in OWN_TERMS if own.taxonomy == name] + [
            category_term(category)
            for category in Category.objects.using(replica()).filter(taxonomy=name)
        ]
    return found


def taxonomy_named_by(identifier: str) -> str | None:
    """The name of the taxonomy with this id: ours, or one the categories came from."""
    return next((name for name in all_taxonomies() if taxonomy_id(name) == identifier), None)


def categories_by_id() -> dict[str, Category]:
    """Every category by its id in Open Referral UK (its own or one made up from its name)."""
    return {category_id(category): category for category in Category.objects.all()}


def own_term_by_id(identifier: str) -> OwnTerm | None:
    """The term of ours with this id."""
    return next((own for own in OWN_TERMS if own.as_term()["id"] == identifier), None)


def under_term(resources: QuerySet[CommunityResource], identifier: str) -> QuerySet:
    """The resources filed under the term with this id: one of ours, or a category."""
    own = own_term_by_id(identifier)
    if own is not None:
        return resources.filter(own.resources)
    category = categories_by_id().get(identifier)
    return resources.filter(categories=category) if category else resources.none()


def under_taxonomy(resources: QuerySet[CommunityResource], identifier: str) -> QuerySet:
    """The resources filed under any term of the taxonomy with this id."""
    name = taxonomy_named_by(identifier)
    if name is None:
        return resources.none()
    anything = Q(categories__taxonomy=name) if name not in TAXONOMIES else Q(pk__in=[])
    for own in OWN_TERMS:
        if own.taxonomy == name:
            anything |= own.resources
    return resources.filter(anything)
