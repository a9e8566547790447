"""Reporting periods of the indicators: a month ``YYYY-MM``, a quarter ``YYYY-Qn`` or a year ``YYYY``."""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

MONTH, QUARTER, YEAR = "month", "quarter", "year"
_PATTERNS = [
    (MONTH, re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")),
    (QUARTER, re.compile(r"^(\d{4})-Q([1-4])$")),
    (YEAR, re.compile(r"^(\d{4})$")),
]
ROLLUP_MONTHS = 13


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive
    kind: str
    code: str

    def is_future(self, today: datetime.date | None = None) -> bool:
        return self.start > (today or timezone.localdate())

    @property
    def months(self) -> list["Period"]:
        result, day = [], self.start
        while day <= self.end:
            result.append(month_of(day))
            day = _next_month(day)
        return result


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_of(day: datetime.date) -> Period:
    start = day.replace(day=1)
    return Period(start, _next_month(start) - datetime.timedelta(days=1), MONTH, f"{start:%Y-%m}")


def quarter_of(day: datetime.date) -> Period:
    quarter = (day.month - 1) // 3 + 1
    start = datetime.date(day.year, 3 * quarter - 2, 1)
    end = datetime.date(day.year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - datetime.timedelta(days=1)
    return Period(start, end, QUARTER, f"{day.year}-Q{quarter}")


def year_of(day: datetime.date) -> Period:
    return Period(datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31), YEAR, str(day.year))


def period_parse(code: str) -> Period:
    """The period a code names; ValueError for anything else."""
    for kind, pattern in _PATTERNS:
        match = pattern.match(code or "")
        if match:
            year = int(match.group(1))
            if year < 2000:
                break
            if kind == MONTH:
                return month_of(datetime.date(year, int(match.group(2)), 1))
            if kind == QUARTER:
                return quarter_of(datetime.date(year, 3 * int(match.group(2)) - 2, 1))
            return year_of(datetime.date(year, 1, 1))
    raise ValueError(code)


def last_months(*, today: datetime.date | None = None, count: int = ROLLUP_MONTHS) -> list[Period]:
    """The current month and the ``count - 1`` before it, oldest first."""
    day = (today or timezone.localdate()).replace(day=1)
    months = []
    for _ in range(count):
        months.append(month_of(day))
        day = (day - datetime.timedelta(days=1)).replace(day=1)
    return months[::-1]


def rollup_periods(*, months: list[Period]) -> list[Period]:
    """The months given and every quarter and year they touch: what one rollup computes
    (distinct people are counted per period, so a quarter is not the sum of its months)."""
    periods = {*months, *(quarter_of(month.start) for month in months), *(year_of(month.start) for month in months)}
    return sorted(periods, key=lambda period: (period.start, period.end))
