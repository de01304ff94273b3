"""Walks every URL of the project as every role, with every method it answers.

The URL list comes from Django's own resolver, so a new page is walked without
anyone remembering to add it. Each route is sent both GET and POST: a POST
carries the form of that page as the person's own team sees it, so a view that
forgot its scope would save it. Addressed to a person of another team, every
page must answer 404 (or refuse the role outright), never show that person, and
change nothing in the database, not even the access log. Which methods a route
answers comes from its view's own `require_http_methods`: only a method the view
refuses may answer 405, so no route is skipped by answering 405.
"""

import datetime
import hashlib
import re
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.single_sign_on.council_provider import point_at

# Django's admin is for superusers only and has its own sign-in.
NOT_WALKED = ("admin/",)
ROLES = [
    "practitioner",
    "team_lead",
    "administrator",
    "information_governance",
    "principal_social_worker",
]
METHODS = ["GET", "POST"]
# Records that everyone with a role may read; their pages still never show another team's person.
# Staff accounts and teams are about staff (their pages count a member's people, never name
# them). The report of an import from the council's previous system names no one.
NOT_ABOUT_A_PERSON = (
    "community/",
    "staff/",
    "teams/",
    "signed-in/staff/",
    "moving-in/",
    "api/open-referral/",
)
# Information governance reads anyone's access log and exports anyone's data, by design:
# each with its own permission (the export first asks which request it answers).
AUDITED_BY_INFORMATION_GOVERNANCE = (
    "people/<uuid:code>/access-log/",
    "people/<uuid:code>/subject-access/request/",
    "people/<uuid:code>/subject-access/",
    "people/<uuid:code>/subject-access.json",
    # Information governance restricts anyone's record, and places a legal hold on it.
    "people/<uuid:code>/restriction/",
    "people/<uuid:code>/restriction/lift/",
    "people/<uuid:code>/legal-hold/",
    "people/<uuid:code>/legal-hold/lift/",
    # ...and approves or refuses emergency access to anyone's restricted record.
    "emergency-access/<int:pk>/decide/",
)
# The principal social worker audits a signed-off record of any team drawn for the quality
# audit, by design (a restricted record only when it names them).
AUDITED_FOR_QUALITY = ("quality-audit/records/<uuid:code>/",)
AUDITED_BY_DESIGN = {
    *(("information_governance", route) for route in AUDITED_BY_INFORMATION_GOVERNANCE),
    *(("principal_social_worker", route) for route in AUDITED_FOR_QUALITY),
}
# Query parameters that name a person a page is for (the directory's search and connect pages):
# each page is sent the other team's person in them too.
PERSON_PARAMETERS = ["for", "person"]
# Administrators keep the directory: archiving a resource is their job, whoever is connected;
# and they sign any member of staff out everywhere.
KEPT_BY_ADMINISTRATORS = ("community/", "signed-in/staff/")
# Signing in and out writes the session, which is not compared, and signing out is noted in
# django-axes' log and ends the browser's listed session.
NOT_COMPARED = {"django_session"}
CHANGED_BY_DESIGN = {
    "sign-out/": ["axes_accesslog", "signed_in_signedinsession"],
    # Beginning to add a passkey gives the user the handle their passkeys will carry.
    "second-factor/passkeys/registration/begin/": ["django_otp_webauthn_webauthnuserhandle"],
}


@pytest.fixture(autouse=True)
def _single_sign_on(settings):
    """Single sign-on set up, so that its pages are there to walk. No page here comes back
    from the provider with a code, so nothing ever asks it anything."""
    point_at(settings, "http://127.0.0.1:9")


def every_route(resolver: URLResolver | None = None, prefix: str = ""):
    """Each route Django knows (the admin's aside), with its view."""
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from every_route(entry, route)
        elif isinstance(entry, URLPattern) and not route.startswith(NOT_WALKED):
            yield route, entry.callback


def methods_of(view) -> set[str]:
    """The methods a view says it answers: its `require_http_methods` (or `require_GET`,
    `require_POST`), or a class view's handlers; every method when it says nothing."""
    if hasattr(view, "view_class"):
        handlers = view.view_class.http_method_names
        return {name.upper() for name in handlers if hasattr(view.view_class, name)} - {"OPTIONS"}
    while view is not None:
        if "request_method_list" in view.__code__.co_freevars:
            cell = view.__closure__[view.__code__.co_freevars.index("request_method_list")]
            return set(cell.cell_contents)
        view = getattr(view, "__wrapped__", None)
    return set(METHODS)


