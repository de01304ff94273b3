"""Throws random, huge, Unicode, control-character and missing values at every form.

No form may answer with an error page, and a submission that is refused may
change nothing at all. Each form's fields are read from the form itself, as the
page that shows it renders it, so a new field is fuzzed without anyone
remembering to add it; a form that cannot be found fails rather than being
fuzzed blind. The forms the pages show are listed by a test of their own
(`test_it_fuzzes_every_form_the_pages_show`), so a new form shows up in review.
A null character, which PostgreSQL can neither store nor search for, also goes
into every field of every form and search, one at a time and all at once.
"""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import RecordView  # the access log grows with every page seen, by design
from conversations.sections import SECTIONS
from tests.test_every_url import PageForms, database_rows, fill

# The project's own apps: those in its folder, not installed into .venv.
OUR_APPS = {
    config.label
    for config in apps.get_app_configs()
    if Path(config.path).is_relative_to(django_settings.BASE_DIR)
    and ".venv" not in Path(config.path).parts
}

# (URL name, who uses it). Forms that save, then forms that search or filter; a section of
# a conversation is "conversations:section/<its slug>".
SAVING = [
    ("people:add", "practitioner"),
    ("people:edit", "practitioner"),
    ("people:allocate", "team_lead"),
    ("people:status", "practitioner"),
    ("conversations:start", "practitioner"),
    *[(f"conversations:section/{section.slug}", "practitioner") for section in SECTIONS],
    ("conversations:attendee_add", "practitioner"),
    ("conversations:tie_talked_about", "practitioner"),
    ("conversations:tie_new", "practitioner"),
    ("conversations:connection_talked_about", "practitioner"),
    ("conversations:check", "practitioner"),
    ("conversations:review", "team_lead"),
    ("conversations:addendum_add", "practitioner"),
    ("conversations:action_done", "practitioner"),
    ("networks:member_add", "practitioner"),
    ("networks:member_edit", "practitioner"),
    ("networks:member_carer_offer", "practitioner"),
    ("networks:member_end", "practitioner"),
    ("networks:note_add", "practitioner"),
    ("networks:connection_note_add", "practitioner"),
    ("community:add", "administrator"),
    ("community:edit", "administrator"),
    ("community:archive", "administrator"),
    ("community:verify", "administrator"),
    ("community:opening_times", "administrator"),
    ("community:opening_time_remove", "administrator"),
    ("community:places", "administrator"),
    ("community:place_remove", "administrator"),
    ("community:connect", "practitioner"),
    ("community:connection_edit", "practitioner"),
    ("community:feedback", "practitioner"),
    ("community:open_referral", "administrator"),
    ("community:open_referral_export", "administrator"),
    ("community:open_referral_feed", "administrator"),
    ("moving_in:import", "administrator"),
    ("supervision:add", "team_lead"),
    ("reflection:add", "practitioner"),
    ("reflection:edit", "practitioner"),
    ("reflection:share", "practitioner"),
    ("case_notes:add", "practitioner"),
    ("case_notes:edit", "practitioner"),
    ("mental_capacity:holder_add", "practitioner"),
    ("mental_capacity:holder_edit", "practitioner"),
    ("mental_capacity:holder_end", "practitioner"),
    ("mental_capacity:assessment_add", "practitioner"),
    ("mental_capacity:assessment_edit", "practitioner"),
    ("safeguarding:add", "practitioner"),
    ("safeguarding:edit", "practitioner"),
    ("safeguarding:close", "practitioner"),
    ("personal_data:subject_access_request", "information_governance"),
    ("personal_data:legal_hold", "information_governance"),
    ("restricted_records:restriction", "information_governance"),
    ("staff:add", "administrator"),
    ("staff:edit", "administrator"),
    ("staff:deactivate", "administrator"),
    ("staff:team_add", "administrator"),
    ("staff:team_edit", "administrator"),
    ("staff:team_close", "administrator"),
    ("staff:team_lead_add", "administrator"),
    ("emergency_access:reason", "practitioner"),
    ("accounts:session_keep_alive", "practitioner"),
    ("accounts:sign_in", None),
    ("accounts:password_change", "practitioner"),
    ("accounts:password_reset", None),
    ("second_factor:enrol", "practitioner"),
    ("quality_audit:draw", "principal_social_worker"),
    ("quality_audit:audit", "principal_social_worker"),
    ("demographics:edit", "practitioner"),
    ("client_level_data:download", "information_governance"),
]
SEARCHING = [
    ("people:list", "practitioner"),
    ("community:list", "practitioner"),
    ("community:choose_person", "practitioner"),
    ("networks:network", "practitioner"),
    ("networks:compare", "practitioner"),
    ("conversations:attendee_search", "practitioner"),
    ("conversations:section/relationships", "practitioner"),
    ("conversations:section/community", "practitioner"),
    ("caseload:caseload", "team_lead"),
    ("measures:dashboard", "team_lead"),
    ("measures:csv", "team_lead"),
    ("personal_data:search", "information_governance"),
    ("personal_data:search", "team_lead"),
    ("personal_data:retention", "information_governance"),
    ("accounts:failed_sign_ins", "administrator"),
    ("staff:list", "administrator"),
    ("client_level_data:return", "information_governance"),
]
# Forms shown on another page than their own URL's (which answers POST only, or is a
# download): that page, and the form there whose fields they take.
SHOWN_ON = {
    "conversations:action_done": ("overview:person", "conversations:action_done"),
    "community:archive": ("community:detail", "community:archive"),
    "community:verify": ("community:detail", "community:verify"),
    "community:opening_time_remove": ("community:opening_times", "community:opening_time_remove"),
    "community:place_remove": ("community:places", "community:place_remove"),
    "community:open_referral_export": ("community:open_referral", "community:open_referral_export"),
    "community:open_referral_feed": ("community:open_referral", "community:open_referral_feed"),
    "accounts:session_keep_alive": ("home", "accounts:session_keep_alive"),
    "measures:csv": ("measures:dashboard", "measures:dashboard"),
    "client_level_data:download": ("client_level_data:return", "client_level_data:download"),
}
# Pages that need the person they are for in the query string (without, they ask who first).
FOR_A_PERSON = {"community:connect"}
# Forms that take nothing typed, so there is nothing to fuzz: signing out, and signing other
# browsers out. (The emergency access search is fuzzed by tests/emergency_access: its page
# asks for a reason first.)
NOT_FUZZED = {
    ("post", "accounts:sign_out"),
    ("post", "signed_in:end"),
    ("post", "signed_in:end_others"),
    ("post", "signed_in:end_all_for_user"),
    # Approving or refusing a waiting emergency access: two buttons, nothing typed (its
    # refusal of anything else is tested in tests/restricted_records).
    ("post", "emergency_access:decide"),
}

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
    """The URL of `name` for a record about `person`; a section's is that of a draft that
    has the section (a network meeting's, a conversation at the stage that asks it)."""
    from conversations.models import Conversation
    from tests.factories import ConversationFactory

    name, _, slug = name.partition("/")
    if name in FOR_A_PERSON:
        return f"{fill(ROUTES[name], person)}?person={person.code}"
    if not (slug or name.startswith("conversations:attendee")):
        return fill(ROUTES[name], person)
    section = next(s for s in SECTIONS if s.slug == (slug or "network-meeting"))
    # Each kind at each stage; and the same with answers that show more (a plan follows an
    # eligible decision).
    drafts = [
        {"kind": kind, "stage": stage, **more}
        for more in [{}, {"eligible": "yes"}]
        for kind in Conversation.Kind
        for stage in Conversation.Stage
    ]
    shows = next(draft for draft in drafts if section.shown(Conversation(**draft)))
    conversation = person.conversations.filter(status="draft", **shows).first()
    conversation = conversation or ConversationFactory(
        person=person, practitioner=person.practitioner, **shows
    )
    url = fill(ROUTES[name], person, conversation)
    return url.replace("/what-matters/", f"/{slug}/") if slug else url


