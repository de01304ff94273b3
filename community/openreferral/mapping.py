"""Between an Open Referral UK service and a community resource, both ways.

Open Referral UK has no field for some of what a resource holds. The kind of
asset (after ABCD), how people get to it and the ways people can give there
travel as terms of taxonomies of this app's own, and how people can give, in
words, as the description of a term of the service's own in another; who it is
for travels in HSDS 3.0's `eligibility_description` and a second address line in
its `address_2`, which the UK profile allows. So an export imports back with
nothing lost.

What a service holds several of (its other places, weekly opening times, prices, other
contacts, languages) are lines of their own (`LINES`), replaced by an import only when the
service carries them. Where one of a list is the resource's own (its place, its cost in our
words, its contact), an export names it by an id made up from the service's, and an import
of that export knows it by that id.
"""

import contextlib
import datetime
import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from people.validators import normalise_postcode, validate_postcode

from ..models import (
    Category,
    CommunityResource,
    Contact,
    CostOption,
    Day,
    Language,
    OpeningTime,
    Place,
    ServiceArea,
)
from .reading import ORIGIN, Origin, Problem
from .tables import listed_service_fields

# Ids this app makes up (for a contact, a location, a term) are UUIDs derived
# from this one, so that the same resource always exports with the same ids.
NAMESPACE = uuid.UUID("0b6f3c1e-5d2a-4e8f-9c47-a1d2e3f4b5c6")
ASSET_TYPE_TAXONOMY = "ABCD asset type"
ACCESS_TAXONOMY = "How to access"
OWN_TAXONOMIES = {
    ASSET_TYPE_TAXONOMY: ("asset_type", CommunityResource.AssetType),
    ACCESS_TAXONOMY: ("how_to_access", CommunityResource.Access),
}
# Several terms, one a way to give; and one term of the service's own, described in words.
WAYS_TO_GIVE_TAXONOMY = "Ways to give"
HOW_TO_GIVE_TAXONOMY = "How to give"
# Words the profile has no field for, each as the description of a term of the service's own
# in a taxonomy of this app's: the taxonomy, the resource's field, and the term's name.
TEXT_TAXONOMIES = {
    HOW_TO_GIVE_TAXONOMY: ("how_to_give", "How people can give"),
    "Who it is for": ("who_for", "Who it is for"),
    "Address line 2": ("address_line_2", "Address line 2"),
    # The profile keeps no phone numbers in its JSON form.
    "Phone": ("phone", "Phone number"),
}
# The languages spoken at a service: the profile has no field for a language's name, so each
# is a term of this taxonomy of ours, of the service's own (its note the term's words).
LANGUAGES_TAXONOMY = "Languages spoken"
# An address short of the parts the profile requires: its parts, one a line, each labelled.
PARTIAL_ADDRESS_TAXONOMY = "Address in part"
PARTS = ["First line", "Second line", "Town", "County", "Postcode", "Country"]
# A refuge's address is never exported: this term says that it is kept back on purpose.
CONFIDENTIAL_TAXONOMY = "Address"
CONFIDENTIAL = "confidential"
ADDRESS_FIELDS = ["address_line_1", "address_line_2", "town", "county", "postcode", "country"]
COORDINATES = ["latitude", "longitude"]
# What the directory keeps of a service area beyond the resource's own.
AREA_FIELDS = ["name", "extent", "extent_type", "uri"]
CONTACT_FIELDS = ["name", "title"]
# What a place holds beside its name, as the resource's own address does.
PLACE_FIELDS = [*ADDRESS_FIELDS, *COORDINATES, "accessibility"]
ACTIVE, INACTIVE = "active", "inactive"
WEEKLY = "WEEKLY"
# The resource's free-text fields (not its choices), each set from the data or emptied.
TEXT_FIELDS = [
    field.name
    for field in CommunityResource._meta.concrete_fields
    if isinstance(field, models.CharField | models.TextField)
    and not field.choices
    and field.editable
    and field.name != "external_id"
]
# How addresses say they are in the UK, where a postcode can be checked.
UK_CODE = "GB"
UK = {"", "GB", "GBR", "UK", "UNITED KINGDOM", "ENGLAND", "SCOTLAND", "WALES", "NORTHERN IRELAND"}
# The oldest age a resource can name, as the resource's form allows.
MOST_YEARS = 130
DAYS = {
    "MO": "Mondays",
    "TU": "Tuesdays",
    "WE": "Wednesdays",
    "TH": "Thursdays",
    "FR": "Fridays",
    "SA": "Saturdays",
    "SU": "Sundays",
}


# The choices' codes, worked out once (an enum's `values` is worked out at each call).
WEEK = list(Day.values)
CODES: dict[type, list[str]] = {
    choices: list(choices.values)
    for choices in [*(c for _, c in OWN_TAXONOMIES.values()), CommunityResource.WayToGive]
}
COST_BY_LABEL = {label.lower(): value for value, label in CommunityResource.Cost.choices}


def made_up_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def _organisation_id(name: str) -> str:
    return made_up_id("organisation", name.lower())


def _own_organisation_id(sid: str) -> str:
    return made_up_id(sid, "organisation")


def category_id(category: Category) -> str:
    return category.external_id or made_up_id("category", category.name)


def as_uuid(value: str) -> uuid.UUID | None:
    """`value` as a UUID, or None if it is not one."""
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def service_id(resource: CommunityResource) -> str:
    """The resource's id in Open Referral UK: the id it came with, or its own code."""
    return str(as_uuid(resource.external_id) or resource.code)


