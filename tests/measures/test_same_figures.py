"""The measures, worked out in a few queries of the teams' people, give the very figures that
one query a measure gave before (measures_before.py), over varied records and periods: every
edge of a period, null dates, closed people and restricted records, carers, decisions, plans,
reviews, networks that changed and connections made near midnight."""

import datetime
import random
from dataclasses import asdict

import pytest
from django.utils import timezone

from accounts.models import Restriction, Team
from conversations.models import Conversation
from measures import selectors
from tests.factories import (
    ConnectionFactory,
    ConversationFactory,
    NetworkMemberFactory,
    PersonFactory,
    SafeguardingConcernFactory,
    TeamFactory,
)
from tests.measures import measures_before as before

FIRST_DAY = datetime.date(2024, 1, 1)
DAYS = 900  # to the middle of 2026, before today in every test run


def varied_records(seed: int, teams: list[Team], practitioner) -> list[datetime.date]:
    """People of `teams` (and of a team not measured) with random records; the days used."""
    pick = random.Random(seed)
    days: list[datetime.date] = []

    def day(after: datetime.date | None = None) -> datetime.date:
        """A day of the records, often one used already; or one soon `after` a day."""
        if after is not None:
            chosen = after + datetime.timedelta(days=pick.randrange(0, 120))
        elif days and pick.random() < 0.3:
            chosen = pick.choice(days)
        else:
            chosen = FIRST_DAY + datetime.timedelta(days=pick.randrange(0, DAYS))
        days.append(chosen)
        return chosen

    def maybe(value, chance=0.5):
        return value if pick.random() < chance else None

    def moment(on: datetime.date) -> datetime.datetime:
        # Late in the evening too: London's date is not the UTC one in summer.
        hour = pick.choice([0, 9, 23])
        return datetime.datetime(on.year, on.month, on.day, hour, 30, tzinfo=datetime.UTC)

    elsewhere = TeamFactory(name="A team not measured")
    for _ in range(45):
        person = PersonFactory(
            team=pick.choice([*teams, *teams, elsewhere]),
            practitioner=practitioner,
            first_contact_date=day(),
            status=pick.choice(["open", "open", "closed"]),
        )
        if pick.random() < 0.15:
            Restriction.objects.create(
                person=person, reason="public_figure", restricted_by=practitioner
            )
        for _ in range(pick.randrange(0, 6)):
            signed_off = pick.random() < 0.6
            ConversationFactory(
                person=person,
                practitioner=practitioner,
                date=maybe(day(person.first_contact_date), 0.95),
                stage=pick.choice([1, 1, 1, 2, 2, 3]),
                kind=pick.choice(Conversation.Kind.values),
                outcome=pick.choice(["", "resolved", *Conversation.Outcome.values]),
                status="signed_off" if signed_off else pick.choice(["draft", "submitted"]),
                signed_off_at=moment(day()) if signed_off else None,
                contributions=pick.choice(["", "", "Helps at the food bank"]),
                eligible=pick.choice(["", "yes", "no"]),
                eligibility_decided_on=maybe(day(person.first_contact_date)),
                plan_starts_on=maybe(day(person.first_contact_date)),
                plan_review_date=maybe(day()),
                review_was_due=maybe(day()),
                review_plan=pick.choice(["", *Conversation.PlanAfterReview.values]),
                review_next_date=maybe(day()),
            )
        # Records of one day, told apart by when they were written, then by their order.
        same_moment = timezone.now()
        Conversation.objects.filter(person=person).update(
            created_at=same_moment if pick.random() < 0.3 else timezone.now()
        )
        for _ in range(pick.randrange(0, 5)):
            # Often there at first contact, and some gone since.
            started = person.first_contact_date - datetime.timedelta(days=pick.randrange(-60, 200))
            NetworkMemberFactory(
                person=person,
                started_on=started,
                ended_on=maybe(day(person.first_contact_date), 0.4),
                person_gives=pick.choice(["", "", "Walks her dog"]),
                unpaid_carer=pick.random() < 0.3,
                carer_offered_on=maybe(day()),
                carer_offer=pick.choice(["", "accepted", "declined"]),
            )
        for _ in range(pick.randrange(0, 3)):
            ConnectionFactory(
                person=person,
                created_at=moment(day()),
                status=pick.choice(["suggested", "introduced", "attending", "stopped"]),
                role=pick.choice(["receives", "receives", "volunteer", "organiser"]),
            )
        if pick.random() < 0.3:
            raised = day()
            SafeguardingConcernFactory(
                person=person,
                raised_on=raised,
                decision=pick.choice(["", "enquire", "no_enquiry", "not_decided"]),
                closed_on=maybe(day(raised)),
            )
    return days


def periods(days: list[datetime.date], seed: int) -> list[tuple[datetime.date, datetime.date]]:
    """Periods that start or end on a day something happened, and a few others."""
    pick = random.Random(seed)
    edges = [
        (day, day + datetime.timedelta(days=pick.randrange(0, 400))) for day in pick.sample(days, 6)
    ]
    edges += [
        (day - datetime.timedelta(days=pick.randrange(0, 400)), day) for day in pick.sample(days, 6)
    ]
    edges += [(day, day) for day in pick.sample(days, 2)]
    whole = (FIRST_DAY, FIRST_DAY + datetime.timedelta(days=DAYS + 200))
    return [*edges, whole, (datetime.date(2001, 1, 1), datetime.date(2002, 1, 1))]


def figures(module, teams, start, end) -> list[dict]:
    return [
        asdict(measure) for measure in module.service_measures(module.Period(teams, start, end))
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_counts_as_it_did_one_measure_at_a_time(seed, team, other_team, practitioner):
    days = varied_records(seed, [team, other_team], practitioner)
    for teams in [
        Team.objects.filter(pk=team.pk),
        Team.objects.filter(pk__in=[team.pk, other_team.pk]),
    ]:
        for start, end in periods(days, seed):
            assert figures(selectors, teams, start, end) == figures(before, teams, start, end), (
                start,
                end,
            )
