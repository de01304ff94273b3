"""The geometry of the ecomap: the person at the centre, their network around them.

Members sit on one ring, grouped by kind of relationship, and after them the
community resources the person is connected with (drawn as squares), with names
written along the radius so that no two labels overlap however many there are:
the ring grows until neighbours are at least a line of text apart. Past a few
dozen ties no drawing is legible: the view gives it the closest people
(`models.closest_first`) and how many there are in all, and it draws at most
MOST_RESOURCES connections; the page says how many are not drawn. On a page
comparing two dates, a mark before a name says how the tie changed (MARKS).
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from community.models import Connection

from .models import NetworkMember

LINE_HEIGHT = 32  # the least distance between neighbouring members: a circle and a gap
SMALLEST_RING = 150
NODE_RADIUS = 14
CENTRE_RADIUS = 46
LABEL_ROOM = 215  # space outside the ring for a name of up to LABEL_CHARACTERS at 13px
LABEL_CHARACTERS = 24
MARGIN = 16
MOST_RESOURCES = 20

GROUP_ORDER = [choice for choice, _ in NetworkMember.Relationship.choices]
# Each kind of relationship has its own fill; the legend names it, so colour is
# never the only way to tell them apart (the table says it in words).
GROUP_FILLS = {
    "family": "#d4351c",
    "partner": "#912b88",
    "friend": "#00703c",
    "neighbour": "#1d70b8",
    "community": "#f47738",
    "colleague": "#4c2c92",
    "professional": "#505a5f",
    "paid_carer": "#28a197",
    "other": "#b1b4b6",
}
RESOURCE_FILL = "#ffdd00"
RESOURCE_LABEL = "Community resource (square)"
# A connection is drawn like a tie: attending as a steady line, an introduction
# not yet taken up as a tenuous one; support flows as the person's role says.
CONNECTION_LINES = {"attending": "moderate", "introduced": "tenuous", "suggested": "tenuous"}
CONNECTION_FLOWS = {
    "receives": "to_person",
    "volunteer": "from_person",
    "organiser": "from_person",
    "member": "both",
}
# Marks on an ecomap comparing two dates, before a tie's name: its symbol, and in words.
MARKS = {
    "gained": ("+", "joined between the two dates"),
    "lost": ("×", "left between the two dates"),
    "stronger": ("↑", "grew stronger between the two dates"),
    "weaker": ("↓", "grew weaker between the two dates"),
}


@dataclass(frozen=True)
class Tie:
    """Someone or something in the person's network, as the ecomap draws it."""

    name: str
    description: str
    closeness: str
    flow: str
    fill: str
    member: NetworkMember | None = None
    connection: Connection | None = None

    @classmethod
    def of_member(cls, member: NetworkMember) -> "Tie":
        kind = f"{member.get_relationship_display()}, {member.get_closeness_display()}"
        return cls(
            name=member.name,
            description=f"{member.name}: {kind.lower()}",
            closeness=member.closeness,
            flow=member.flow,
            fill=GROUP_FILLS[member.relationship],
            member=member,
        )

    @classmethod
    def of_connection(cls, connection: Connection) -> "Tie":
        kind = f"{connection.get_status_display()}, {connection.get_role_display()}"
        return cls(
            name=connection.resource.name,
            description=f"{connection.resource.name}: community resource, {kind.lower()}",
            closeness=CONNECTION_LINES.get(connection.status, "tenuous"),
            flow=CONNECTION_FLOWS.get(connection.role, "none"),
            fill=RESOURCE_FILL,
            connection=connection,
        )

    @property
    def is_resource(self) -> bool:
        return self.connection is not None

    @property
    def key(self) -> tuple[str, int]:
        """The same for one member, or one connection, on any date."""
        if self.member:
            return "member", self.member.pk
        assert self.connection  # a tie is a member or a connection
        return "connection", self.connection.pk

    @property
    def kind(self) -> str:
        """The relationship, in words."""
        return self.member.get_relationship_display() if self.member else "Community resource"

    @property
    def how_close(self) -> str:
        """How close the tie is, in words: a connection says where things are."""
        if self.member:
            return self.member.get_closeness_display()
        assert self.connection  # a tie is a member or a connection
        return self.connection.get_status_display()


@dataclass(frozen=True)
class Node:
    tie: Tie
    x: float
    y: float
    label: str
    label_x: float
    label_y: float
    label_rotation: float
    label_anchor: str
    line: str  # SVG path from the member to the person
    fill: str
    mark: str = ""  # one of MARKS, on an ecomap comparing two dates

    @property
    def description(self) -> str:
        return (
            f"{self.tie.description} ({MARKS[self.mark][1]})" if self.mark else self.tie.description
        )

    @property
    def member(self) -> NetworkMember | None:
        return self.tie.member

    @property
    def corner(self) -> tuple[float, float]:
        """The top left of a resource's square, which is centred where a member's circle is."""
        return self.x - NODE_RADIUS + 1, self.y - NODE_RADIUS + 1


