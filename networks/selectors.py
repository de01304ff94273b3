"""Reads of the person's network as it was on a day, and of two days compared.

Who was in the network on a day is read from each member's dates as they
stand now (`started_on`, `ended_on`): a date put right later is the truth. How
each tie was (name, relationship, how close, how often in touch, what flowed
each way, who they are linked to) is read from the member's history: the
version saved last by the end of that day, or, for someone recorded only later
with an earlier start ("part of their network since 2015"), the first version
saved, the nearest there is to the day. A member saved through `save_by` always
has history; rows loaded in bulk without it (the scale and benchmark data) are
not in the network as it was. Community connections keep their own history,
read by `community.models.connections_on`.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

from community.models import Connection, connections_on
from people.models import Person

from .ecomap import Tie
from .models import NetworkMember, closest_first

# How strong a tie is, to say whether it grew stronger or weaker between two days. A tie
# that became stressful grew weaker, whatever it was; one that stopped being stressful,
# stronger.
STRENGTH = {"stressful": 0, "tenuous": 1, "moderate": 2, "strong": 3}
# A member is built fastest from every one of its fields, in order: a comparison builds
# one for each member on each day, thousands in a big network.
FIELDS = [field.attname for field in NetworkMember._meta.concrete_fields]


def network_as_of(person: Person, day: datetime.date) -> models.QuerySet:
    """Everyone in the person's network on `day`, each as their history says they were at
    the end of it, in the order of the network's table; one query however many there are.

    The members are NetworkMembers built from their versions: they carry the version's
    values, `linked_person_id` included, but no related record fetched with them.
    """
    end_of_day = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    versions = NetworkMember.history.filter(id=models.OuterRef("pk"))
    by_then = versions.filter(history_date__lte=end_of_day).order_by("-history_date", "-history_id")
    first = versions.order_by("history_date", "history_id")
    chosen = (
        NetworkMember.objects.filter(person=person)
        .active_on(day)
        .annotate(
            version=Coalesce(
                models.Subquery(by_then.values("history_id")[:1]),
                models.Subquery(first.values("history_id")[:1]),
            )
        )
        .values("version")
    )
    return (
        NetworkMember.history.filter(history_id__in=chosen)
        .as_instances()
        .order_by("relationship", "name", "id")
    )


@dataclass(frozen=True)
class NetworkOnDay:
    """The person's network on one day: everyone in it and the connections, as they were,
    and the closest of them, whom an ecomap with room for `drawn` people draws."""

    day: datetime.date
    members: list[NetworkMember]
    closest: list[NetworkMember]
    connections: list[Connection]

    @cached_property
    def ties(self) -> dict[tuple[str, int], Tie]:
        ties = [Tie.of_member(member) for member in self.members]
        ties += [Tie.of_connection(connection) for connection in self.connections]
        return {tie.key: tie for tie in ties}

    @cached_property
    def two_way(self) -> list[Tie]:
        """Ties where support flows both ways."""
        return _by_name(tie for tie in self.ties.values() if tie.flow == "both")


def network_on(person: Person, day: datetime.date, *, drawn: int) -> NetworkOnDay:
    """The network on `day`, in four queries (two for the connections) however big."""
    members = network_as_of(person, day)
    return NetworkOnDay(
        day=day,
        members=_compared(members),
        closest=_compared(closest_first(members)[:drawn]),
        connections=connections_on(person, day),
    )


def _compared(members: models.QuerySet) -> list[NetworkMember]:
    """Members built from their versions' rows, without the versions themselves."""
    return [NetworkMember.from_db(members.db, FIELDS, row) for row in members.values_list(*FIELDS)]


@dataclass(frozen=True)
class TieChange:
    before: Tie
    after: Tie


@dataclass(frozen=True)
class NetworkComparison:
    """The network on two days, and what changed between them."""

    first: NetworkOnDay
    second: NetworkOnDay

    @cached_property
    def gained(self) -> list[Tie]:
        """Ties in the network on the second day that were not on the first."""
        return _by_name(t for k, t in self.second.ties.items() if k not in self.first.ties)

    @cached_property
    def lost(self) -> list[Tie]:
        """Ties in the network on the first day that were not on the second."""
        return _by_name(t for k, t in self.first.ties.items() if k not in self.second.ties)

    @cached_property
    def strengthened(self) -> list[TieChange]:
        return self._changed(lambda before, after: after > before)

    @cached_property
    def weakened(self) -> list[TieChange]:
        return self._changed(lambda before, after: after < before)

    @cached_property
    def two_way(self) -> list[tuple[Tie, bool, bool]]:
        """Each tie where support flowed both ways on either day, and on which."""
        first = {tie.key: tie for tie in self.first.two_way}
        second = {tie.key: tie for tie in self.second.two_way}
        ties = _by_name({**first, **second}.values())
        return [(tie, tie.key in first, tie.key in second) for tie in ties]

    def marks(self) -> tuple[dict[tuple[str, int], str], dict[tuple[str, int], str]]:
        """What each ecomap marks: on the first, who left; on the second, who joined and
        which ties grew stronger or weaker."""
        first = {tie.key: "lost" for tie in self.lost}
        second = {tie.key: "gained" for tie in self.gained}
        second |= {change.after.key: "stronger" for change in self.strengthened}
        second |= {change.after.key: "weaker" for change in self.weakened}
        return first, second

    def _changed(self, compare: Callable[[int, int], bool]) -> list[TieChange]:
        changes = [
            TieChange(before=before, after=after)
            for key, before in self.first.ties.items()
            if (after := self.second.ties.get(key))
            and compare(STRENGTH[before.closeness], STRENGTH[after.closeness])
        ]
        return sorted(changes, key=lambda change: _name_order(change.after))


def network_compared(
    person: Person, first: datetime.date, second: datetime.date, *, drawn: int
) -> NetworkComparison:
    """The network on `first` and on `second` compared, in a fixed number of queries."""
    return NetworkComparison(
        first=network_on(person, first, drawn=drawn),
        second=network_on(person, second, drawn=drawn),
    )


def _name_order(tie: Tie) -> tuple:
    return (tie.name.casefold(), tie.key)


def _by_name(ties: Iterable[Tie]) -> list[Tie]:
    return sorted(ties, key=_name_order)