def fill(route: str, person, conversation=None) -> str:
    """The route with its parameters filled in for a record about `person` (and, for a
    conversation's pages, `conversation` if given)."""
    from accounts.models import EmergencyAccess, Role, User
    from case_notes.models import CaseNote
    from conversations.models import Action, Conversation
    from jobs.models import Job
    from mental_capacity.models import CapacityAssessment, DecisionMaker
    from moving_in.models import Import
    from reflection.models import ReflectiveNote
    from safeguarding.models import SafeguardingConcern
    from supervision.models import SupervisionNote
    from tests.factories import (
        CapacityAssessmentFactory,
        CaseNoteFactory,
        ConnectionFactory,
        ConversationFactory,
        DecisionMakerFactory,
        NetworkMemberFactory,
        ReflectiveNoteFactory,
        SafeguardingConcernFactory,
        UserFactory,
    )

    # A draft for the pages that change one; a submitted record to review; a signed-off one
    # to add an addendum to.
    records = {
        status: person.conversations.filter(status=status).first()
        or ConversationFactory(person=person, practitioner=person.practitioner, status=status)
        for status in ["draft", "submitted", "signed_off"]
    }
    # The signed-off record holds a decision and a plan, whose letters are pages of their own.
    Conversation.objects.filter(pk=records["signed_off"].pk).update(
        eligible="yes",
        eligibility_reasons="You cannot cook safely without help",
        plan_review_date=datetime.date(2027, 1, 4),
    )
    conversation = conversation or records["draft"]
    action = Action.objects.filter(conversation=conversation).first() or Action.objects.create(
        conversation=conversation, what="Ring the lunch club", who="person"
    )
    member = person.network_members.first() or NetworkMemberFactory(person=person)
    connection = person.connections.first() or ConnectionFactory(person=person)
    note = SupervisionNote.objects.filter(practitioner=person.practitioner).first()
    if note is None:
        lead = UserFactory(teams=[person.team], roles=[Role.TEAM_LEAD])
        note = SupervisionNote.objects.create(
            lead=lead, practitioner=person.practitioner, notes="Power with, not over"
        )
    # Their practitioner's own reflective note about them, not yet shared.
    reflective_note = ReflectiveNote.objects.filter(
        person=person, author=person.practitioner
    ).first() or ReflectiveNoteFactory(person=person, author=person.practitioner)
    # An open safeguarding concern, for the pages that change or close one.
    concern = SafeguardingConcern.objects.filter(
        person=person, closed_on__isnull=True
    ).first() or SafeguardingConcernFactory(person=person, raised_by=person.practitioner)
    # Someone who may decide for them now, for the pages that change or end it; an assessment.
    holder = DecisionMaker.objects.filter(
        person=person, ended_on__isnull=True
    ).first() or DecisionMakerFactory(person=person, created_by=person.practitioner)
    assessment = CapacityAssessment.objects.filter(
        person=person
    ).first() or CapacityAssessmentFactory(person=person, assessed_by=person.practitioner)
    # A note between conversations about them, for its own pages.
    case_note = CaseNote.objects.filter(person=person).first() or CaseNoteFactory(
        person=person, author=person.practitioner
    )
    # Their signed-off record, drawn for a month's quality audit.
    from quality_audit.models import MonthlySample, RecordAudit
    from tests.factories import MonthlySampleFactory, RecordAuditFactory

    month = MonthlySample.objects.filter(month=datetime.date(2026, 10, 1)).first()
    audited = RecordAudit.objects.filter(
        conversation=records["signed_off"]
    ).first() or RecordAuditFactory(
        conversation=records["signed_off"], sample=month or MonthlySampleFactory()
    )
    # Someone's emergency access to them, waiting for information governance's approval.
    waiting = None
    if route.startswith("emergency-access/<int:pk>/"):
        waiting = EmergencyAccess.objects.filter(
            person=person, needs_approval=True, approved__isnull=True
        ).first() or EmergencyAccess.objects.create(
            user=UserFactory(roles=[Role.PRACTITIONER]),
            person=person,
            reason="Duty call about a fall",
            expires_at=timezone.now(),
            needs_approval=True,
        )
    # Another browser signed in as their practitioner, for the page that signs one out.
    browser = signed_in_elsewhere(person.practitioner) if route.startswith("signed-in/") else None
    # An import from the council's previous system, for its report's page.
    moved_in = Import.objects.first() or Import.objects.create(by=person.practitioner)
    # An administrator's check of Open Referral UK data, done, for its page and its report.
    job = Job.objects.filter(kind="openreferral_check").first()
    if job is None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from community.openreferral.tasks import directory_import_start
        from jobs.worker import tasks_run_queued

        administrator = User.objects.filter(groups__name=Role.ADMINISTRATOR.group_name).first()
        upload = SimpleUploadedFile("directory.json", b"[]")
        job = directory_import_start(files=[upload], dry_run=True, by=administrator)
        tasks_run_queued()
    # ...and their export of the directory, done, for the page of its file.
    if route.startswith("community/open-referral/exports/"):
        from community.openreferral.tasks import directory_export_start
        from jobs.worker import tasks_run_queued

        export = Job.objects.filter(kind="openreferral_export").first()
        if export is None:
            export = directory_export_start(kind="json", by=job.by)
            tasks_run_queued()
        job = export
    # Information governance's export of the person's data, done, for the page of its file.
    if route.startswith("subject-access/exports/"):
        from jobs.worker import tasks_run_queued
        from personal_data.tasks import subject_access_export_start

        export = Job.objects.filter(kind="subject_access_export").first()
        if export is None:
            officer = User.objects.filter(
                groups__name=Role.INFORMATION_GOVERNANCE.group_name
            ).first() or UserFactory(roles=[Role.INFORMATION_GOVERNANCE])
            export = subject_access_export_start(person=person, reason="SAR-1", by=officer)
            tasks_run_queued()
        job = export
    codes = {
        "signed-in/": browser.code if browser else person.code,
        "conversations/<uuid:code>/review/": records["submitted"].code,
        "conversations/<uuid:code>/addenda/": records["signed_off"].code,
        "conversations/<uuid:code>/decision-letter/": records["signed_off"].code,
        "conversations/<uuid:code>/plan-letter/": records["signed_off"].code,
        "conversations/": conversation.code,
        "actions/": action.code,
        "network/": member.code,
        "connections/": connection.code,
        "community/": connection.resource.code,
        "supervision/": note.code,
        "reflective-notes/": reflective_note.code,
        "who-may-decide/": holder.code,
        "capacity-assessments/": assessment.code,
        "safeguarding/": concern.code,
        "case-notes/": case_note.code,
        "moving-in/": moved_in.code,
        "quality-audit/records/": audited.code,
    }
    code = next((c for prefix, c in codes.items() if route.startswith(prefix)), person.code)
    slug = "first-contacts" if route.startswith("team/measures/") else "what-matters"
    values = {
        "uuid:code": str(code),
        "uuid:member": str(member.code),
        "uuid:resource": str(connection.resource.code),
        "uuid:pk": str(job.pk),
        # The public Open Referral UK API's ids, each of what its route names.
        "str:id": open_referral_id(route, connection.resource),
        "slug:slug": slug,
        "int:pk": str(waiting.pk if waiting else person.practitioner.pk),
        "int:team": str(person.team.pk),
        "int:year": str(audited.sample.month.year),
        "int:month": str(audited.sample.month.month),
        "int:line": str(opening_line(connection.resource)),
        "int:place": str(
            (
                connection.resource.places.first()
                or connection.resource.places.create(name="Online")
            ).pk
        ),
        # A link to set a password that is not a real one: its page says so.
        "uidb64": "MQ",
        "token": "not-a-real-token",
    }

    def value_for(match: re.Match) -> str:
        if match.group(1) not in values:
            raise AssertionError(f"Teach the URL walk a value for <{match.group(1)}> in {route}")
        return values[match.group(1)]

    return "/" + re.sub(r"<([^>]+)>", value_for, route)