def taxonomy_id(name: str) -> str:
    """The id of a taxonomy of this app's own."""
    return made_up_id("taxonomy", name)


def term(taxonomy: str, name: str, *, term_id: str = "", code: str = "") -> dict:
    term_id = term_id or made_up_id("term", taxonomy, code or name)
    found = {"id": term_id, "name": name, "description": name}
    if taxonomy:
        found["taxonomy"] = taxonomy
        found["taxonomy_id"] = taxonomy_id(taxonomy)
    if code:
        found["term"] = code
    return found


def category_term(category: Category) -> dict:
    """A category as the term a directory published: in its taxonomy, with its code, words
    and address when it came with them."""
    found = term(
        category.taxonomy, category.name, term_id=category_id(category), code=category.code
    )
    if category.description:
        found["description"] = category.description
    if category.uri:
        found["term_uri"] = category.uri
    return found


# Out: a resource as a service, everything nested in it.


# What `service_from_resource` reads beyond the resource's row: fetch them with it.
NESTED_RELATIONS = [
    "categories",
    "opening_hours",
    "places",
    "cost_options",
    "contacts",
    "languages",
    "service_areas",
]


def service_from_resource(resource: CommunityResource) -> dict:
    """The resource as one Open Referral UK service, in the JSON form."""
    sid = service_id(resource)
    service = _one_to_one(resource, sid)
    _nested(resource, sid, service)
    return service


def service_summary(resource: CommunityResource) -> dict:
    """The service's one-to-one fields and its organisation, as a page of the API's /services
    lists them (`schema/compiled/service_list.json`); its categories are not read."""
    service = _one_to_one(resource, service_id(resource))
    return {name: value for name, value in service.items() if name in listed_service_fields()}


def service_at_location_summary(resource: CommunityResource, index: int = 0) -> dict | None:
    """The service at one of its places (0 its own, 1 its first other place that may be
    published, and so on), as a page of the API's /service_at_locations lists it
    (`schema/compiled/service_at_location_list.json`): None if it has no such place."""
    links = service_at_locations(resource)
    if index >= len(links):
        return None
    link = links[index]
    location = link["location"]
    return {
        "id": link["id"],
        "service_id": link["service_id"],
        "location_id": location["id"],
        "location": {
            name: location[name]
            for name in ["id", "location_type", *COORDINATES]
            if name in location
        },
        "service": service_summary(resource),
    }


def service_at_locations(resource: CommunityResource) -> list[dict]:
    """The service at each of its places, as its `service_at_locations` nest them: its own
    first, then the others that may be published."""
    sid = service_id(resource)
    location = _location(resource, sid)
    if location is None:
        return []
    link = {"id": made_up_id(sid, "at-location"), "service_id": sid}
    return [
        link | {"location_id": location["id"], "location": location},
        *_other_locations(resource, sid),
    ]


def _one_to_one(resource: CommunityResource, sid: str) -> dict[str, Any]:
    service: dict[str, Any] = {
        "id": sid,
        "name": resource.name,
        "description": resource.description,
        "status": ACTIVE if resource.is_active else INACTIVE,
        "last_modified": resource.updated_at.isoformat(),
    }
    optional = {
        "url": resource.website,
        "email": resource.email,
        "assured_date": resource.last_verified.isoformat() if resource.last_verified else "",
    }
    service |= {name: value for name, value in optional.items() if value}
    for age in ["minimum_age", "maximum_age"]:
        if getattr(resource, age) is not None:
            service[age] = getattr(resource, age)
    # The tabular form needs every service to have an organisation: one that runs
    # itself is its own, under an id that says so when it comes back.
    organisation = resource.organisation or resource.name
    organisation_id = resource.organisation_external_id or (
        _organisation_id(organisation) if resource.organisation else _own_organisation_id(sid)
    )
    service["organization_id"] = organisation_id
    service["organization"] = {
        "id": organisation_id,
        "name": organisation,
        # Required, and this app keeps no more about an organisation than its name.
        "description": organisation,
    }
    return service


def _ours_first(sid: str, kind: str, ours: str, lines, fields: list[str]) -> list[dict]:
    """A list the service holds of `kind` (contacts, areas): ours first, known by its id and
    named `ours` (what the resource's own form says, if anything), then each of `lines`
    with its `fields` that say something. Nothing when there is neither."""
    others = [
        {"id": made_up_id(sid, kind, str(number)), "service_id": sid}
        | {name: value for name in fields if (value := getattr(line, name))}
        for number, line in enumerate(lines)
    ]
    if not (ours or others):
        return []
    own = {"id": made_up_id(sid, kind), "service_id": sid} | ({"name": ours} if ours else {})
    return [own, *others]