@dataclass(frozen=True)
class Ecomap:
    size: float
    centre: float
    nodes: list[Node]
    people_not_drawn: int = 0
    resources_not_drawn: int = 0

    @property
    def people(self) -> int:
        return sum(1 for node in self.nodes if node.member)

    @property
    def resources(self) -> int:
        return len(self.nodes) - self.people

    @property
    def groups(self) -> list[tuple[str, str, bool]]:
        """The key's entries: a label, a fill, and whether the shape is a square."""
        shown = {node.member.relationship for node in self.nodes if node.member}
        groups = [
            (label, GROUP_FILLS[value], False)
            for value, label in NetworkMember.Relationship.choices
            if value in shown
        ]
        if self.resources:
            groups.append((RESOURCE_LABEL, RESOURCE_FILL, True))
        return groups

    @property
    def marked(self) -> list[tuple[str, str, int]]:
        """The key's marks, each as a symbol, its meaning and how many ties it marks."""
        counts = {mark: sum(1 for node in self.nodes if node.mark == mark) for mark in MARKS}
        return [(*MARKS[mark], count) for mark, count in counts.items() if count]


def ecomap_for(
    members: list[NetworkMember],
    connections: Sequence[Connection] = (),
    *,
    people: int = 0,
    marks: Mapping[tuple[str, int], str] | None = None,
) -> Ecomap:
    """The ecomap of `members` (all the network, or the closest of the `people` in it)
    and of the first MOST_RESOURCES `connections` by name; `marks` (by `Tie.key`) puts one
    of MARKS before a tie's name."""
    ordered = sorted(members, key=lambda m: (GROUP_ORDER.index(m.relationship), m.name, m.pk))
    resources = sorted(connections, key=lambda c: (c.resource.name, c.pk))[:MOST_RESOURCES]
    ties = [Tie.of_member(member) for member in ordered]
    ties += [Tie.of_connection(connection) for connection in resources]
    ring = max(SMALLEST_RING, len(ties) * LINE_HEIGHT / (2 * math.pi))
    centre = ring + LABEL_ROOM + MARGIN
    marks = marks or {}
    nodes = [
        _node(tie, index, len(ties), ring, centre, marks.get(tie.key, ""))
        for index, tie in enumerate(ties)
    ]
    return Ecomap(
        size=2 * centre,
        centre=centre,
        nodes=nodes,
        people_not_drawn=max(0, people - len(members)),
        resources_not_drawn=len(connections) - len(resources),
    )


def _node(tie: Tie, index: int, count: int, ring: float, centre: float, mark: str) -> Node:
    angle = 2 * math.pi * index / count - math.pi / 2  # the first member at twelve o'clock
    cos, sin = math.cos(angle), math.sin(angle)
    x, y = centre + ring * cos, centre + ring * sin
    degrees = math.degrees(angle)
    on_left = cos < -1e-9
    label_distance = ring + NODE_RADIUS + 6
    return Node(
        tie=tie,
        x=x,
        y=y,
        # A mark takes two of the label's characters, so that it still fits the picture.
        label=f"{MARKS[mark][0]} {_short(tie.name, LABEL_CHARACTERS - 2)}"
        if mark
        else _short(tie.name),
        label_x=centre + label_distance * cos,
        label_y=centre + label_distance * sin,
        # Names on the left are turned the right way up and read towards the ring.
        label_rotation=degrees + 180 if on_left else degrees,
        label_anchor="end" if on_left else "start",
        line=_line(tie.closeness, (x, y), (centre, centre)),
        fill=tie.fill,
        mark=mark,
    )


def _short(name: str, most: int = LABEL_CHARACTERS) -> str:
    return name if len(name) <= most else name[: most - 1] + "…"


def _line(closeness: str, member: tuple[float, float], person: tuple[float, float]) -> str:
    """The path between the two circles' edges; a stressful tie is drawn as a zigzag."""
    (x1, y1), (x2, y2) = member, person
    length = math.hypot(x2 - x1, y2 - y1)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    start = (x1 + ux * (NODE_RADIUS + 3), y1 + uy * (NODE_RADIUS + 3))
    end = (x2 - ux * (CENTRE_RADIUS + 3), y2 - uy * (CENTRE_RADIUS + 3))
    if closeness != NetworkMember.Closeness.STRESSFUL:
        return f"M {start[0]:.1f} {start[1]:.1f} L {end[0]:.1f} {end[1]:.1f}"
    span = math.hypot(end[0] - start[0], end[1] - start[1])
    steps = max(2, int(span // 10))
    points = []
    for step in range(steps + 1):
        along = span * step / steps
        offset = 0 if step in (0, steps) else (5 if step % 2 else -5)
        points.append((start[0] + ux * along - uy * offset, start[1] + uy * along + ux * offset))
    return "M " + " L ".join(f"{px:.1f} {py:.1f}" for px, py in points)