def open_referral_id(route: str, resource) -> str:
    """The id of what a route of the public Open Referral UK API names, for `resource`."""
    from community.openreferral.mapping import made_up_id, service_id
    from community.openreferral.taxonomies import OWN_TERMS, TAXONOMIES, taxonomy_id

    if route.startswith("api/open-referral/service_at_locations/"):
        # Given a place to be at.
        resource.accessibility = resource.accessibility or "Step-free entrance"
        resource.save()
        return made_up_id(service_id(resource), "at-location")
    if route.startswith("api/open-referral/taxonomies/"):
        return taxonomy_id(TAXONOMIES[0])
    if route.startswith("api/open-referral/taxonomy_terms/"):
        return OWN_TERMS[0].as_term()["id"]
    return service_id(resource)


def opening_line(resource) -> int:
    """A line of the resource's opening times, made for the walk if it has none."""
    line = resource.opening_hours.first() or resource.opening_hours.create(
        days="MO", opens_at=datetime.time(9), closes_at=datetime.time(17)
    )
    return line.pk


def signed_in_elsewhere(user):
    from signed_in.models import SignedInSession

    return SignedInSession.objects.filter(
        user=user, ended_at__isnull=True
    ).first() or SignedInSession.objects.create(
        user=user, session_key=uuid.uuid4().hex, browser="Firefox on Windows"
    )