def _nested(resource: CommunityResource, sid: str, service: dict[str, Any]) -> None:
    """Adds what the service holds lists of: contacts, schedules, places, terms. Each list is
    there even when empty, so that an import of the export empties what it no longer has."""
    for key in NESTED_KEYS:
        service[key] = []
    contacts = resource.contacts.all()
    service["contacts"] = _ours_first(
        sid, "contact", resource.contact_name, contacts, CONTACT_FIELDS
    )
    service["schedules"] = [
        _schedule(line, sid, number) for number, line in enumerate(resource.opening_hours.all())
    ]
    if resource.opening_times:
        schedule = {"id": made_up_id(sid, "schedule"), "service_id": sid}
        service["schedules"].append(schedule | {"description": resource.opening_times})
    # The neighbourhood or ward the resource's form names is ours.
    areas = resource.service_areas.all()
    service["service_areas"] = _ours_first(sid, "area", resource.area, areas, AREA_FIELDS)
    prices = [
        _cost_option(price, sid, number) for number, price in enumerate(resource.cost_options.all())
    ]
    if resource.cost != CommunityResource.Cost.UNKNOWN or resource.cost_detail or prices:
        # Ours, known by its id: what it costs, in our words, beside the prices published.
        cost = {
            "id": made_up_id(sid, "cost"),
            "service_id": sid,
            "option": resource.get_cost_display(),
        }
        if resource.cost_detail:
            cost["amount_description"] = resource.cost_detail
        service["cost_options"] = [cost, *prices]
    service["service_at_locations"] = service_at_locations(resource)
    service["attributes"] = [
        {
            "id": made_up_id(sid, "attribute", found["id"]),
            "link_id": sid,
            "link_type": "service",
            "taxonomy_term_id": found["id"],
            "taxonomy_term": found,
        }
        for found in _terms(resource, sid)
    ]


def _schedule(line: OpeningTime, sid: str, number: int) -> dict[str, Any]:
    """A line of the opening times as a weekly schedule."""
    schedule: dict[str, Any] = {
        "id": made_up_id(sid, "schedule", str(number)),
        "service_id": sid,
        "freq": WEEKLY,
        "byday": line.days,
    }
    times = {"opens_at": line.opens_at, "closes_at": line.closes_at}
    dates = {"valid_from": line.valid_from, "valid_to": line.valid_to}
    schedule |= {name: value.isoformat() for name, value in (times | dates).items() if value}
    if line.notes:
        schedule["notes"] = line.notes
    return schedule


def _cost_option(price: CostOption, sid: str, number: int) -> dict[str, Any]:
    option: dict[str, Any] = {"id": made_up_id(sid, "cost", str(number)), "service_id": sid}
    words = {"option": price.option, "amount_description": price.amount_description}
    option |= {name: value for name, value in words.items() if value}
    if price.amount is not None:
        option["amount"] = float(price.amount)
    dates = {"valid_from": price.valid_from, "valid_to": price.valid_to}
    option |= {name: value.isoformat() for name, value in dates.items() if value}
    return option


NESTED_KEYS = [
    "contacts",
    "schedules",
    "service_areas",
    "cost_options",
    "service_at_locations",
    "attributes",
]
# The resources `_location` gives a place: a complete address that is not confidential, or
# words on how accessible it is.
LOCATED = (
    (~Q(address_line_1="") & ~Q(town="") & ~Q(postcode="") | ~Q(place_name=""))
    & Q(address_confidential=False)
) | ~Q(accessibility="")


def _complete_address(resource: CommunityResource | Place) -> bool:
    """Whether the address has every part the profile requires of one (a county it may do
    without: the city stands in for it)."""
    return all([resource.address_line_1, resource.town, resource.postcode])


def _partial_address(resource: CommunityResource) -> str:
    """An address short of what the profile requires, as the words of a term of our own: its
    parts, one a line, in a fixed order, so that it reads back exactly."""
    if resource.address_confidential or _complete_address(resource):
        return ""
    parts = [getattr(resource, name) for name in ADDRESS_FIELDS]
    if not any(parts[:-1]):
        return ""
    return "\n".join(f"{label}: {part}" for label, part in zip(PARTS, parts, strict=True))


def _location(resource: CommunityResource, sid: str) -> dict | None:
    """The resource's own place: its address, name and point unless confidential, and how
    accessible it is. With places besides, it is there even with none of these, so that an
    import knows it (by its id) for the resource's own."""
    shown = not resource.address_confidential
    addressed = _complete_address(resource) and shown
    named = bool(resource.place_name) and shown
    if not (addressed or named or resource.accessibility or _places(resource)):
        return None
    return _place(
        resource,
        made_up_id(sid, "location"),
        name=resource.place_name if named else "",
        addressed=addressed,
        address_id=made_up_id(sid, "address"),
        access_id=made_up_id(sid, "accessibility"),
    )


def _places(resource: CommunityResource) -> list[Place]:
    """The resource's other places that may be published: not a confidential one."""
    return [place for place in resource.places.all() if not place.confidential]


def _place(
    place: CommunityResource | Place,
    location_id: str,
    *,
    name: str,
    addressed: bool,
    address_id: str,
    access_id: str,
) -> dict[str, Any]:
    location: dict[str, Any] = {"id": location_id, "location_type": "physical"}
    if name:
        location["name"] = name
    if addressed:
        # The profile has no second line: a place's goes on the first, after a comma (the
        # resource's own travels as a term of ours).
        first = place.address_line_1
        if isinstance(place, Place) and place.address_line_2:
            first = f"{first}, {place.address_line_2}"
        address = {
            "id": address_id,
            "location_id": location_id,
            "address_1": first,
            "city": place.town,
            # Required by the profile: without a county, the city again (read back as none).
            "state_province": place.county or place.town,
            "postal_code": place.postcode,
            "country": place.country,
            "address_type": "physical",
        }
        location["addresses"] = [address]
    if addressed and place.latitude is not None and place.longitude is not None:
        location["latitude"] = float(place.latitude)
        location["longitude"] = float(place.longitude)
    if place.accessibility:
        access = {"id": access_id, "location_id": location_id}
        location["accessibility"] = [access | {"description": place.accessibility}]
    return location


