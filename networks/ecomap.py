"""The geometry of the ecomap: the person at the centre, their network around them.

Members sit on one ring, grouped by kind of relationship, with their names
written along the radius so that no two labels overlap however many there are:
the ring grows until neighbours are at least a line of text apart.
"""

import math
from dataclasses import dataclass

from .models import NetworkMember

LINE_HEIGHT = 32  # the least distance between neighbouring members: a circle and a gap
SMALLEST_RING = 150
NODE_RADIUS = 14
CENTRE_RADIUS = 46
LABEL_ROOM = 215  # space outside the ring for a name of up to LABEL_CHARACTERS at 13px
LABEL_CHARACTERS = 24
MARGIN = 16

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


@dataclass(frozen=True)
class Node:
    member: NetworkMember
    x: float
    y: float
    label: str
    label_x: float
    label_y: float
    label_rotation: float
    label_anchor: str
    line: str  # SVG path from the member to the person
    fill: str


@dataclass(frozen=True)
class Ecomap:
    size: float
    centre: float
    nodes: list[Node]

    @property
    def groups(self) -> list[tuple[str, str]]:
        shown = {node.member.relationship for node in self.nodes}
        return [
            (label, GROUP_FILLS[value])
            for value, label in NetworkMember.Relationship.choices
            if value in shown
        ]


def ecomap_for(members: list[NetworkMember]) -> Ecomap:
    ordered = sorted(members, key=lambda m: (GROUP_ORDER.index(m.relationship), m.name, m.pk))
    ring = max(SMALLEST_RING, len(ordered) * LINE_HEIGHT / (2 * math.pi))
    centre = ring + LABEL_ROOM + MARGIN
    nodes = [
        _node(member, index, len(ordered), ring, centre) for index, member in enumerate(ordered)
    ]
    return Ecomap(size=2 * centre, centre=centre, nodes=nodes)


def _node(member: NetworkMember, index: int, count: int, ring: float, centre: float) -> Node:
    angle = 2 * math.pi * index / count - math.pi / 2  # the first member at twelve o'clock
    cos, sin = math.cos(angle), math.sin(angle)
    x, y = centre + ring * cos, centre + ring * sin
    degrees = math.degrees(angle)
    on_left = cos < -1e-9
    label_distance = ring + NODE_RADIUS + 6
    return Node(
        member=member,
        x=x,
        y=y,
        label=_short(member.name),
        label_x=centre + label_distance * cos,
        label_y=centre + label_distance * sin,
        # Names on the left are turned the right way up and read towards the ring.
        label_rotation=degrees + 180 if on_left else degrees,
        label_anchor="end" if on_left else "start",
        line=_line(member.closeness, (x, y), (centre, centre)),
        fill=GROUP_FILLS[member.relationship],
    )


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARACTERS else name[: LABEL_CHARACTERS - 1] + "…"


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