def target(path: str) -> str:
    """The URL name a form sends to, as SAVING and SEARCHING name it."""
    match = resolve(path)
    slug = match.kwargs.get("slug") if match.view_name == "conversations:section" else None
    return f"{match.view_name}/{slug}" if slug else match.view_name


def forms_on(client, url: str) -> list[tuple[str, str, str, list[str], set[str]]]:
    """Each form the page at `url` shows (after any redirect): its method, the URL name and
    path it sends to, its fields, and those of them a person types in or chooses."""
    response = client.get(url, follow=True)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    here = response.request["PATH_INFO"]
    parser = PageForms()
    parser.feed(response.content.decode())
    found = []
    for form in parser.forms:
        path = urlsplit(form.action).path or here
        names = sorted(form.names - {"csrfmiddlewaretoken"})
        found.append((form.method, target(path), path, names, form.typed))
    return found


def the_form(client, name: str, person, method: str) -> tuple[str, list[str], set[str]]:
    """Where the form of `name` sends, its fields and those typed or chosen, read from the
    page that shows it."""
    url = url_for(name, person)
    page, sends_to = SHOWN_ON.get(name, (name, name))
    page_url = url_for(page, person)
    for form_method, form_target, path, names, typed in forms_on(client, page_url):
        its_own = sends_to != name or path == urlsplit(url).path
        if form_method == method and form_target == sends_to and its_own:
            return url, names, typed
    raise AssertionError(f"no {method} form of {name} on {page_url}: {forms_on(client, page_url)}")