def _other_locations(resource: CommunityResource, sid: str) -> list[dict]:
    """The resource's other places, each a location."""
    locations = []
    for number, place in enumerate(_places(resource)):
        key = f"place {number}"
        location = _place(
            place,
            made_up_id(sid, key),
            name=place.name,
            addressed=_complete_address(place),
            address_id=made_up_id(sid, key, "address"),
            access_id=made_up_id(sid, key, "accessibility"),
        )
        link = {"id": made_up_id(sid, key, "at-location"), "service_id": sid}
        locations.append(link | {"location_id": location["id"], "location": location})
    return locations


def _terms(resource: CommunityResource, sid: str) -> list[dict]:
    own = [
        term(taxonomy, choices(getattr(resource, name)).label, code=getattr(resource, name))
        for taxonomy, (name, choices) in OWN_TAXONOMIES.items()
    ]
    ways = [
        term(WAYS_TO_GIVE_TAXONOMY, CommunityResource.WayToGive(way).label, code=way)
        for way in resource.ways_to_give
    ]
    if partial := _partial_address(resource):
        ways.append(
            {
                "id": made_up_id(sid, PARTIAL_ADDRESS_TAXONOMY.lower()),
                "name": "Address in part",
                "description": partial,
                "taxonomy": PARTIAL_ADDRESS_TAXONOMY,
                "taxonomy_id": taxonomy_id(PARTIAL_ADDRESS_TAXONOMY),
            }
        )
    for taxonomy, (name, label) in TEXT_TAXONOMIES.items():
        words = getattr(resource, name)
        if name == "address_line_2" and not _complete_address(resource):
            continue  # in the address in part
        if not words or (name in ADDRESS_FIELDS and resource.address_confidential):
            continue
        ways.append(
            {
                "id": made_up_id(sid, taxonomy.lower()),
                "name": label,
                "description": words,
                "taxonomy": taxonomy,
                "taxonomy_id": taxonomy_id(taxonomy),
            }
        )
    for number, language in enumerate(resource.languages.all()):
        spoken = term(
            LANGUAGES_TAXONOMY,
            language.name,
            term_id=made_up_id(sid, "language", str(number)),
            code=language.code,
        )
        ways.append(spoken | {"description": language.note or language.name})
    if resource.address_confidential:
        own.append(term(CONFIDENTIAL_TAXONOMY, "Address given on introduction", code=CONFIDENTIAL))
    categories = [category_term(category) for category in resource.categories.all()]
    return own + ways + categories


# In: a service as the fields of a resource, checked by the resource's own rules.


@dataclass
class ResourceData:
    service_id: str
    # Every field, defaults for what the service does not carry: what a new resource gets.
    fields: dict
    categories: list[tuple[str, str]]  # (term id, name)
    origin: Origin
    problems: list[Problem] = field(default_factory=list)
    # The fields the service carries: all that an update of a resource changes.
    carried: frozenset[str] = frozenset()
    categories_carried: bool = True
    # The lines of each kind the resource holds several of ("opening_hours"), as each line's
    # fields: only the kinds the service carries, which an import replaces.
    lines: dict[str, list[dict]] = field(default_factory=dict)
    # What the service's terms say of each category beyond its name, by the term's id.
    category_details: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def update(self) -> dict:
        """The fields an update of the resource sets: only those the service carries."""
        return {name: value for name, value in self.fields.items() if name in self.carried}


# The resource's fields read from what a service holds lists of, by the keys they come from.
# A service that does not carry any of a field's keys (a page of /services carries none of
# them) leaves the field as the directory holds it; a key with an empty list empties it.
FROM_NESTED = {
    ("contacts",): ["contact_name"],
    ("contacts", "phones"): ["phone"],
    ("schedules",): ["opening_times"],
    ("service_areas",): ["area"],
    ("cost_options", "fees"): ["cost", "cost_detail"],
    ("service_at_locations",): [*PLACE_FIELDS, "place_name"],
    ("attributes",): ["asset_type", "how_to_access", "ways_to_give", "how_to_give"],
    ("organization",): ["organisation", "organisation_external_id"],
}


@dataclass(frozen=True)
class Lines:
    """A kind of line a resource holds several of: its model, and the keys of a service that
    carry it."""

    model: type[models.Model]
    keys: tuple[str, ...]
    # A field that, true, marks a line an import never takes away nor compares: what only
    # the directory's own pages may change (a confidential place).
    kept_if: str = ""


# Each kind, by the resource's name for its lines.
LINES = {
    "opening_hours": Lines(OpeningTime, ("schedules",)),
    "cost_options": Lines(CostOption, ("cost_options",)),
    "contacts": Lines(Contact, ("contacts",)),
    "languages": Lines(Language, ("languages", "attributes")),
    "service_areas": Lines(ServiceArea, ("service_areas",)),
    "places": Lines(Place, ("service_at_locations",), kept_if="confidential"),
}
# One-to-one fields that a page of /services does not list: a service with none of the lists
# above is taken for a listed one, and leaves these as they are unless it has them.
NOT_LISTED = {"eligibility_description": ["who_for"]}


