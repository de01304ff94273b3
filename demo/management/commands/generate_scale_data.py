"""Generates a large council's worth of realistic records, in bulk, for benchmarks.

By default: 40 teams of 10 practitioners and a lead, 100,000 people over five
years, 1,000,000 conversations through all three stages with their reviews and
actions, 600,000 network members with reciprocity notes, 10,000 community
resources and 300,000 connections; the conversations, members and connections
grow with --people unless given. A tenth of the people and of the conversations
have earlier versions in their history. Every member of staff has an
authenticator app of one known key, so that the benchmarks pass the second
factor. On PostgreSQL rows go in by COPY with ids given up front (a few minutes
on two cores); SQLite takes them by executemany, for small runs and tests. The
free disk space is checked first (demo/scale_disk.py).
"""

import datetime
import random
import time
import uuid
from collections.abc import Iterable, Iterator
from typing import TypedDict

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import Role, Team, User
from community.models import Category, CommunityResource, Connection
from conversations.models import Action, Conversation, Review
from demo.scale_disk import bytes_needed, disk_check
from networks.models import NetworkMember, ReciprocityNote
from people.models import Person

YEARS = 5
# For each person, unless given: conversations, network members, community connections.
PER_PERSON = {"conversations": 10, "network_members": 6, "connections": 3}
# People's conversations are made and written this many people at a time.
BATCH = 10_000
# The authenticator app every member of staff has (RFC 6238's example key, hex): the
# benchmarks sign in with codes from it. Scale data only; never a real account's.
SECOND_FACTOR_KEY = "3132333435363738393031323334353637383930"
# The conversation's columns as written, in order: its versions in history change some.
CONVERSATION_COLUMNS = [
    "id",
    "code",
    "person_id",
    "practitioner_id",
    "date",
    "method",
    "who_was_there",
    "stage",
    "kind",
    "what_matters",
    "strengths_own_words",
    "strengths_noticed",
    "contributions",
    "relationships_important",
    "relationships_help",
    "relationships_in_the_way",
    "community_assets",
    "needs",
    "risks",
    "managing_risk",
    "crisis_plan",
    "crisis_review_date",
    "good_life_vision",
    "good_life_what_it_takes",
    "outcome",
    "outcome_notes",
    "next_date",
    "status",
    "review_comment",
    "submitted_at",
    "reviewed_by_id",
    "signed_off_at",
    "created_at",
    "updated_at",
]
HISTORY_COLUMNS = ["history_date", "history_change_reason", "history_type", "history_user_id"]


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = _words(
    "Margaret Joan Dorothy Patricia Jean Sheila Irene Eileen Betty Doreen Jack George "
    "Harry Arthur Albert Stanley Kenneth Ronald Dennis Brian Aisha Priya Amir Fatima Omar "
    "Zainab Kwame Chloe Ryan Emma Liam Olivia Noah Amelia Oliver Isla Jacob Mia Leo Grace "
    "Tomasz Agnieszka"
)
LAST_NAMES = _words(
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Robinson Wright "
    "Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Khan Ahmed "
    "Hussain Ali Begum Nowak Kowalski Okafor Mensah Murphy Kelly Doyle Byrne Hughes "
    "Edwards Hill Moore Lewis"
)
POSTCODES = ["LS6 2QT", "LS7 4BZ", "LS8 1AA", "LS6 3HN", "LS11 5DE", "LS10 2PL", "LS16 5JT"]
WHAT_MATTERS = [
    "Getting back to the allotment in the spring.",
    "Seeing my grandchildren on Sundays.",
    "Staying in my own home, near my friends.",
    "Singing with the choir again.",
    "Keeping my job while my back gets better.",
    "Getting out of the house without being frightened of falling.",
]
STRENGTHS = [
    "I kept going after my husband died.",
    "Knows everyone on the street; people come to her for advice.",
    "Very organised; keeps a diary of every appointment.",
    "Brings people together; ran the tenants' group for years.",
]
CONTRIBUTIONS = ["Looks after the neighbour's cat.", "Runs the street's WhatsApp group.", ""]
NEEDS = ["Help with the stairs.", "Lonely in the evenings.", "Worried about money.", ""]
# (outcome, weight) from each stage.
OUTCOMES = {
    1: [("resolved", 55), ("same_stage", 20), ("stage_2", 10), ("stage_3", 10), ("referred_on", 5)],
    2: [("resolved", 45), ("same_stage", 30), ("stage_3", 20), ("referred_on", 5)],
    3: [("resolved", 50), ("same_stage", 45), ("referred_on", 5)],
}
NEXT_STAGE = {"stage_2": 2, "stage_3": 3}