def snapshot() -> dict:
    """Every record the project keeps (earlier versions too), bar the access log."""
    return database_rows(
        lambda table: (
            table.startswith(tuple(f"{app}_" for app in OUR_APPS))
            and table != RecordView._meta.db_table
        )
    )


FUZZ = settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def signed_in(request, role) -> Client:
    client = Client()
    if role:
        client.force_login(request.getfixturevalue(role))
    return client


def test_it_fuzzes_every_form_the_pages_show(request, person):
    """Every form on every page, as each role sees it (and signed out), is fuzzed below:
    a new form fails this until it is added to SAVING or SEARCHING."""
    from tests.test_every_url import every_route

    pages = [route for route, _ in every_route()]
    found = set()
    for role in ["practitioner", "team_lead", "administrator", "information_governance"]:
        client = signed_in(request, role)
        for route in pages:
            found |= {
                (method, sends_to) for method, sends_to, *_ in forms_on(client, fill(route, person))
            }
    # Signed out, every page is the sign-in page; and each form's own page, as its role.
    for name, role in [("accounts:sign_in", None), *SAVING, *SEARCHING]:
        client = signed_in(request, role)
        found |= {
            (method, sends_to) for method, sends_to, *_ in forms_on(client, url_for(name, person))
        }
    fuzzed = {("post", name) for name, _ in SAVING} | {("get", name) for name, _ in SEARCHING}
    fuzzed -= {("get", name) for name, (_, sends_to) in SHOWN_ON.items() if sends_to != name}
    print("Forms found:", *sorted(found), sep="\n  ")
    assert sorted(found - NOT_FUZZED) == sorted(fuzzed)


@pytest.mark.parametrize(("name", "role"), SAVING)
def test_no_form_breaks_or_half_saves(request, person, name, role):
    client = signed_in(request, role)
    url, names, _ = the_form(client, name, person, "post")

    @FUZZ
    @given(data=st.data())
    def send(data):
        posted = data.draw(st.fixed_dictionaries({}, optional=dict.fromkeys(names, values)))
        if "files" in names:
            posted["files"] = data.draw(files)
        if name == "moving_in:import":  # the extract's CSV files, each its own field
            for field in ["people", "key_dates", "network"]:
                posted[field] = data.draw(files)
        before = snapshot()
        response = client.post(url, posted)
        assert response.status_code < 500
        if response.status_code not in {301, 302}:
            assert snapshot() == before, f"{name} refused a submission but changed records"

    send()


@pytest.mark.parametrize(("name", "role"), SEARCHING)
def test_no_search_or_filter_breaks(request, person, name, role):
    client = signed_in(request, role)
    url, names, _ = the_form(client, name, person, "get")
    names += ["page", "sort"]

    @FUZZ
    @given(query=st.fixed_dictionaries({}, optional=dict.fromkeys(names, values)))
    def search(query):
        assert client.get(url, query).status_code < 500

    search()


NUL = "a\x00b"


@pytest.mark.parametrize(("name", "role"), SAVING)
def test_no_form_breaks_on_a_null_character_in_any_field(request, person, name, role):
    client = signed_in(request, role)
    url, names, typed = the_form(client, name, person, "post")
    for sent in [{field: NUL} for field in names] + [dict.fromkeys(names, NUL)]:
        before = snapshot()
        response = client.post(url, sent)
        assert response.status_code < 500, sent
        if response.status_code in {301, 302}:
            continue
        assert snapshot() == before, f"{name} refused {sent} but changed records"
        if name not in SHOWN_ON and "html" in response.get("Content-Type", ""):
            # A page with a form of its own says what was wrong, by the field typed in.
            page = response.content.decode()
            assert "There is a problem" in page, sent
            if len(sent) > 1 and typed:
                assert "govuk-error-message" in page, f"no message by a field: {sent}"


@pytest.mark.parametrize(("name", "role"), SEARCHING)
def test_no_search_or_filter_breaks_on_a_null_character(request, person, name, role):
    client = signed_in(request, role)
    url, names, _ = the_form(client, name, person, "get")
    names += ["page", "sort"]
    for sent in [{field: NUL} for field in names] + [dict.fromkeys(names, NUL)]:
        assert client.get(url, sent).status_code < 500, sent