def resource_from_service(service: dict, notes: Counter) -> ResourceData:
    """What the service says, as a resource's fields; `notes` counts what was left out."""
    found = _Found(service)
    if not service["name"].strip():
        found.problems.append(service[ORIGIN].problem("name", "Empty: every service needs a name"))
    found.take("name", service, "name")
    found.take("description", service, "description")
    found.take("website", service, "url")
    found.take("email", service, "email")
    found.fields["status"] = (
        CommunityResource.Status.ACTIVE
        if service["status"] == ACTIVE
        else CommunityResource.Status.ARCHIVED
    )
    found.fields["last_verified"] = found.date(service, "assured_date")
    organisation = service.get("organization")
    if organisation and organisation["id"] != _own_organisation_id(service["id"]):
        found.take("organisation", organisation, "name")
        if organisation["id"] != _organisation_id(organisation["name"].strip()):
            found.take("organisation_external_id", organisation, "id")
    _read_contacts(service, found)
    _read_schedules(service, found)
    _read_languages(service, found)
    _read_areas(service, found)
    found.take("who_for", service, "eligibility_description")
    found.ages(service)
    _read_costs(service, found)
    _read_location(service, found, notes)
    categories = _read_terms(service, found)
    not_carried = {
        name
        for keys, names in FROM_NESTED.items()
        if not any(key in service for key in keys)
        for name in names
    }
    if not any(key in service for key in NESTED_KEYS):
        not_carried |= {
            name for key, names in NOT_LISTED.items() if key not in service for name in names
        }
    if found.fields.get("address_confidential") and not _has_address(service):
        # An export leaves a confidential address out: what the directory holds is kept.
        not_carried |= {*ADDRESS_FIELDS, *COORDINATES, "place_name"}
    return ResourceData(
        service["id"],
        found.fields,
        categories,
        service[ORIGIN],
        found.problems,
        carried=frozenset(found.fields) - not_carried,
        categories_carried="attributes" in service,
        lines={
            relation: lines
            for relation, lines in found.lines.items()
            if any(key in service for key in LINES[relation].keys)
        },
        category_details=found.category_details,
    )


class _Found:
    """The fields read so far, each checked where it was read, so a problem says where."""

    def __init__(self, service: dict):
        self.service = service
        # What the service does not say is empty, so an update clears what it no longer says.
        self.fields: dict = dict.fromkeys(TEXT_FIELDS, "") | {
            "asset_type": CommunityResource.AssetType.ASSOCIATIONS,
            "how_to_access": CommunityResource.Access.SELF_REFERRAL,
            "ways_to_give": [],
            "minimum_age": None,
            "maximum_age": None,
            "latitude": None,
            "longitude": None,
            "country": UK_CODE,
        }
        self.problems: list[Problem] = []
        self.lines: dict[str, list[dict]] = {relation: [] for relation in LINES}
        self.category_details: dict[str, dict[str, str]] = {}

    def amount(self, node: dict) -> Decimal | None:
        """A price in pounds, to the penny."""
        value = node.get("amount")
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problems.append(node[ORIGIN].problem("amount", "Must be a number, like 4.50"))
            return None
        if not -(10**8) < value < 10**8:
            message = "Must be less than 100,000,000"
            self.problems.append(node[ORIGIN].problem("amount", message))
            return None
        return Decimal(str(value)).quantize(Decimal("0.01"))

    def time(self, node: dict, key: str) -> datetime.time | None:
        if not node.get(key):
            return None
        try:
            return datetime.time.fromisoformat(str(node[key]).strip())
        except ValueError:
            self.problems.append(node[ORIGIN].problem(key, "Must be a time, like 10:00:00"))
            return None

    def point(self, location: dict, notes: Counter) -> None:
        """The place's latitude and longitude, each a number of degrees. A point off the Earth
        (the standard's own examples have one) is left out, and the report says so."""
        values = []
        for name in COORDINATES:
            value = location[name]
            if isinstance(value, str):
                with contextlib.suppress(ValueError):  # then said to be no number below
                    value = float(value)
            if isinstance(value, bool) or not isinstance(value, int | float):
                message = "Must be a number of degrees, like 53.8008"
                self.problems.append(location[ORIGIN].problem(name, message))
                return
            values.append(value)
        latitude, longitude = values
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            notes[
                "a latitude or longitude that is off the Earth: the place's point was not kept"
            ] += 1
            return
        for name, value in zip(COORDINATES, values, strict=True):
            self.fields[name] = Decimal(str(round(value, 6)))

    def country(self, address: dict) -> None:
        """The address's country as two capital letters: "GB" for any way of saying the UK."""
        given = str(address.get("country", "")).strip()
        if _in_the_uk(address):
            self.fields["country"] = UK_CODE
        elif len(given) == 2 and given.isascii() and given.isalpha():
            self.fields["country"] = given.upper()
        else:
            message = f"Must be a country's two-letter code, like GB or IE, not {given[:40]!r}"
            self.problems.append(address[ORIGIN].problem("country", message))

    def ages(self, service: dict) -> None:
        """The age range, in whole years (the resource's), the youngest first."""
        for name in ["minimum_age", "maximum_age"]:
            value = service.get(name)
            if value is None or value == "":
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                message = "Must be a number of years, like 18"
            elif value != int(value) or not 0 <= value <= MOST_YEARS:
                message = f"Must be a whole number of years from 0 to {MOST_YEARS}"
            else:
                self.fields[name] = int(value)
                continue
            self.problems.append(service[ORIGIN].problem(name, message))
        low, high = self.fields["minimum_age"], self.fields["maximum_age"]
        if low is not None and high is not None and low > high:
            message = f"Must not be less than minimum_age ({low})"
            self.problems.append(service[ORIGIN].problem("maximum_age", message))

    def take(self, name: str, node: dict, key: str) -> None:
        """Sets field `name` from `node[key]`, checked against the resource's rules."""
        value = node.get(key, "")
        value = value.strip() if isinstance(value, str) else value
        uk_postcode = name == "postcode" and _in_the_uk(node)
        if uk_postcode and value:
            value = normalise_postcode(value)
        if message := _broken(name, value, uk_postcode=uk_postcode):
            self.problems.append(node[ORIGIN].problem(key, message))
        else:
            self.fields[name] = value

    def put(self, name: str, value: str) -> None:
        """Sets a field made from several values; a problem is reported at the service."""
        self.take(name, {name: value, ORIGIN: self.service[ORIGIN]}, name)

    def date(self, node: dict, key: str) -> datetime.date | None:
        if not node.get(key):
            return None
        try:
            return datetime.date.fromisoformat(node[key][:10])
        except ValueError:
            self.problems.append(node[ORIGIN].problem(key, "Must be a date, like 2025-03-31"))
            return None


