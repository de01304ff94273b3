"""The return's reporting periods: quarters of the financial year, April to June being Q1."""

import datetime
import re
from dataclasses import dataclass

FIRST_MONTHS = {1: 4, 2: 7, 3: 10, 4: 1}
NAMED = re.compile(r"^(\d{4})-(\d{2})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    """Quarter `number` of the financial year that starts in April of `year`."""

    year: int
    number: int

    @property
    def start(self) -> datetime.date:
        month = FIRST_MONTHS[self.number]
        return datetime.date(self.year + (1 if self.number == 4 else 0), month, 1)

    @property
    def end(self) -> datetime.date:
        return self.following().start - datetime.timedelta(days=1)

    @property
    def name(self) -> str:
        """As the command takes it: 2026-27-Q2."""
        return f"{self.year}-{(self.year + 1) % 100:02d}-Q{self.number}"

    def __str__(self) -> str:
        return (
            f"{self.year} to {self.year + 1}, quarter {self.number} "
            f"({self.start:%-d %B %Y} to {self.end:%-d %B %Y})"
        )

    def following(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def preceding(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    @classmethod
    def of(cls, day: datetime.date) -> "Quarter":
        """The quarter `day` falls in."""
        year = day.year if day.month >= 4 else day.year - 1
        number = {4: 1, 7: 2, 10: 3, 1: 4}[day.month - (day.month - 1) % 3]
        return cls(year, number)

    @classmethod
    def named(cls, name: str) -> "Quarter":
        """From its name, 2026-27-Q2; ValueError when it is not one."""
        match = NAMED.match(name.strip())
        if not match:
            raise ValueError(f"{name!r} is not a quarter such as 2026-27-Q2")
        year, next_year, number = int(match[1]), int(match[2]), int(match[3])
        if (year + 1) % 100 != next_year:
            raise ValueError(f"{name!r}: a financial year runs into the next, as in 2026-27-Q2")
        return cls(year, number)


def last_complete(today: datetime.date) -> Quarter:
    """The latest quarter that has ended by `today`."""
    return Quarter.of(today).preceding()


def recent(today: datetime.date, count: int = 8) -> list[Quarter]:
    """The last `count` complete quarters, latest first."""
    quarters = [last_complete(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].preceding())
    return quarters