class ScaleTeam(TypedDict):
    """A team as made here: its id, and the ids of its practitioners and its lead."""

    id: int
    practitioners: list[int]
    lead: int | None


class ScalePerson(TypedDict):
    """A person as made here, with what their records are made from."""

    id: int
    team: ScaleTeam
    practitioner: int | None
    first_contact: datetime.date
    open: bool


class Rows:
    """Writes rows of one model in bulk, with ids given up front so that others can refer
    to them: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, model: type[models.Model], columns: list[str]):
        self.model = model
        fields = {field.attname: field for field in model._meta.concrete_fields}
        # A column not named takes its default (blank, or none), the same in every row: so a
        # field added to a model later is written without anyone remembering to add it here.
        others = [field for name, field in fields.items() if name not in columns]
        self.defaults = tuple(field.get_default() for field in others)
        # COPY takes values as the database stores them (a JSON default, say), ready once.
        self.copied_defaults = tuple(
            field.get_db_prep_save(default, connection)
            for field, default in zip(others, self.defaults, strict=True)
        )
        self.columns = columns + [field.attname for field in others]
        self.table = model._meta.db_table
        self.fields = [fields[name] for name in self.columns]
        most = model._default_manager.aggregate(most=models.Max("pk"))["most"]
        self.next_id = (most or 0) + 1

    def take_ids(self, count: int) -> range:
        ids = range(self.next_id, self.next_id + count)
        self.next_id += count
        return ids

    def write(self, rows: Iterable[tuple]) -> int:
        written = 0
        names = ", ".join(connection.ops.quote_name(name) for name in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {self.table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + self.copied_defaults)
                        written += 1
                return written
            marks = ", ".join(["%s"] * len(self.columns))
            sql = f"INSERT INTO {self.table} ({names}) VALUES ({marks})"
            prepared = [
                [
                    field.get_db_prep_save(value, connection)
                    for field, value in zip(self.fields, row + self.defaults, strict=True)
                ]
                for row in rows
            ]
            cursor.executemany(sql, prepared)
            return len(prepared)


class History:
    """Writes earlier versions of one model's rows into its django-simple-history table, in
    bulk: each version the row as written, with some of its columns as they were then."""

    def __init__(self, model: type[models.Model], columns: list[str]):
        self.columns = {name: index for index, name in enumerate(columns)}
        historical = model.history.model  # type: ignore[attr-defined]
        self.rows = Rows(historical, ["history_id", *columns, *HISTORY_COLUMNS])
        self.versions: list[tuple] = []

    def add(self, row: tuple, at: datetime.datetime, kind: str, by: int | None, **then) -> None:
        """A version of `row` made at `at` by `by`: "+" added, "~" changed."""
        values = list(row)
        for name, value in then.items():
            values[self.columns[name]] = value
        self.versions.append((*values, at, None, kind, by))

    def write(self) -> int:
        ids = self.rows.take_ids(len(self.versions))
        written = self.rows.write(
            (history_id, *version) for history_id, version in zip(ids, self.versions, strict=True)
        )
        self.versions.clear()
        return written


def json_cell(value):
    """A value for a JSON column: COPY to PostgreSQL takes it wrapped; SQLite's INSERT takes it
    as the model field prepares it."""
    if connection.vendor == "postgresql":
        from psycopg.types.json import Jsonb

        return Jsonb(value)
    return value


class Command(BaseCommand):
    help = "Generates realistic records at a large council's scale, in bulk, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--teams", type=int, default=40)
        parser.add_argument("--practitioners", type=int, default=400)
        parser.add_argument("--people", type=int, default=100_000)
        parser.add_argument("--conversations", type=int, help="10 for each person unless given")
        parser.add_argument("--network-members", type=int, help="6 for each person unless given")
        parser.add_argument("--resources", type=int, default=10_000)
        parser.add_argument("--connections", type=int, help="3 for each person unless given")
        parser.add_argument(
            "--history", type=float, default=0.1, help="The share of people and conversations "
            "with earlier versions in their history (0.1: a tenth)"
        )  # fmt: skip
        parser.add_argument("--password", default="scale data password")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        if Team.objects.filter(name__startswith="Scale team").exists():
            raise CommandError("Scale data is already here: generate it into a fresh database")
        for name, each in PER_PERSON.items():
            if options[name] is None:
                options[name] = each * options["people"]
        self.started = time.monotonic()
        enough, saying = disk_check(bytes_needed(options))
        if not enough:
            raise CommandError(saying)
        self.say(saying)
        self.random = random.Random(options["seed"])
        self.today = timezone.localdate()
        self.history_share = options["history"]
        with transaction.atomic():
            teams = self.make_staff(options)
            resources = self.make_resources(options["resources"])
            self.make_second_factors()
            keys = self.foreign_keys_dropped()
            people = self.make_people(options["people"], teams)
            self.make_conversations(people, options["conversations"])
            self.make_networks(people, options["network_members"])
            self.make_connections(people, resources, options["connections"])
            self.foreign_keys_added(keys)
            self.say("Resetting sequences")
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), self.models()):
                    cursor.execute(sql)
        if connection.vendor == "postgresql":
            # As autovacuum would in time: the statistics for the planner, and the visibility
            # map without which PostgreSQL cannot answer from an index alone. (Inside a
            # transaction, as in the tests, only the statistics: VACUUM cannot run there.)
            vacuum = not connection.in_atomic_block
            self.say("Vacuuming and analysing the tables" if vacuum else "Analysing the tables")
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)" if vacuum else "ANALYZE")
        self.say(
            f"Done. Sign in as practitioner1@scale.example.org, lead1@scale.example.org or "
            f"admin@scale.example.org with the password {options['password']!r}, and a code "
            f"from an authenticator app given the key {SECOND_FACTOR_KEY} (hex)"
        )

    def foreign_keys_dropped(self) -> list[tuple[str, str, str]]:
        """On PostgreSQL, the big tables' foreign keys, dropped until every row is in: checked
        row by row they would queue tens of millions of checks for the commit; added again,
        each is checked once, by one join (foreign_keys_added). Returns what to add."""
        if connection.vendor != "postgresql":
            return []
        tables = [model._meta.db_table for model in self.people_models()]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
                [tables],
            )
            keys = cursor.fetchall()
            for table, name, _ in keys:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        return keys

    def foreign_keys_added(self, keys: list[tuple[str, str, str]]) -> None:
        if keys:
            self.say(f"Checking {len(keys)} foreign keys")
        with connection.cursor() as cursor:
            for table, name, definition in keys:
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")

    def people_models(self) -> list[type[models.Model]]:
        """What is made for each person, by the million: the tables copied in bulk."""
        return [
            Person,
            Person.history.model,
            Conversation,
            Conversation.history.model,
            Action,
            Review,
            NetworkMember,
            ReciprocityNote,
            Connection,
        ]

    def models(self) -> list[type[models.Model]]:
        return [Team, User, Category, CommunityResource, *self.people_models()]

    def say(self, message: str) -> None:
        self.stdout.write(f"[{time.monotonic() - self.started:6.1f} s] {message}")
        self.stdout.flush()

    def day_within(self, start: datetime.date, end: datetime.date) -> datetime.date:
        span = max(0, (end - start).days)
        return start + datetime.timedelta(days=self.random.randint(0, span))

    def moment(self, day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))

    def counts(self, total: int, among: int) -> list[int]:
        """How many of `total` each of `among` gets: around the mean, adding up to `total`."""
        if not among:
            return []
        mean = total // among
        low, high = mean // 2, mean + (mean + 1) // 2 + 1
        shares = [self.random.randint(low, high) for _ in range(among)]
        difference = total - sum(shares)
        step = 1 if difference > 0 else -1
        while difference:
            index = self.random.randrange(among)
            if shares[index] + step >= 0:
                shares[index] += step
                difference -= step
        return shares

    # Staff, teams and the directory.

    def make_staff(self, options) -> list[ScaleTeam]:
        self.say("Teams, practitioners, leads and an administrator")
        password = make_password(options["password"])
        now = timezone.now()
        team_rows = Rows(Team, ["id", "name"])
        team_ids = team_rows.take_ids(options["teams"])
        team_rows.write((team_id, f"Scale team {n + 1:02d}") for n, team_id in enumerate(team_ids))
        users = Rows(
            User,
            [
                "id",
                "password",
                "is_superuser",
                "email",
                "full_name",
                "is_active",
                "is_staff",
                "date_joined",
            ],
        )
        staff: list[tuple[str, Role, int | None]] = [
            (
                f"practitioner{n + 1}@scale.example.org",
                Role.PRACTITIONER,
                team_ids[n % len(team_ids)],
            )
            for n in range(options["practitioners"])
        ]
        staff += [
            (f"lead{n + 1}@scale.example.org", Role.TEAM_LEAD, team_id)
            for n, team_id in enumerate(team_ids)
        ]
        staff.append(("admin@scale.example.org", Role.ADMINISTRATOR, None))
        user_ids = users.take_ids(len(staff))
        users.write(
            (
                user_id,
                password,
                False,
                email,
                f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}",
                True,
                False,
                now,
            )
            for user_id, (email, _, _) in zip(user_ids, staff, strict=True)
        )
        groups = {role: Group.objects.get(name=role.group_name).pk for role in Role}
        User.groups.through.objects.bulk_create(
            User.groups.through(user_id=user_id, group_id=groups[role])
            for user_id, (_, role, _) in zip(user_ids, staff, strict=True)
        )
        User.teams.through.objects.bulk_create(
            User.teams.through(user_id=user_id, team_id=team_id)
            for user_id, (_, _, team_id) in zip(user_ids, staff, strict=True)
            if team_id
        )
        teams: list[ScaleTeam] = [
            {"id": team_id, "practitioners": [], "lead": None} for team_id in team_ids
        ]
        by_id = {team["id"]: team for team in teams}
        for user_id, (_, role, team_id) in zip(user_ids, staff, strict=True):
            if team_id is None:
                continue  # the administrator, of no team
            if role == Role.PRACTITIONER:
                by_id[team_id]["practitioners"].append(user_id)
            elif role == Role.TEAM_LEAD:
                by_id[team_id]["lead"] = user_id
        return teams

    def make_second_factors(self) -> None:
        """An authenticator app for every member of staff, all of one known key: the
        benchmarks pass the second factor with it, whichever roles settings say need one."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        staff = User.objects.filter(email__endswith="@scale.example.org").values_list(
            "pk", flat=True
        )
        TOTPDevice.objects.bulk_create(
            TOTPDevice(user_id=pk, name="Authenticator app", confirmed=True, key=SECOND_FACTOR_KEY)
            for pk in staff
        )

    def make_resources(self, count: int) -> list[int]:
        self.say(f"{count:,} community resources")
        categories = Category.objects.bulk_create(
            Category(name=f"{name} (scale)")
            for name in (
                "Food",
                "Company",
                "Gardening",
                "Singing",
                "Walking",
                "Carers",
                "Advice",
                "Money",
                "Men's sheds",
                "Faith",
                "Exercise",
                "Arts",
                "Learning",
                "Volunteering",
            )
        )
        rows = Rows(
            CommunityResource,
            [
                "id",
                "code",
                "external_id",
                "name",
                "organisation",
                "organisation_external_id",
                "description",
                "asset_type",
                "address_line_1",
                "address_line_2",
                "town",
                "county",
                "postcode",
                "area",
                "contact_name",
                "phone",
                "email",
                "website",
                "opening_times",
                "who_for",
                "cost",
                "cost_detail",
                "accessibility",
                "how_to_access",
                "ways_to_give",
                "how_to_give",
                "last_verified",
                "status",
                "category_names",
                "created_at",
                "updated_at",
            ],
        )
        ids = rows.take_ids(count)
        kinds = [
            "lunch club",
            "walking group",
            "choir",
            "repair café",
            "allotment society",
            "carers' group",
            "time bank",
            "library",
        ]
        asset_types = CommunityResource.AssetType.values
        ways_to_give = [[], ["volunteering"], [], ["joining", "giving"], ["giving"]]
        now = timezone.now()
        rows.write(
            (
                resource_id,
                uuid.uuid4(),
                "",
                f"{self.random.choice(LAST_NAMES)} {kinds[n % len(kinds)]} {n}",
                "",
                "",
                f"A friendly {kinds[n % len(kinds)]} that meets every week; everyone welcome.",
                asset_types[n % len(asset_types)],
                f"{n % 300 + 1} High Street",
                "",
                "Leeds",
                "",
                self.random.choice(POSTCODES),
                f"Ward {n % 33 + 1}",
                "",
                "0113 496 0000",
                "",
                "",
                "Thursdays 10am to 12 noon",
                "Anyone",
                CommunityResource.Cost.values[n % 4],
                "",
                "",
                "self_referral",
                json_cell(ways_to_give[n % len(ways_to_give)]),
                "Volunteers welcome: ask at the door" if n % len(ways_to_give) == 1 else "",
                self.day_within(self.today - datetime.timedelta(days=800), self.today),
                "active",
                ", ".join(sorted(categories[(n + step) % len(categories)].name for step in (0, 5))),
                now,
                now,
            )
            for n, resource_id in enumerate(ids)
        )
        Through = CommunityResource.categories.through
        Through.objects.bulk_create(
            (
                Through(
                    communityresource_id=resource_id,
                    category_id=categories[(n + step) % len(categories)].pk,
                )
                for n, resource_id in enumerate(ids)
                for step in (0, 5)
            ),
            batch_size=5000,
        )
        return list(ids)

    # People and their records.

    def make_people(self, count: int, teams: list[ScaleTeam]) -> list[ScalePerson]:
        self.say(f"{count:,} people")
        rows = Rows(
            Person,
            [
                "id",
                "code",
                "preferred_name",
                "given_names",
                "family_name",
                "pronouns",
                "date_of_birth",
                "nhs_number",
                "address",
                "postcode",
                "phone",
                "email",
                "interpreter_needed",
                "language",
                "communication_needs",
                "first_contact_date",
                "team_id",
                "practitioner_id",
                "status",
                "status_reason",
                "status_changed_on",
                "consent_to_record",
                "consent_to_share",
                "consent_date",
                "created_at",
                "updated_at",
            ],
        )
        ids = rows.take_ids(count)
        start = self.today.replace(year=self.today.year - YEARS)
        people: list[ScalePerson] = []
        for person_id in ids:
            team = teams[person_id % len(teams)]
            people.append(
                {
                    "id": person_id,
                    "team": team,
                    "practitioner": self.random.choice(team["practitioners"])
                    if team["practitioners"]
                    else None,
                    "first_contact": self.day_within(start, self.today),
                    "open": self.random.random() < 0.85,
                }
            )
        now = timezone.now()
        history = History(Person, rows.columns[: rows.columns.index("updated_at") + 1])

        def with_history(row: tuple, person: ScalePerson) -> tuple:
            if self.random.random() < self.history_share:
                self.versions_of_person(history, row, person)
            return row

        rows.write(with_history(self.person_row(person, now), person) for person in people)
        self.say(f"  {history.write():,} earlier versions of people")
        return people

    def person_row(self, person: ScalePerson, now: datetime.datetime) -> tuple:
        return (
            person["id"],
            uuid.uuid4(),
            (given := self.random.choice(FIRST_NAMES)),
            given,
            self.random.choice(LAST_NAMES),
            "",
            self.day_within(datetime.date(1930, 1, 1), datetime.date(2004, 1, 1)),
            "",
            "",
            self.random.choice(POSTCODES),
            "",
            "",
            False,
            "",
            "",
            person["first_contact"],
            person["team"]["id"],
            person["practitioner"],
            "open" if person["open"] else "closed",
            "" if person["open"] else "Resolved",
            None if person["open"] else self.today,
            True,
            False,
            person["first_contact"],
            now,
            now,
        )

    def versions_of_person(self, history: History, row: tuple, person: ScalePerson) -> None:
        """Added with another postcode and no phone, changed since; closed last, if closed."""
        by = person["practitioner"] or person["team"]["lead"]
        added = self.moment(person["first_contact"])
        moved = self.moment(self.day_within(person["first_contact"], self.today))
        postcode = self.random.choice(POSTCODES)
        history.add(row, added, "+", by, postcode=postcode, status="open", status_reason="")
        open_then = {"status": "open", "status_reason": "", "status_changed_on": None}
        history.add(row, moved, "~", by, **({} if person["open"] else open_then))
        if not person["open"]:
            history.add(row, self.moment(self.today), "~", by)

    def make_conversations(self, people: list[ScalePerson], total: int) -> None:
        self.say(f"{total:,} conversations, with their reviews and actions")
        conversations = Rows(Conversation, CONVERSATION_COLUMNS)
        reviews = Rows(Review, ["id", "conversation_id", "kind", "by_id", "comment", "at"])
        actions = Rows(
            Action,
            ["id", "code", "conversation_id", "what", "who", "who_name", "due", "done", "done_at"],
        )
        history = History(Conversation, conversations.columns[: len(CONVERSATION_COLUMNS)])
        counts = self.counts(total, len(people))
        written = {"reviews": 0, "actions": 0, "versions": 0}
        # A batch of people at a time, so that memory holds one batch's reviews and actions.
        for start in range(0, len(people), BATCH):
            if start:
                self.say(f"  … conversations of {start:,} people")
            review_rows: list[tuple] = []
            action_rows: list[tuple] = []
            conversations.write(
                row
                for person, count in zip(
                    people[start : start + BATCH], counts[start : start + BATCH], strict=True
                )
                for row in self.conversations_of(
                    person, count, conversations, review_rows, action_rows, history
                )
            )
            written["reviews"] += reviews.write(
                (next_id, *row)
                for next_id, row in zip(
                    reviews.take_ids(len(review_rows)), review_rows, strict=True
                )
            )
            written["actions"] += actions.write(
                (next_id, *row)
                for next_id, row in zip(
                    actions.take_ids(len(action_rows)), action_rows, strict=True
                )
            )
            written["versions"] += history.write()
        self.say(
            f"  {written['reviews']:,} reviews, {written['actions']:,} actions and "
            f"{written['versions']:,} earlier versions of conversations"
        )

    def conversations_of(
        self, person, count, conversations, review_rows, action_rows, history
    ) -> Iterator[tuple]:
        practitioner = person["practitioner"] or next(iter(person["team"]["practitioners"]), None)
        lead = person["team"]["lead"]
        if practitioner is None or count == 0:
            return
        days = sorted(self.day_within(person["first_contact"], self.today) for _ in range(count))
        stage = 1
        for index, (conversation_id, day) in enumerate(
            zip(conversations.take_ids(count), days, strict=True)
        ):
            outcome = self.random.choices(*zip(*OUTCOMES[stage], strict=True))[0]
            recent = (self.today - day).days < 30
            status = "signed_off"
            if recent and index == count - 1:
                status = self.random.choice(["draft", "submitted", "signed_off"])
            submitted = self.moment(day + datetime.timedelta(days=1)) if status != "draft" else None
            signed = (
                self.moment(day + datetime.timedelta(days=3)) if status == "signed_off" else None
            )
            row = (
                conversation_id,
                uuid.uuid4(),
                person["id"],
                practitioner,
                day,
                self.random.choice(["home_visit", "phone", "video", "community_venue", "office"]),
                "The person and their daughter",
                stage,
                "network_meeting" if self.random.random() < 0.05 else "one_to_one",
                self.random.choice(WHAT_MATTERS),
                self.random.choice(STRENGTHS),
                self.random.choice(STRENGTHS),
                self.random.choice(CONTRIBUTIONS),
                "Their daughter; the neighbours.",
                "Phone calls.",
                "",
                "The lunch club.",
                self.random.choice(NEEDS),
                "",
                "",
                "Daily calls for two weeks." if stage == 2 else "",
                day + datetime.timedelta(days=14) if stage == 2 else None,
                "A life with friends and music." if stage == 3 else "",
                "",
                outcome,
                "",
                None,
                status,
                "",
                submitted,
                lead if signed else None,
                signed,
                self.moment(day),
                self.moment(day),
            )
            yield row
            if self.random.random() < self.history_share:
                self.versions_of_conversation(history, row, practitioner)
            if submitted:
                review_rows.append((conversation_id, "submitted", practitioner, "", submitted))
            if signed and lead:
                review_rows.append((conversation_id, "signed_off", lead, "", signed))
            if self.random.random() < 0.4:
                due = day + datetime.timedelta(days=self.random.randint(7, 60))
                # Actions long past are nearly all done; the last month's, some.
                settled = 0.99 if (self.today - due).days > 30 else 0.6
                done = due < self.today and self.random.random() < settled
                action_rows.append(
                    (
                        uuid.uuid4(),
                        conversation_id,
                        "Ring the lunch club together",
                        "person",
                        "",
                        due,
                        done,
                        self.moment(due) if done else None,
                    )
                )
            stage = NEXT_STAGE.get(outcome, stage)

    def versions_of_conversation(self, history: History, row: tuple, practitioner: int) -> None:
        """Begun as a draft with less written; then submitted, then signed off, as it is now."""
        named = dict(zip(CONVERSATION_COLUMNS, row, strict=True))
        draft = {"status": "draft", "submitted_at": None, "reviewed_by_id": None}
        draft |= {"signed_off_at": None, "strengths_noticed": "", "outcome_notes": ""}
        history.add(row, named["created_at"], "+", practitioner, **draft)
        if named["status"] == "draft":
            history.add(row, named["created_at"] + datetime.timedelta(hours=1), "~", practitioner)
            return
        submitted = {"status": "submitted", "reviewed_by_id": None, "signed_off_at": None}
        history.add(
            row,
            named["submitted_at"],
            "~",
            practitioner,
            **(submitted if named["signed_off_at"] else {}),
        )
        if named["signed_off_at"]:
            history.add(row, named["signed_off_at"], "~", named["reviewed_by_id"])

    def make_networks(self, people: list[ScalePerson], total: int) -> None:
        self.say(f"{total:,} network members, with reciprocity notes")
        members = Rows(
            NetworkMember,
            [
                "id",
                "code",
                "person_id",
                "name",
                "linked_person_id",
                "relationship",
                "relationship_detail",
                "closeness",
                "contact",
                "gives_person",
                "person_gives",
                "started_on",
                "ended_on",
                "end_reason",
                "created_by_id",
            ],
        )
        notes = Rows(
            ReciprocityNote,
            ["id", "member_id", "connection_id", "date", "direction", "text", "author_id"],
        )
        note_rows = []
        relationships = NetworkMember.Relationship.values
        closeness = ["strong", "strong", "moderate", "moderate", "tenuous", "stressful"]

        def rows() -> Iterator[tuple]:
            for person, count in zip(people, self.counts(total, len(people)), strict=True):
                author = person["practitioner"] or next(iter(person["team"]["practitioners"]), None)
                for member_id in members.take_ids(count):
                    started = self.day_within(
                        person["first_contact"] - datetime.timedelta(days=3650), self.today
                    )
                    ended = (
                        self.day_within(started, self.today)
                        if self.random.random() < 0.15
                        else None
                    )
                    gives = "Lifts to the shops" if self.random.random() < 0.6 else ""
                    receives = "Company and cake" if self.random.random() < 0.4 else ""
                    if self.random.random() < 0.5:
                        note_rows.append(
                            (
                                member_id,
                                None,
                                self.day_within(started, self.today),
                                "mutual",
                                "Tea together on Sunday",
                                author,
                            )
                        )
                    yield (
                        member_id,
                        uuid.uuid4(),
                        person["id"],
                        f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}",
                        None,
                        self.random.choice(relationships),
                        "",
                        self.random.choice(closeness),
                        "weekly",
                        gives,
                        receives,
                        started,
                        ended,
                        "Moved away" if ended else "",
                        author,
                    )

        members.write(rows())
        self.say(f"  {len(note_rows):,} reciprocity notes")
        notes.write(
            (next_id, *row)
            for next_id, row in zip(notes.take_ids(len(note_rows)), note_rows, strict=True)
        )

    def make_connections(self, people: list[ScalePerson], resources: list[int], total: int) -> None:
        self.say(f"{total:,} community connections")
        connections = Rows(
            Connection,
            [
                "id",
                "code",
                "person_id",
                "resource_id",
                "status",
                "role",
                "notes",
                "created_by_id",
                "created_at",
                "updated_at",
            ],
        )
        statuses = ["suggested", "introduced", "attending", "attending", "stopped"]
        roles = ["receives", "receives", "receives", "volunteer", "member", "organiser"]

        def rows() -> Iterator[tuple]:
            for person, count in zip(people, self.counts(total, len(people)), strict=True):
                author = person["practitioner"] or next(iter(person["team"]["practitioners"]), None)
                for connection_id in connections.take_ids(count):
                    made = self.moment(self.day_within(person["first_contact"], self.today))
                    yield (
                        connection_id,
                        uuid.uuid4(),
                        person["id"],
                        self.random.choice(resources),
                        self.random.choice(statuses),
                        self.random.choice(roles),
                        "",
                        author,
                        made,
                        made,
                    )

        if resources:
            connections.write(rows())