def _in_the_uk(address: dict) -> bool:
    return str(address.get("country", "")).strip().upper() in UK


def _broken(name: str, value, *, uk_postcode: bool = False) -> str:
    """What is wrong with a value for the resource's field `name`, or nothing."""
    if value in ("", None):
        return ""
    model_field = CommunityResource._meta.get_field(name)
    assert isinstance(model_field, models.Field)  # one of the resource's own columns
    if model_field.max_length and len(value) > model_field.max_length:
        return f"Must be {model_field.max_length} characters or fewer (it has {len(value)})"
    try:
        model_field.run_validators(value)
        if uk_postcode:
            validate_postcode(value)
    except ValidationError as error:
        return error.messages[0]
    return ""


def _read_contacts(service: dict, found: _Found) -> None:
    """The resource's own contact is ours (an export of this app names it by its id); every
    other is a contact of its own, with its name and job title."""
    contacts = service.get("contacts", [])
    ours_id = made_up_id(str(service["id"]), "contact")
    ours = next((c for c in contacts if c.get("id") == ours_id), None)
    if ours:
        found.take("contact_name", ours, "name")
    for contact in contacts:
        other = {name: str(contact.get(name) or "").strip() for name in CONTACT_FIELDS}
        if contact is ours or not any(other.values()):
            continue  # a contact that is only phones gives the resource its phone
        if broken := _broken_line(Contact, other):
            found.problems.append(contact[ORIGIN].problem(*broken))
        found.lines["contacts"].append(other)
    # HSDS 3.0 keeps phones on contacts, and also on the service and its locations.
    holders = [*contacts, service] + [
        link["location"] for link in service.get("service_at_locations", []) if "location" in link
    ]
    phones = [phone for holder in holders for phone in holder.get("phones", []) or []]
    if phone := next((p for p in phones if isinstance(p, dict) and p.get("number")), None):
        found.take("phone", phone, "number")


def _read_areas(service: dict, found: _Found) -> None:
    """Ours (an export of this app names it by its id) is the resource's area; every other is
    an area of its own."""
    ours_id = made_up_id(str(service["id"]), "area")
    for area in service.get("service_areas", []):
        if area.get("id") == ours_id:
            found.take("area", area, "name")
            continue
        served = {name: str(area.get(name) or "").strip() for name in AREA_FIELDS}
        if not any(served.values()):
            continue
        if broken := _broken_line(ServiceArea, served):
            found.problems.append(area[ORIGIN].problem(*broken))
        found.lines["service_areas"].append(served)


def _read_languages(service: dict, found: _Found) -> None:
    """HSDS 3.0's languages (the UK profile keeps none by name: ours come as terms)."""
    for language in service.get("languages", []):
        if language.get("name"):
            _read_language(language, found, {})


def _read_language(language: dict, found: _Found, keys: dict[str, str]) -> None:
    spoken = {name: str(language.get(name) or "").strip() for name in ["name", "code", "note"]}
    if spoken["note"] == spoken["name"]:
        spoken["note"] = ""  # ours: a term's words are its name when it has no note
    if broken := _broken_line(Language, spoken, keys):
        found.problems.append(language[ORIGIN].problem(*broken))
    found.lines["languages"].append(spoken)


def _read_schedules(service: dict, found: _Found) -> None:
    """A weekly schedule is a line of the opening times; any other, and a schedule's words,
    are kept in words."""
    words = []
    for schedule in service.get("schedules", []):
        days = _weekly_days(schedule)
        if days is None:
            words.append(_schedule_text(schedule))
            continue
        line = {
            "days": days,
            "opens_at": found.time(schedule, "opens_at"),
            "closes_at": found.time(schedule, "closes_at"),
            "valid_from": found.date(schedule, "valid_from"),
            "valid_to": found.date(schedule, "valid_to"),
            "notes": str(schedule.get("notes", "")).strip(),
        }
        if message := _broken_line(OpeningTime, line, {"days": "byday"}):
            found.problems.append(schedule[ORIGIN].problem(*message))
        found.lines["opening_hours"].append(line)
        if schedule.get("description"):
            words.append(str(schedule["description"]).strip())
    found.put("opening_times", "\n".join(dict.fromkeys(words)))


