"""Horizontal bar charts, drawn on the server as SVG: each bar labelled above and
its number written at its end, so the chart reads without colour or hovering."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .selectors import Measure

WIDTH = 640
BAR_HEIGHT = 22
LABEL_HEIGHT = 20
GAP = 14
NUMBER_ROOM = 70  # to the right of the longest bar, for its number


def in_svg(value: float, places: int = 1) -> str:
    """`value` as the template filter floatformat writes it (rounded half up), for the SVG's
    coordinates: written here, since that filter on every bar was a third of the page's
    drawing."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{rounded:f}"


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str
    y: float
    width: float

    @property
    def label_y(self) -> float:
        return self.y - 6

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT / 2

    @property
    def text_x(self) -> float:
        return self.width + 6

    @property
    def in_svg(self) -> dict[str, str]:
        """Where the SVG draws the bar, its label and its number."""
        return {
            "y": in_svg(self.y),
            "width": in_svg(self.width),
            "label_y": in_svg(self.label_y),
            "text_x": in_svg(self.text_x),
            "text_y": in_svg(self.text_y),
        }


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: float
    bar_height: int = BAR_HEIGHT

    @property
    def height_in_svg(self) -> str:
        return in_svg(self.height, places=0)


def bar_chart(measure: Measure) -> BarChart | None:
    """The measure's second column as bars; None for a measure that is not charted."""
    if not measure.charted or not measure.rows:
        return None
    values = [row[1] for row in measure.rows]
    most = max(values) or 1
    step = LABEL_HEIGHT + BAR_HEIGHT + GAP
    bars = [
        Bar(
            label=str(row[0]),
            shown=" · ".join(str(cell) for cell in row[1:]),
            y=LABEL_HEIGHT + index * step,
            width=max(1.0, (WIDTH - NUMBER_ROOM) * value / most) if value else 0.0,
        )
        for index, (row, value) in enumerate(zip(measure.rows, values, strict=True))
    ]
    return BarChart(bars=bars, width=WIDTH, height=len(bars) * step + 4)