@dataclass
class PageForm:
    method: str
    action: str
    sent: dict[str, str] = field(default_factory=dict)  # what the form sends as it stands
    names: set[str] = field(default_factory=set)  # every field, sent or not
    typed: set[str] = field(default_factory=set)  # those a person types in or chooses


class PageForms(HTMLParser):
    """Each form of a page: its method, where it sends, and its fields."""

    def __init__(self):
        super().__init__()
        self.forms: list[PageForm] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._first_option: dict[str, str] = {}
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        name = attrs.get("name", "")
        if tag == "form":
            # As a browser does, a form inside a form is not one: its fields are the outer's.
            if not self._in_form:
                method = attrs.get("method", "get").lower()
                self.forms.append(PageForm(method, attrs.get("action", "")))
            self._in_form = True
            return
        if tag == "option" and self._select and self.forms:
            self._first_option.setdefault(self._select, attrs.get("value", ""))
            if "selected" in attrs:
                self.forms[-1].sent[self._select] = attrs.get("value", "")
            return
        if not self._in_form or not name:
            return
        form = self.forms[-1]
        kind = attrs.get("type", "text").lower()
        if tag in {"input", "textarea", "select", "button"}:
            form.names.add(name)
            if tag != "button" and kind not in {"hidden", "submit", "button"}:
                form.typed.add(name)
        if tag == "input":
            if kind not in {"checkbox", "radio", "submit", "button", "file"} or "checked" in attrs:
                form.sent[name] = attrs.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea":
            self._textarea = name
            form.sent[name] = ""
        elif tag == "select":
            self._select = name

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select and self.forms:
            sent = self.forms[-1].sent
            sent.setdefault(self._select, self._first_option.get(self._select, ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1].sent[self._textarea] += data


def form_as_its_team_sees_it(url: str, team: list) -> dict[str, str]:
    """What the page's own form would send, filled in as the person's own team sees it
    (nothing, for a route with no page of its own)."""
    for user in team:
        browser = Client()
        browser.force_login(user)
        response = browser.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = PageForms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            if form.method == "post" and urlsplit(form.action).path in {"", url}:
                return form.sent
    return {}


def database_rows(kept=lambda table: table not in NOT_COMPARED) -> dict[str, tuple[int, str]]:
    """Each table's row count and a hash of its rows: every table's but the sessions', or
    those `kept` says."""
    tables = sorted(filter(kept, connection.introspection.table_names()))
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One query for them all, each row hashed as text by the database.
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT %s, COUNT(*), md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text),"
                    f" '')) FROM {quote(table)} t"
                    for table in tables
                ),
                tables,
            )
            return {table: (count, digest) for table, count, digest in cursor.fetchall()}
        rows_by_table = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            rows_by_table[table] = (len(rows), digest)
        return rows_by_table


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(
        name for name in before.keys() | after.keys() if before.get(name) != after.get(name)
    )


def its_team(person) -> list:
    """Who may see `person`: their practitioner, then their team's leads."""
    from accounts.models import User

    leads = User.objects.filter(teams=person.team, groups__permissions__codename="review_records")
    return [person.practitioner, *leads.exclude(pk=person.practitioner_id)]


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def send(browser: Client, method: str, url: str, fields: dict[str, str]):
    return browser.post(url, fields) if method == "POST" else browser.get(url)


ROUTES = dict(every_route())


