"""Horizontal bar charts, drawn on the server as SVG: each bar labelled above and
its number written at its end, so the chart reads without colour or hovering."""

from dataclasses import dataclass

from .selectors import Measure

WIDTH = 640
BAR_HEIGHT = 22
LABEL_HEIGHT = 20
GAP = 14
NUMBER_ROOM = 70  # to the right of the longest bar, for its number


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


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: float
    bar_height: int = BAR_HEIGHT


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
