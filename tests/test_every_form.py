"""Throws random, huge, Unicode, control-character and missing values at every form.

No form may answer with an error page, and a submission that is refused may
change nothing at all. The forms are found from each page's own HTML, so a new
field is fuzzed without anyone remembering to add it. A null character, which
PostgreSQL can neither store nor search for, also goes into every field of
every form and search, one at a time and all at once.
"""

import hashlib
import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conversations.sections import SECTIONS
from tests.test_every_url import fill

OUR_APPS = {"accounts", "people", "conversations", "networks", "community", "supervision"}
NOT_DOMAIN = {"recordview"}  # the access log grows with every page seen, by design

# (URL name, who uses it). Forms that save, then forms that search or filter.
SAVING = [
    ("people:add", "practitioner"),
    ("people:edit", "practitioner"),
    ("people:allocate", "team_lead"),
    ("people:status", "practitioner"),
    ("conversations:start", "practitioner"),
    *[(f"conversations:section/{section.slug}", "practitioner") for section in SECTIONS],
    ("conversations:check", "practitioner"),
    ("conversations:review", "team_lead"),
    ("conversations:addendum_add", "practitioner"),
    ("conversations:action_done", "practitioner"),
    ("networks:member_add", "practitioner"),
    ("networks:member_edit", "practitioner"),
    ("networks:member_end", "practitioner"),
    ("networks:note_add", "practitioner"),
    ("networks:connection_note_add", "practitioner"),
    ("community:add", "administrator"),
    ("community:edit", "administrator"),
    ("community:archive", "administrator"),
    ("community:verify", "administrator"),
    ("community:connect", "practitioner"),
    ("community:connection_edit", "practitioner"),
    ("community:open_referral", "administrator"),
    ("supervision:add", "team_lead"),
    ("accounts:session_keep_alive", "practitioner"),
    ("accounts:sign_in", None),
]
SEARCHING = [
    ("people:list", "practitioner"),
    ("community:list", "practitioner"),
    ("networks:network", "practitioner"),
    ("caseload:caseload", "team_lead"),
    ("measures:dashboard", "team_lead"),
    ("measures:csv", "team_lead"),
    ("personal_data:search", "administrator"),
    ("personal_data:search", "team_lead"),
]

ODD_VALUES = [
    "",
    " ",
    "\x00",
    "\x00\x01\x1b[31m",
    "0",
    "-1",
    "31",
    "2",
    "1900",
    "99999999999999999999",
    "on",
    "yes",
    "null",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "😀" * 50,
    "ℌ𝔢𝔩𝔩𝔬 ﻿‮ reversed",
]
values = st.one_of(
    st.text(max_size=60),
    st.sampled_from(ODD_VALUES),
    st.integers(-(10**15), 10**15).map(str),
    st.integers(1_000, 120_000).map(lambda n: "é" * n),
)
files = st.builds(
    lambda content, kind: SimpleUploadedFile(f"directory{kind}", content),
    st.binary(max_size=2_000),
    st.sampled_from([".json", ".csv", ".zip", ".txt"]),
)


def routes_by_name(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from routes_by_name(
                entry, prefix + str(entry.pattern), entry.namespace or namespace
            )
        elif isinstance(entry, URLPattern) and entry.name:
            yield (
                f"{namespace}:{entry.name}" if namespace else entry.name,
                prefix + str(entry.pattern),
            )


ROUTES = dict(routes_by_name())


def url_for(name: str, person) -> str:
    name, _, slug = name.partition("/")
    url = fill(ROUTES[name], person)
    return url.replace("/what-matters/", f"/{slug}/") if slug else url


def field_names(client, url: str) -> list[str]:
    """The names of the fields of the page's own forms (its header's sign-out form aside)."""
    page = client.get(url).content.decode()
    main = page.split('id="main-content"', 1)[-1]
    names = set(re.findall(r'<(?:input|textarea|select)[^>]*\sname="([^"]+)"', main))
    return sorted(names - {"csrfmiddlewaretoken"}) or ["unexpected", "value"]


def snapshot() -> str:
    """A fingerprint of every record the project keeps, bar the access log."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        label = model._meta
        if (
            label.app_label in OUR_APPS
            and label.model_name not in NOT_DOMAIN
            and not label.model_name.startswith("historical")
        ):
            digest.update(repr(list(model.objects.order_by("pk").values_list())).encode())
    return digest.hexdigest()


FUZZ = settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize(("name", "role"), SAVING)
def test_no_form_breaks_or_half_saves(client, request, person, name, role):
    if role:
        client.force_login(request.getfixturevalue(role))
    url = url_for(name, person)
    names = field_names(client, url)

    @FUZZ
    @given(data=st.data())
    def send(data):
        posted = data.draw(st.fixed_dictionaries({}, optional=dict.fromkeys(names, values)))
        if "files" in names:
            posted["files"] = data.draw(files)
        before = snapshot()
        response = client.post(url, posted)
        assert response.status_code < 500
        if response.status_code not in {301, 302}:
            assert snapshot() == before, f"{name} refused a submission but changed records"

    send()


@pytest.mark.parametrize(("name", "role"), SEARCHING)
def test_no_search_or_filter_breaks(client, request, person, name, role):
    client.force_login(request.getfixturevalue(role))
    url = url_for(name, person)
    names = field_names(client, url) + ["page", "sort"]

    @FUZZ
    @given(query=st.fixed_dictionaries({}, optional=dict.fromkeys(names, values)))
    def search(query):
        assert client.get(url, query).status_code < 500

    search()


NUL = "a\x00b"


@pytest.mark.parametrize(("name", "role"), SAVING)
def test_no_form_breaks_on_a_null_character_in_any_field(client, request, person, name, role):
    if role:
        client.force_login(request.getfixturevalue(role))
    url = url_for(name, person)
    names = field_names(client, url)
    for sent in [{field: NUL} for field in names] + [dict.fromkeys(names, NUL)]:
        before = snapshot()
        response = client.post(url, sent)
        assert response.status_code < 500, sent
        if response.status_code in {301, 302}:
            continue
        assert snapshot() == before, f"{name} refused {sent} but changed records"
        if "unexpected" not in names:  # a page with a form of its own says what was wrong
            page = response.content.decode()
            assert "There is a problem" in page, sent
            assert len(sent) == 1 or "govuk-error-message" in page, "no message by a field"


@pytest.mark.parametrize(("name", "role"), SEARCHING)
def test_no_search_or_filter_breaks_on_a_null_character(client, request, person, name, role):
    client.force_login(request.getfixturevalue(role))
    url = url_for(name, person)
    names = field_names(client, url) + ["page", "sort"]
    for sent in [{field: NUL} for field in names] + [dict.fromkeys(names, NUL)]:
        assert client.get(url, sent).status_code < 500, sent
