"""Checking an extract as a whole, before anything is saved: references unique and not
imported before, NHS numbers not held already, teams and practitioners that are here, each
key date and network member belonging to a person of the extract, and dates that agree.

What the checks build is what saving writes: the unsaved people, their previous records,
key dates and network members, so that a check and an import count the same things.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import Team, User
from networks.models import NetworkMember
from people.models import Person

from .layout import KEY_DATES, NETWORK, PEOPLE, File
from .models import KeyDate, PreviousRecord
from .reading import Problem, Row, Table, read_table

BATCH = 1000


@dataclass(frozen=True)
class Upload:
    name: str  # the file's name as sent
    content: bytes


@dataclass
class Plan:
    """What saving the extract would write, and what is wrong with it."""

    problems: list[Problem] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    references: list[str] = field(default_factory=list)  # in the order of `people`
    key_dates: dict[str, list[KeyDate]] = field(default_factory=lambda: defaultdict(list))
    members: dict[str, list[NetworkMember]] = field(default_factory=lambda: defaultdict(list))
    files: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return {
            "people": len(self.people),
            "open": sum(person.is_open for person in self.people),
            "key_dates": sum(len(dates) for dates in self.key_dates.values()),
            "network_members": sum(len(members) for members in self.members.values()),
        }

    def people_by_team(self) -> list[tuple[str, int]]:
        counted = Counter(person.team.name for person in self.people)
        return sorted(counted.items())


def plan_import(
    people: Upload, key_dates: Upload | None = None, network: Upload | None = None
) -> Plan:
    """Reads and checks the files; the plan holds problems, or everything to save."""
    plan = Plan(files=[upload.name for upload in [people, key_dates, network] if upload])
    tables = {
        file.name: _read(file, upload, plan)
        for file, upload in [(PEOPLE, people), (KEY_DATES, key_dates), (NETWORK, network)]
        if upload is not None
    }
    if plan.problems:
        plan.problems.sort(key=_order)
        return plan
    lines = _check_people(tables[PEOPLE.name], plan)
    if KEY_DATES.name in tables:
        _check_key_dates(tables[KEY_DATES.name], lines, plan)
    if NETWORK.name in tables:
        _check_network(tables[NETWORK.name], lines, plan)
    plan.problems.sort(key=_order)
    return plan


def _order(problem: Problem) -> tuple:
    files = [PEOPLE.name, KEY_DATES.name, NETWORK.name]
    return (files.index(problem.file), problem.line or 0)


def _read(file: File, upload: Upload, plan: Plan) -> Table:
    table = read_table(file, upload.content)
    plan.problems += table.problems
    return table


def _check_people(table: Table, plan: Plan) -> dict[str, Person]:
    """Builds the unsaved people; gives back each by its reference."""
    problem = _problem_at(table, plan)
    teams = {team.name.casefold(): team for team in Team.objects.filter(closed_on__isnull=True)}
    practitioners = _practitioners({row.values.get("practitioner_email") for row in table.rows})
    references = [row.values["reference"] for row in table.rows]
    imported_before = _existing(PreviousRecord.objects, "reference", references)
    nhs_numbers = [row.values["nhs_number"] for row in table.rows if "nhs_number" in row.values]
    held = _existing(Person.objects.filter(anonymised_on__isnull=True), "nhs_number", nhs_numbers)
    first_line: dict[tuple[str, str], int] = {}
    by_reference: dict[str, Person] = {}
    for row in table.rows:
        values = row.values
        for column in ["reference", "nhs_number"]:
            if column not in values:
                continue
            earlier = first_line.setdefault((column, values[column]), row.line)
            if earlier != row.line:
                problem(
                    row, column, f"the same as on line {earlier}: each person is in the file once"
                )
        if values["reference"] in imported_before:
            problem(row, "reference", "already imported: someone here came in with this reference")
        if values.get("nhs_number") in held:
            problem(
                row,
                "nhs_number",
                "someone here already has this NHS number: take the line out, or ask whoever "
                "looks after people's records to check who they are",
            )
        team = teams.get(values["team"].casefold())
        if team is None:
            problem(row, "team", "no open team here has this name: check its spelling here")
        person = _person(row, team, practitioners, problem)
        if person is not None and team is not None:
            plan.people.append(person)
            plan.references.append(values["reference"])
            by_reference[values["reference"]] = person
    return by_reference


def _person(row: Row, team: Team | None, practitioners: dict, problem) -> Person | None:
    values = row.values
    given = values["given_names"]
    person = Person(
        given_names=given,
        family_name=values["family_name"],
        preferred_name=values.get("preferred_name") or given.split()[0],
        date_of_birth=values.get("date_of_birth"),
        nhs_number=values.get("nhs_number", ""),
        address=values.get("address", ""),
        postcode=values.get("postcode", ""),
        phone=values.get("phone", ""),
        email=values.get("email", ""),
        language=values.get("preferred_language", ""),
        interpreter_needed=values.get("interpreter_needed", False),
        first_contact_date=values["first_contact_date"],
    )
    if team is not None:
        person.team = team
    problems = 0
    email = values.get("practitioner_email")
    if email:
        practitioner, their_teams = practitioners.get(email, (None, set()))
        if practitioner is None:
            problem(row, "practitioner_email", "no one here who works with people has this email")
            problems += 1
        elif team is not None and team.pk not in their_teams:
            problem(row, "practitioner_email", "this practitioner is not a member of the team")
            problems += 1
        else:
            person.practitioner = practitioner
    born = person.date_of_birth
    if born and person.first_contact_date < born:
        problem(row, "first_contact_date", "before their date of birth")
        problems += 1
    closed = values.get("status") == "closed"
    if closed:
        if "closed_on" not in values:
            problem(row, "closed_on", "empty: a closed record needs the date it was closed")
            problems += 1
        elif values["closed_on"] < person.first_contact_date:
            problem(row, "closed_on", "before the first contact date")
            problems += 1
        person.status = Person.Status.CLOSED
        person.status_changed_on = values.get("closed_on")
        person.status_reason = values.get("closed_reason", "")
        # Why, in words: the reasons asked when a record is closed here were not asked there.
        person.closed_because = Person.ClosedBecause.OTHER
    else:
        for column in ["closed_on", "closed_reason"]:
            if column in values:
                problem(
                    row,
                    column,
                    "only for a closed record: write closed in status, or leave this empty",
                )
                problems += 1
    return None if problems else person


def _check_key_dates(table: Table, people: dict[str, Person], plan: Plan) -> None:
    problem = _problem_at(table, plan)
    due_on: dict[str, int] = {}
    for row in table.rows:
        values = row.values
        reference = values["reference"]
        if reference not in people:
            problem(row, "reference", "no line of people.csv has this reference")
            continue
        if values["kind"] == KeyDate.Kind.REVIEW_DUE:
            earlier = due_on.setdefault(reference, row.line)
            if earlier != row.line:
                problem(row, "kind", f"a second review_due for this person (line {earlier})")
                continue
        elif values["date"] > timezone.localdate():
            problem(row, "date", "in the future: only review_due may be")
            continue
        key_date = KeyDate(kind=values["kind"], date=values["date"], note=values.get("note", ""))
        plan.key_dates[reference].append(key_date)


def _check_network(table: Table, people: dict[str, Person], plan: Plan) -> None:
    problem = _problem_at(table, plan)
    for row in table.rows:
        values = row.values
        person = people.get(values["reference"])
        if person is None:
            problem(row, "reference", "no line of people.csv has this reference")
            continue
        member = NetworkMember(
            name=values["name"],
            relationship=values["relationship"],
            relationship_detail=values.get("relationship_detail", ""),
            closeness=values["closeness"],
            contact=values.get("how_often_in_touch", ""),
            unpaid_carer=values.get("unpaid_carer", False),
            carer_offered_on=values.get("carer_offered_on"),
            carer_offer=values.get("carer_offer", ""),
            gives_person=values.get("gives_person", ""),
            person_gives=values.get("person_gives", ""),
            in_persons_copy=values.get("in_persons_copy", True),
            # Not known: the network as it stood when the service met them, so that the
            # measures of how a network grew start from it.
            started_on=values.get("started_on", person.first_contact_date),
            ended_on=values.get("ended_on"),
            end_reason=values.get("end_reason", ""),
        )
        if _member_problems(row, member, problem) == 0:
            plan.members[values["reference"]].append(member)


def _member_problems(row: Row, member: NetworkMember, problem) -> int:
    found = []
    if member.carer_offered_on and not member.unpaid_carer:
        found.append(("carer_offered_on", "only for an unpaid carer: write yes in unpaid_carer"))
    if member.carer_offer and not member.carer_offered_on:
        found.append(("carer_offer", "only with carer_offered_on: when it was offered"))
    if member.ended_on and member.ended_on < member.started_on:
        found.append(("ended_on", "before they joined the network (started_on)"))
    if member.end_reason and not member.ended_on:
        found.append(("end_reason", "only with ended_on: when they left"))
    for column, message in found:
        problem(row, column, message)
    return len(found)


def _problem_at(table: Table, plan: Plan):
    def problem(row: Row, column: str, message: str) -> None:
        plan.problems.append(Problem(table.file.name, row.line, column, message))

    return problem


def _practitioners(emails: set) -> dict[str, tuple[User, set[int]]]:
    """Active staff who work with people, by email, each with the ids of their teams."""
    wanted = sorted(email for email in emails if email)
    found: dict[str, tuple[User, set[int]]] = {}
    works = Q(groups__permissions__codename="work_with_people") | Q(
        user_permissions__codename="work_with_people"
    )
    for start in range(0, len(wanted), BATCH):
        users = (
            User.objects.annotate(lower_email=Lower("email"))
            .filter(works, is_active=True, lower_email__in=wanted[start : start + BATCH])
            .distinct()
            .prefetch_related("teams")
        )
        for user in users:
            found[user.email.lower()] = (user, {team.pk for team in user.teams.all()})
    return found


def _existing(rows, column: str, values: list[str]) -> set[str]:
    """Which of `values` some row already holds in `column`, asked in batches."""
    found: set[str] = set()
    for start in range(0, len(values), BATCH):
        batch = values[start : start + BATCH]
        found |= set(rows.filter(**{f"{column}__in": batch}).values_list(column, flat=True))
    return found