def _weekly_days(schedule: dict) -> str | None:
    """The days of a weekly schedule with a time ("MO,TU", in the week's order), or None for a
    schedule that is not one: on days of the month, or only words."""
    codes = [code.strip().upper() for code in str(schedule.get("byday", "")).split(",")]
    codes = [code for code in codes if code]
    weekly = str(schedule.get("freq", "") or WEEKLY).upper() == WEEKLY
    timed = schedule.get("opens_at") or schedule.get("closes_at")
    monthly = schedule.get("bymonthday")
    if not (weekly and timed and codes) or monthly or not set(codes) <= set(WEEK):
        return None
    return ",".join(code for code in WEEK if code in codes)


def _broken_line(
    model: type[models.Model], line: dict, keys: dict[str, str] | None = None
) -> tuple[str, str] | None:
    """The first of a line's fields that breaks its model's rules, and what is wrong: named by
    the key it came from, `keys` giving those not named as the model's fields are."""
    keys = keys or {}
    for name, value in line.items():
        model_field = model._meta.get_field(name)
        assert isinstance(model_field, models.Field)  # one of the line's own columns
        if (
            isinstance(value, str)
            and model_field.max_length
            and len(value) > model_field.max_length
        ):
            return (
                keys.get(name, name),
                f"Must be {model_field.max_length} characters or fewer (it has {len(value)})",
            )
    try:
        model(**line).clean()
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        return keys.get(name, name), messages[0]
    return None


def _schedule_text(schedule: dict) -> str:
    """A schedule in words: its own, then what its fields say."""
    codes = [code.strip() for code in schedule.get("byday", "").split(",") if code.strip()]
    days = [DAYS.get(code.upper(), code) for code in codes]
    opens, closes = schedule.get("opens_at", "")[:5], schedule.get("closes_at", "")[:5]
    parts = [
        " and ".join([", ".join(days[:-1]), days[-1]] if len(days) > 1 else days),
        f"on day {schedule['bymonthday']} of the month" if schedule.get("bymonthday") else "",
        f"{opens} to {closes}" if opens and closes else opens or closes,
        f"from {schedule['valid_from'][:10]}" if schedule.get("valid_from") else "",
        f"until {schedule['valid_to'][:10]}" if schedule.get("valid_to") else "",
        schedule.get("notes", ""),
    ]
    said = " ".join(str(part).strip() for part in parts if part)
    return "\n".join(
        words for words in [str(schedule.get("description", "")).strip(), said] if words
    )


def _read_costs(service: dict, found: _Found) -> None:
    """Ours (an export of this app names it by its id) is what the resource costs in our
    words; every other option is a price of its own, and says what it costs when ours is
    not there."""
    options = service.get("cost_options", [])
    ours_id = made_up_id(str(service["id"]), "cost")
    ours = next((option for option in options if option.get("id") == ours_id), None)
    for option in options:
        if option is ours:
            continue
        price = {
            "option": str(option.get("option") or "").strip(),
            "amount": found.amount(option),
            "amount_description": str(option.get("amount_description") or "").strip(),
            "valid_from": found.date(option, "valid_from"),
            "valid_to": found.date(option, "valid_to"),
        }
        if broken := _broken_line(CostOption, price):
            found.problems.append(option[ORIGIN].problem(*broken))
        found.lines["cost_options"].append(price)
    if ours is not None:
        label = str(ours.get("option", "")).strip().lower()
        found.fields["cost"] = COST_BY_LABEL.get(label, CommunityResource.Cost.UNKNOWN)
        found.take("cost_detail", ours, "amount_description")
        return
    found.fields["cost"], cost_detail = _cost(service)
    # The prices keep their own words.
    found.put("cost_detail", "" if found.lines["cost_options"] else cost_detail)


def _cost(service: dict) -> tuple[str, str]:
    """The cost, from the options when there are any, else from the fees in words."""
    by_label = COST_BY_LABEL
    options = service.get("cost_options", [])
    details = "; ".join(o["amount_description"] for o in options if o.get("amount_description"))
    for option in options:
        if cost := by_label.get(str(option.get("option", "")).strip().lower()):
            return cost, details
    amounts = [option["amount"] for option in options if option.get("amount") is not None]
    if amounts:
        shown = details or ", ".join(f"£{amount:.2f}" for amount in amounts)
        cost = CommunityResource.Cost.PAID if max(amounts) > 0 else CommunityResource.Cost.FREE
        return cost, shown
    fees = service.get("fees", "").strip()
    if not fees:
        return CommunityResource.Cost.UNKNOWN, details
    free = fees.lower().startswith("free") or fees.lower() in {"none", "no charge", "£0"}
    return (CommunityResource.Cost.FREE if free else CommunityResource.Cost.PAID), fees


def _read_location(service: dict, found: _Found, notes: Counter) -> None:
    """The main place is the resource's own address; every other is a place of its own."""
    locations = _locations(service)
    main = _main_location(service)
    if main is not None:
        _read_place(main, found, notes)
        found.take("place_name", main, "name")
    for location in locations:
        if location is main:
            continue
        part = _Found(service)
        _read_place(location, part, notes)
        found.problems += part.problems
        place = {name: part.fields[name] for name in PLACE_FIELDS}
        place["name"] = str(location.get("name") or "").strip()
        if broken := _broken_line(Place, place):
            found.problems.append(location[ORIGIN].problem(*broken))
        found.lines["places"].append(place)


def _locations(service: dict) -> list[dict]:
    return [
        link["location"] for link in service.get("service_at_locations", []) if "location" in link
    ]


