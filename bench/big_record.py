"""Times the pages of one very big record: a person with 5,000 people in their network.

    make bench-big-record                       # SQLite, bench/results/big_record.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/what_matters_big make bench-big-record

Builds the record once (later runs reuse it; `--rebuild` starts again): the
person, 5,000 network members over 26 years (one in ten ended, some linked to
other people the team works with), a reciprocity note for every other member,
and a network meeting that six of them came to. Then asks for each page
BENCH_REQUESTS (20) times in-process through Django's test client with
production settings (the service measures worked out afresh every time), and
counts each page's queries once. A page so slow that asking for it has taken
BENCH_PAGE_SECONDS (120) is not asked for again (the n column says how often
it was). A page that is not there yet (before a change lands) is listed as
"no such page". Prints a table and saves it in
bench/results/big_record-<database>.txt.
"""

import argparse
import datetime
import os
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Django is set up, and the models imported, only once main() runs
    from accounts.models import User
    from conversations.models import Conversation
    from people.models import Person

RESULTS = Path(__file__).parent / "results"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
PAGE_BUDGET_SECONDS = int(os.environ.get("BENCH_PAGE_SECONDS", "120"))
MEMBERS = 5_000
ATTENDEES = 6
TARGET_MS = 500
DOMAIN = "big-record.example.org"
SURNAMES = ["Hughes", "Patel", "Kelly", "Nowak", "Okafor", "Wood", "Khan", "Doyle", "Hall"]
GIVEN = ["Pat", "Jo", "Sam", "Alex", "Chris", "Devi", "Morgan", "Robin", "Ola", "Kim", "Lee"]


@dataclass
class Page:
    name: str
    role: str
    urls: list[str]  # cycled through; empty when the page does not exist in this version
    method: str = "get"
    first: tuple[str, dict] | None = None  # a form to send once before: (URL, data)


@dataclass
class Cast:
    practitioner: "User"
    lead: "User"
    admin: "User"
    person: "Person"
    meeting: "Conversation"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build the record again")
    rebuild = parser.parse_args().rebuild
    RESULTS.mkdir(exist_ok=True)
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{RESULTS / 'big_record.sqlite3'}"
    from bench.server import production_env

    # Production settings, and the measures worked out every time rather than cached.
    os.environ.update({**production_env(), "MEASURES_CACHE_SECONDS": "0"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings, setup_test_environment

    # In-process there is no collectstatic, so static files keep their plain names.
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": _PLAIN_STATIC}}
    override_settings(STORAGES=storages).enable()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    cast = big_record(rebuild=rebuild)
    built = time.perf_counter() - started
    rows = [measure(page, cast) for page in pages(cast)]
    title = (
        f"A record with {MEMBERS:,} network members, on {connection.vendor}, "
        f"{time.strftime('%Y-%m-%d %H:%M')}; in-process, times in milliseconds "
        f"(record ready in {built:.0f} s)"
    )
    table = "\n".join([title, *format_rows(rows)])
    print(table)
    (RESULTS / f"big_record-{connection.vendor}.txt").write_text(table + "\n")


_PLAIN_STATIC = "django.contrib.staticfiles.storage.StaticFilesStorage"


def big_record(*, rebuild: bool) -> Cast:
    """The person with the big network, and the staff who use it: made once, then reused."""
    from accounts.models import Role, Team, User
    from conversations.models import Conversation
    from people.models import Person

    team, _ = Team.objects.get_or_create(name="Big record team")
    person = Person.objects.filter(team=team, family_name="Big-Record").first()
    if person is not None and rebuild:
        _remove(person)
        person = None
    users = {
        role: _user(f"{role.value}@{DOMAIN}", team, role)
        for role in [Role.PRACTITIONER, Role.TEAM_LEAD, Role.ADMINISTRATOR]
    }
    # The subject access page needs this permission, whatever the roles carry.
    admin = users[Role.ADMINISTRATOR]
    admin.user_permissions.add(_permission("export_personal_data"))
    admin = User.objects.get(pk=admin.pk)  # without the cached permissions
    if person is None:
        person = _build(team, users[Role.PRACTITIONER])
    meeting = Conversation.objects.get(person=person, kind=Conversation.Kind.NETWORK_MEETING)
    return Cast(users[Role.PRACTITIONER], users[Role.TEAM_LEAD], admin, person, meeting)


def _user(email: str, team, role):
    from accounts.models import User

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=role.label + " (big record)")
        user.teams.add(team)
        user.add_role(role)
    return user


def _permission(codename: str):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="accounts", codename=codename)


