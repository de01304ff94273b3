"""What an import does not keep of a service, by field: nothing is lost in silence.

The directory keeps a resource's own fields (`mapping` reads them); whatever
else a council publishes (a service's other name, a place's coordinates, a
contact's job title, a second contact) is listed in the import's report, per
service and field, so that the administrator knows what the directory holds
and what it does not.
"""

from collections import Counter

from .reading import ORIGIN

# What `mapping.resource_from_service` reads, as paths through the nested service (list
# indexes left out). A weekly schedule is a line of the opening times; any other is kept in
# words, made of these.
KEPT = {
    "name",
    "description",
    "url",
    "email",
    "status",
    "assured_date",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "fees",
    "organization.name",
    "contacts.name",
    "languages.name",
    "languages.code",
    "languages.note",
    "contacts.title",
    "contacts.phones.number",
    "phones.number",
    "schedules.description",
    "schedules.byday",
    "schedules.bymonthday",
    "schedules.opens_at",
    "schedules.closes_at",
    "schedules.notes",
    "schedules.valid_from",
    "schedules.valid_to",
    "schedules.freq",
    "service_areas.name",
    "service_areas.extent",
    "service_areas.extent_type",
    "service_areas.uri",
    "cost_options.option",
    "cost_options.amount",
    "cost_options.amount_description",
    "cost_options.valid_from",
    "cost_options.valid_to",
    "service_at_locations.location.addresses.address_1",
    "service_at_locations.location.addresses.address_2",
    "service_at_locations.location.addresses.city",
    "service_at_locations.location.addresses.state_province",
    "service_at_locations.location.addresses.postal_code",
    "service_at_locations.location.addresses.country",
    "service_at_locations.location.addresses.address_type",
    "service_at_locations.location.accessibility.description",
    "service_at_locations.location.accessibility.details",
    "service_at_locations.location.phones.number",
    "service_at_locations.location.location_type",
    "service_at_locations.location.name",
    "service_at_locations.location.latitude",
    "service_at_locations.location.longitude",
    "attributes.taxonomy_term.name",
    "attributes.taxonomy_term.description",
    "attributes.taxonomy_term.taxonomy",
    "attributes.taxonomy_term.term",
    "attributes.taxonomy_term.code",
    "attributes.taxonomy_term.term_uri",
}
# What says how records join, or when a directory last saved them: not data to keep.
JOINS = {"id", "link_id", "link_type", "link_entity", "last_modified", "currency"}
# Lists of which the directory keeps one: the first phone, a place's physical address (else
# its first). Every contact and every place is kept.
ONE_KEPT = {
    "phones",
    "contacts.phones",
    "service_at_locations.location.addresses",
}
# The report holds this many services' fields; the counts by field cover them all.
SERVICES_LISTED = 500


def not_kept(service: dict) -> list[str]:
    """The fields of `service` that hold something the import does not keep, in order."""
    found: dict[str, None] = {}
    _walk(service, "", found)
    organisation = service.get("organization") or {}
    if organisation.get("description") == organisation.get("name"):
        # Ours: an organisation's name as its description, which the standard requires.
        found.pop("organization.description", None)
    return list(found)


def _walk(node, path: str, found: dict[str, None]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == ORIGIN or key in JOINS or key.endswith("_id"):
                continue
            _walk(value, f"{path}.{key}" if path else key, found)
    elif isinstance(node, list):
        held = [item for item in node if item not in (None, "", [], {})]
        if path in ONE_KEPT and len(held) > 1:
            found[f"{path} (all but one)"] = None
        for item in held:
            _walk(item, path, found)
    elif node not in (None, "") and path not in KEPT:
        found[path] = None


class NotKept:
    """What was not kept, told a service at a time: for the first `SERVICES_LISTED` services,
    their file, row, name and fields; and how many services had each field."""

    def __init__(self) -> None:
        self.services: list[dict] = []
        self._counts: Counter = Counter()

    def add(self, service: dict) -> None:
        fields = not_kept(service)
        if not fields:
            return
        self._counts.update(fields)
        if len(self.services) < SERVICES_LISTED:
            origin = service[ORIGIN]
            name = str(service.get("name", ""))[:200]
            self.services.append(
                {"file": origin.file, "row": origin.row, "name": name, "fields": fields}
            )

    @property
    def by_field(self) -> dict[str, int]:
        return dict(sorted(self._counts.items(), key=lambda item: (-item[1], item[0])))
