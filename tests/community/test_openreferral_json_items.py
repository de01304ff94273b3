"""Reading a JSON file a service at a time: the same services, and the same words for what is
wrong, as Python's decoder reading the whole file, wherever the pieces happen to break."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from community.openreferral import json_items as module
from community.openreferral.json_items import NotJson, TooLong, json_items


def read(text: str, piece: int = 3) -> list[tuple[object, int]]:
    """The items of `text`, read `piece` characters at a time."""
    chunks = (text[start : start + piece] for start in range(0, len(text), piece))
    return [(item.value, item.depth) for item in json_items(chunks, json.JSONDecoder)]


def whole_error(text: str) -> str:
    with pytest.raises(json.JSONDecodeError) as error:
        json.loads(text)
    return f"{error.value.msg} (line {error.value.lineno}, column {error.value.colno})"


@pytest.mark.parametrize("piece", [1, 2, 7, 1000])
def test_it_reads_a_page_a_list_and_one_service_as_the_whole_file_would(piece):
    services = [{"id": "1", "name": "Lunch club", "minimum_age": 60}, {"id": "2", "name": "Choir"}]
    page = {"total_items": 2, "contents": services, "last_page": True}
    assert read(json.dumps(page, indent=2), piece) == [(s, 2) for s in services]
    assert read(json.dumps(services), piece) == [(s, 1) for s in services]
    assert read(json.dumps(services[0]), piece) == [(services[0], 0)]
    assert read("[]", piece) == [] and read('{"contents": []}', piece) == []
    # Not a page: the object whole, for the reader to say what is wrong with it.
    assert read('{"contents": {"a": 1}}', piece) == [({"contents": {"a": 1}}, 0)]
    assert read("  12345  ", piece) == [(12345, 0)]


@pytest.mark.parametrize("piece", range(1, 12))
def test_a_number_broken_between_pieces_is_read_whole(piece):
    text = "[12345678, 3.25e10, true, 0.0, -1e-5]"
    assert read(text, piece) == [(item, 1) for item in json.loads(text)]


@pytest.mark.parametrize(
    "text",
    [
        '{"contents": [',
        '{"contents": [{"id": "1"},\n {"id": "2"}\n\n  {"id": "3"}]}',
        '[{"id": "1"}, ]',
        '[{"id": "1"}] [',
        '{"contents": [], "total": }',
        '{"contents" []}',
        "{'contents': []}",
        '[{"id": "1",\n "name": "Lunch\nclub"}]',
        "",
        "\n\n   ",
    ],
)
def test_what_is_wrong_is_said_where_the_whole_file_would_say_it(text):
    with pytest.raises(NotJson) as error:
        read(text, piece=4)
    assert str(error.value) == whole_error(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, database=None)
@given(
    items=st.lists(json_values, max_size=5),
    paged=st.booleans(),
    indent=st.sampled_from([None, 1, 4]),
    piece=st.integers(min_value=1, max_value=40),
    cut=st.integers(min_value=0),
)
def test_any_list_or_page_reads_as_the_whole_file_would(items, paged, indent, piece, cut):
    data = {"contents": items} if paged else items
    text = json.dumps(data, indent=indent)
    assert read(text, piece) == [(item, 2 if paged else 1) for item in items]
    # Cut short anywhere, it is wrong where Python's decoder says it is.
    cut_short = text[: cut % max(len(text), 1)]
    with pytest.raises(NotJson) as error:
        read(cut_short, piece)
    assert str(error.value) == whole_error(cut_short)


def test_a_value_longer_than_any_service_is_refused_without_reading_on(monkeypatch):
    monkeypatch.setattr(module, "MAX_VALUE_CHARS", 100)
    monkeypatch.setattr(module, "CHUNK", 10)
    read_so_far = []

    def pieces():
        for piece in ['[{"name": "', "x" * 60, "x" * 60, "x" * 60, "x" * 6000]:
            read_so_far.append(piece)
            yield piece

    with pytest.raises(TooLong):
        list(json_items(pieces(), json.JSONDecoder))
    assert len(read_so_far) < 5