def _main_location(service: dict) -> dict | None:
    """The place whose address is the resource's own: ours (an export of this app names it),
    else the first with an address, else the first."""
    locations = _locations(service)
    ours = made_up_id(str(service["id"]), "location")
    return (
        next((location for location in locations if location.get("id") == ours), None)
        or next((location for location in locations if location.get("addresses")), None)
        or next(iter(locations), None)
    )


def _read_place(location: dict, found: _Found, notes: Counter) -> None:
    """A location's address (its physical one, else its first), point and accessibility, as
    the fields of a resource or a place."""
    addresses = location.get("addresses") or []
    if addresses:
        address = next((a for a in addresses if a["address_type"] == "physical"), addresses[0])
        for name, key in [
            ("address_line_1", "address_1"),
            ("address_line_2", "address_2"),
            ("town", "city"),
            ("county", "state_province"),
            ("postcode", "postal_code"),
        ]:
            found.take(name, address, key)
        if found.fields["county"] and found.fields["county"] == found.fields["town"]:
            found.fields["county"] = ""
        found.country(address)
    if _has_point(location):
        found.point(location, notes)
    texts = [
        text
        for entry in location.get("accessibility") or []
        for text in [entry.get("description", ""), entry.get("details", "")]
        if text
    ]
    if texts:
        found.take(
            "accessibility",
            {"accessibility": "\n".join(dict.fromkeys(texts)), ORIGIN: location[ORIGIN]},
            "accessibility",
        )


def _has_point(location: dict) -> bool:
    return all(location.get(name) not in (None, "") for name in COORDINATES)


def _has_address(service: dict) -> bool:
    """Whether the service's main place has an address."""
    main = _main_location(service)
    return bool(main and main.get("addresses"))


def _read_terms(service: dict, found: _Found) -> list[tuple[str, str]]:
    """Sets the kind of asset, how to get to it and how people can give from this app's own
    taxonomies.

    Terms of any other taxonomy are the resource's categories."""
    categories: dict[str, str] = {}
    ways: set[str] = set()
    for attribute in service.get("attributes", []):
        taxonomy_term = attribute.get("taxonomy_term")
        if not taxonomy_term:
            continue
        taxonomy = taxonomy_term.get("taxonomy", "")
        if taxonomy == WAYS_TO_GIVE_TAXONOMY:
            ways.add(taxonomy_term.get("term", ""))
            continue
        if taxonomy in TEXT_TAXONOMIES:
            found.take(TEXT_TAXONOMIES[taxonomy][0], taxonomy_term, "description")
            continue
        if taxonomy == LANGUAGES_TAXONOMY:
            note = str(taxonomy_term.get("description") or "").strip()
            spoken = {
                "name": taxonomy_term["name"],
                "code": taxonomy_term.get("term"),
                "note": note,
            }
            _read_language(
                spoken | {ORIGIN: taxonomy_term[ORIGIN]},
                found,
                {"code": "term", "note": "description"},
            )
            continue
        if taxonomy == PARTIAL_ADDRESS_TAXONOMY:
            lines = str(taxonomy_term.get("description", "")).split("\n")
            labelled = [line.partition(":") for line in lines]
            if [label for label, _, _ in labelled] == PARTS:
                parts = dict(zip(ADDRESS_FIELDS, (p.strip() for _, _, p in labelled), strict=True))
                address = parts | {ORIGIN: taxonomy_term[ORIGIN]}
                for name in ADDRESS_FIELDS[:-1]:
                    found.take(name, address, name)
                found.country(address)
            continue
        if taxonomy == CONFIDENTIAL_TAXONOMY and taxonomy_term.get("term") == CONFIDENTIAL:
            # Set by an import, never cleared by one: only the resource's own page clears it.
            found.fields["address_confidential"] = True
            continue
        own = OWN_TAXONOMIES.get(taxonomy)
        if own:
            name, choices = own
            code = taxonomy_term.get("term", "")
            if code in CODES[choices]:
                found.fields[name] = code
            continue
        if message := _broken_category(taxonomy_term["name"]):
            found.problems.append(taxonomy_term[ORIGIN].problem("name", message))
            continue
        name = taxonomy_term["name"].strip()
        details = _category_details(taxonomy_term)
        if broken := _broken_line(Category, details, {"code": "term", "uri": "term_uri"}):
            found.problems.append(taxonomy_term[ORIGIN].problem(*broken))
            continue
        categories.setdefault(taxonomy_term["id"], name)
        found.category_details.setdefault(taxonomy_term["id"], details)
    found.fields["ways_to_give"] = [w for w in CODES[CommunityResource.WayToGive] if w in ways]
    return list(categories.items())


def _category_details(taxonomy_term: dict) -> dict[str, str]:
    """What a directory published of a term beyond its name, as a category's fields."""
    name = taxonomy_term["name"].strip()
    description = str(taxonomy_term.get("description") or "").strip()
    details = {
        "taxonomy": str(taxonomy_term.get("taxonomy") or "").strip(),
        "code": str(taxonomy_term.get("term") or taxonomy_term.get("code") or "").strip(),
        "description": "" if description == name else description,
        "uri": str(taxonomy_term.get("term_uri") or "").strip(),
    }
    return details


def _broken_category(name: str) -> str:
    longest = Category._meta.get_field("name").max_length
    assert longest is not None  # a CharField's
    if not name.strip():
        return "A category needs a name"
    return (
        f"Must be {longest} characters or fewer (it has {len(name)})" if len(name) > longest else ""
    )