def _build(team, practitioner):
    """5,000 members, notes and a network meeting, saved in bulk."""
    from community.models import CommunityResource, Connection
    from conversations.models import Conversation
    from networks.models import MeetingAttendance, NetworkMember, ReciprocityNote
    from people.models import Person

    today = datetime.date.today()
    randomly = random.Random(MEMBERS)
    person = Person.objects.create(
        preferred_name="Maggie",
        given_names="Margaret",
        family_name="Big-Record",
        team=team,
        practitioner=practitioner,
        first_contact_date=today - datetime.timedelta(days=3 * 365),
    )
    others = Person.objects.bulk_create(
        Person(given_names=GIVEN[n % len(GIVEN)], family_name=f"Linked-{n}", team=team)
        for n in range(20)
    )
    relationships = [choice for choice, _ in NetworkMember.Relationship.choices]
    closeness = [choice for choice, _ in NetworkMember.Closeness.choices]
    contact = [choice for choice, _ in NetworkMember.Contact.choices] + [""]
    members = []
    for number in range(MEMBERS):
        started = today - datetime.timedelta(days=randomly.randrange(30, 26 * 365))
        ended = None
        if number % 10 == 9:
            ended = started + datetime.timedelta(days=randomly.randrange(1, (today - started).days))
        members.append(
            NetworkMember(
                person=person,
                name=f"{randomly.choice(GIVEN)} {randomly.choice(SURNAMES)} {number}",
                linked_person=others[number // 250] if number % 250 == 0 else None,
                relationship=relationships[number % len(relationships)],
                closeness=randomly.choice(closeness),
                contact=randomly.choice(contact),
                gives_person="A lift to the shops" if number % 3 else "",
                person_gives="Minds the dog" if number % 4 else "",
                started_on=started,
                ended_on=ended,
                end_reason="Moved away" if ended else "",
                created_by=practitioner,
            )
        )
    members = NetworkMember.objects.bulk_create(members, batch_size=500)
    ReciprocityNote.objects.bulk_create(
        (
            ReciprocityNote(
                member=member,
                date=member.started_on,
                direction="mutual",
                text="Swapped seedlings for help with the fence",
                author=practitioner,
            )
            for member in members[::2]
        ),
        batch_size=500,
    )
    for name in ["Lunch club at St Mark's", "Hyde Park walking group", "Library choir"]:
        resource = CommunityResource.objects.create(
            name=name, description="Friendly", asset_type="associations", last_verified=today
        )
        Connection.objects.create(person=person, resource=resource, created_by=practitioner)
    meeting = Conversation.objects.create(
        person=person,
        practitioner=practitioner,
        kind=Conversation.Kind.NETWORK_MEETING,
        date=today - datetime.timedelta(days=7),
        method="home_visit",
    )
    came = NetworkMember.objects.filter(person=person).active_on(meeting.date)[:ATTENDEES]
    MeetingAttendance.objects.bulk_create(
        MeetingAttendance(conversation=meeting, member=member, offered="Lifts on Tuesdays")
        for member in came
    )
    return person


def _remove(person) -> None:
    from conversations.models import Conversation
    from networks.models import MeetingAttendance, NetworkMember, ReciprocityNote

    MeetingAttendance.objects.filter(conversation__person=person).delete()
    Conversation.objects.filter(person=person).delete()
    ReciprocityNote.objects.filter(member__person=person).delete()
    NetworkMember.objects.filter(person=person).delete()
    person.connections.all().delete()
    person.delete()


def pages(cast: Cast) -> list[Page]:
    from django.urls import NoReverseMatch, reverse

    person, meeting = cast.person.code, cast.meeting.code
    network = reverse("networks:network", args=[person])
    section = reverse("conversations:section", args=[meeting, "network-meeting"])
    try:
        search = reverse("conversations:attendee_search", args=[meeting])
    except NoReverseMatch:
        search = None
    names = [name.lower() for name in GIVEN + SURNAMES]
    try:
        # The export asks first which subject access request it answers.
        answering = (
            reverse("personal_data:subject_access_request", args=[person]),
            {"reference": "SAR-BENCH-1"},
        )
    except NoReverseMatch:
        answering = None
    start = "start_0=1&start_1=1&start_2=1"
    return [
        Page("network page", "practitioner", [network]),
        Page(
            "network page, later pages",
            "practitioner",
            [f"{network}?page={number}" for number in range(2, 2 + REQUESTS)],
        ),
        Page("meeting: who came", "practitioner", [section]),
        Page(
            "meeting: find who came",
            "practitioner",
            [f"{search}?q={name}" for name in names] if search else [],
        ),
        Page("meeting: save who came", "practitioner", [section], method="post"),
        Page(
            "subject access",
            "admin",
            [reverse("personal_data:subject_access", args=[person])],
            first=answering,
        ),
        Page("measures from year 1", "lead", [f"{reverse('measures:dashboard')}?{start}"]),
    ]


def measure(page: Page, cast: Cast) -> tuple:
    """(page, median, p95, requests, queries, answers) for REQUESTS requests of the page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if not page.urls:
        return (page.name, None, None, 0, None, "no such page")
    client = Client()
    client.force_login(getattr(cast, page.role))
    if page.first:
        client.post(*page.first)
    ask = _saver(client) if page.method == "post" else _getter(client)
    ask(page.urls[0], 0)  # once first: templates compiled, the session's bookkeeping done
    with CaptureQueriesContext(connection) as queries:
        ask(page.urls[0], 0)
    count = len(queries)  # now: the next request empties the connection's log
    times: list[float] = []
    statuses: dict[int, int] = {}
    started = time.perf_counter()
    for number in range(REQUESTS):
        status, elapsed = ask(page.urls[number % len(page.urls)], number)
        times.append(elapsed)
        statuses[status] = statuses.get(status, 0) + 1
        # A page that takes minutes is not asked for again and again: n says how often it was.
        if time.perf_counter() - started > PAGE_BUDGET_SECONDS:
            break
    print(f"{page.name}: {statistics.median(times):.0f} ms", file=sys.stderr, flush=True)
    shown = ", ".join(f"{status}×{count}" for status, count in sorted(statuses.items()))
    return (page.name, statistics.median(times), _p95(times), len(times), count, shown)


def _getter(client):
    def get(url: str, number: int) -> tuple[int, float]:
        started = time.perf_counter()
        status = client.get(url).status_code
        return status, (time.perf_counter() - started) * 1000

    return get


def _saver(client):
    """Sends the section's form back as the page shows it, with what each offered changed.
    The page is read before each save (not timed), for its fields and current version."""

    def save(url: str, number: int) -> tuple[int, float]:
        data = form_fields(client.get(url).content.decode(), url)
        for name in data:
            if name.startswith("offered_") and data[name]:
                data[name] = f"Lifts on Tuesdays, round {number}"
        started = time.perf_counter()
        status = client.post(url, data).status_code
        return status, (time.perf_counter() - started) * 1000

    return save


class _Forms(HTMLParser):
    """The fields of the page's POST forms that send to `action`, as a browser would send them."""

    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.fields: dict[str, str] = {}
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            target = attrs.get("action") or self.action
            self.inside = attrs.get("method", "get").lower() == "post" and target == self.action
        elif not self.inside or "name" not in attrs or "disabled" in attrs:
            return
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""
        elif tag == "input" and attrs.get("type") not in {"submit", "button"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields[attrs["name"]] = attrs.get("value", "on")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data


def form_fields(page: str, action: str) -> dict[str, str]:
    main = page.split('id="main-content"', 1)[-1]
    parser = _Forms(action)
    parser.feed(re.sub(r"<textarea([^>]*)>\n", r"<textarea\1>", main))
    return parser.fields


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def format_rows(rows: list[tuple]) -> list[str]:
    lines = [f"{'page':<28}{'median':>8}{'p95':>8}{'n':>4}{'queries':>9}  {'answers':<14}target"]
    for name, median, p95, n, queries, statuses in rows:
        if median is None:
            lines.append(f"{name:<28}{'':>8}{'':>8}{'':>4}{'':>9}  {statuses}")
            continue
        verdict = f"p95 < {TARGET_MS}: {'met' if p95 < TARGET_MS else 'MISSED'}"
        lines.append(
            f"{name:<28}{median:>8.1f}{p95:>8.1f}{n:>4}{queries:>9}  {statuses:<14}{verdict}"
        )
    return lines


if __name__ == "__main__":
    main()