def test_it_finds_the_pages_to_walk_and_how_to_send_to_them():
    assert "people/<uuid:code>/" in ROUTES
    assert methods_of(ROUTES["actions/<uuid:code>/done/"]) == {"POST"}
    assert methods_of(ROUTES["people/<uuid:code>/edit/"]) == {"GET", "POST"}
    assert methods_of(ROUTES["sign-in/"]) >= {"GET", "POST"}
    unwalked = [route for route, view in ROUTES.items() if not methods_of(view) & set(METHODS)]
    assert unwalked == [], "teach the walk these routes' methods"


def test_it_notices_a_change_to_any_table(other_person):
    fill("people/<uuid:code>/", other_person)
    before = database_rows()
    other_person.conversations.update(what_matters="Changed")
    assert changed_tables(before, database_rows()) == ["conversations_conversation"]


@pytest.mark.parametrize("route", ["", "people/", "people/<uuid:code>/", "community/"])
def test_the_name_it_looks_for_is_what_the_persons_own_team_sees(client, route, other_person):
    client.force_login(other_person.practitioner)
    query = dict.fromkeys(PERSON_PARAMETERS, other_person.code)
    page = client.get(fill(route, other_person), query).content.decode()
    assert other_person.family_name in page


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_it_never_shows_or_changes_another_teams_person(request, route, other_person):
    """The North team's practitioner and lead, an administrator and information governance
    send GET and POST to a record about a person of the South team: what its own team
    would send."""
    url = fill(route, other_person)
    about_a_person = ("<uuid:code>" in route or "<int:pk>" in route) and not route.startswith(
        NOT_ABOUT_A_PERSON
    )
    answered = methods_of(ROUTES[route])
    fields = form_as_its_team_sees_it(url, its_team(other_person))
    url += "?" + urlencode(dict.fromkeys(PERSON_PARAMETERS, other_person.code))
    # Signed in first: signing in writes the user's last sign-in and django-axes' log.
    browsers = {role: signed_in(request.getfixturevalue(role)) for role in ROLES}
    after = database_rows()
    for role, browser in browsers.items():
        for method in METHODS:
            sent = f"{method} {url} as {role}"
            before = after
            response = send(browser, method, url, fields)
            after = database_rows()
            status = response.status_code
            if method not in answered:
                assert status in {403, 404, 405}, f"{sent}: {status}"
            elif (role, route) in AUDITED_BY_DESIGN:
                assert status in {200, 302}, f"{sent}: {status}"
                continue
            elif about_a_person:
                assert status == 404, f"{sent}: {status}"
            else:
                assert status in {200, 204, 302, 400, 403, 404}, f"{sent}: {status}"
            # A download (the directory as a zip) is bytes; it holds no one's name either way.
            assert other_person.family_name not in response.getvalue().decode(errors="replace"), (
                sent
            )
            if not (role == "administrator" and route.startswith(KEPT_BY_ADMINISTRATORS)):
                changed = changed_tables(before, after)
                assert changed in ([], CHANGED_BY_DESIGN.get(route, [])), sent


BLANK_RADIO = re.compile(r'class="govuk-label govuk-radios__label"[^>]*>\s*-{9}')
TYPED_INPUT = re.compile(r'<input[^>]*type="(?:text|url|email|number|tel|search|password)"[^>]*>')


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_it_serves_every_page_to_the_role_it_is_for(
    practitioner,
    team_lead,
    administrator,
    information_governance,
    principal_social_worker,
    person,
    route,
):
    """Each method a route answers is served to the person's own practitioner, their team
    lead, an administrator or information governance."""
    url = fill(route, person)
    for method in methods_of(ROUTES[route]) & set(METHODS):
        responses = {
            user.full_name: send(signed_in(user), method, url, {})
            for user in [
                practitioner,
                team_lead,
                administrator,
                information_governance,
                principal_social_worker,
            ]
        }
        statuses = {name: response.status_code for name, response in responses.items()}
        assert max(statuses.values()) < 500, (method, statuses)
        for response in responses.values():
            if "html" in response.get("Content-Type", "") and response.content:
                page = response.content.decode()
                # Django's empty choice, which a GOV.UK radio group never offers.
                assert not BLANK_RADIO.search(page), (method, url)
                # Every box to type in styled as GOV.UK styles it.
                unstyled = [i for i in TYPED_INPUT.findall(page) if "govuk-input" not in i]
                assert not unstyled, (method, url, unstyled)
        assert set(statuses.values()) - {403, 404, 405}, (method, statuses)
