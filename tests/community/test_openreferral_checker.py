"""The quick check of Open Referral UK data (the schema compiled by fastjsonschema) never
passes what jsonschema, whose word is the last, would refuse: tried on the published
examples and on services and rows broken in every way a file can break them."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from community.openreferral.tables import row_validator, service_validator

from .openreferral_data import sample_services

PUBLISHED = [
    "uk-profile/service_full.json",
    "hsds-3.0/service_full.json",
    "oruk-validator/V3.0-UK-Fail/service_full.json",
]
# Values of every JSON type, and strings that are nearly a date, a time, an email address, a
# UUID or a web address.
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [
            "",
            "2025-02-30",
            "2025-02-28",
            "2025-02-28T10:00:00Z",
            "10:00:00",
            "25:00:00",
            "name@example",
            "name@example.org",
            "not an email",
            "3f7b145d-84af-42d7-8fae-eaca714b02b2",
            "3f7b145d-84af-42d7-8fae-eaca714b02b",
            "3f7b145d-84af-42d7-8fae-eaca714b02b2\n",
            "{3f7b145d-84af-42d7-8fae-eaca714b02b2}",
            "3F7B145D-84AF-42D7-8FAE-EACA714B02B2",
            "http://example.com",
            "example.com",
            "active",
            "WEEKLY",
            "sometimes",
        ]
    ),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _paths(node, path=()):
    """Every place in a service a value sits, as a path of keys and indexes."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _put(service, path, value):
    node = service
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def agree(checker, data) -> None:
    quick_passes = True
    try:
        checker.quick(data)
    except Exception:  # fastjsonschema's own error
        quick_passes = False
    full_errors = list(checker.full.iter_errors(data))
    assert quick_passes == (not full_errors), (quick_passes, [e.message for e in full_errors])


@pytest.mark.parametrize("name", PUBLISHED)
def test_the_two_checks_agree_on_the_published_examples(name):
    from pathlib import Path

    path = Path(__file__).parent / "published" / name
    agree(service_validator(), json.loads(path.read_text()))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_two_checks_agree_on_a_service_broken_anywhere(data):
    service = sample_services()[0]
    paths = [path for path in _paths(service) if path]
    for path in data.draw(st.lists(st.sampled_from(paths), min_size=1, max_size=3)):
        try:
            _put(service, path, data.draw(VALUES))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change took that place away
    agree(service_validator(), service)


@settings(max_examples=200, deadline=None)
@given(
    row=st.dictionaries(
        st.sampled_from(["id", "byday", "opens_at", "valid_from", "freq", "service_id", "notes"]),
        VALUES,
    )
)
def test_the_two_checks_agree_on_a_row(row):
    agree(row_validator("schedule"), row)
