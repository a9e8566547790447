"""The registry of report sections. Each app contributes its sections with ``@report_section``;
a report is every registered section, in order, computed for one period in the current centre's
schema. Sections hold aggregates only: never names, identifiers or note text."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone


@dataclass(frozen=True)
class ReportSection:
    """One block of a report: a title, a table (header and rows of numbers) and optional notes."""

    title: str
    header: list[str]
    rows: list[list[object]]
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Translated labels arrive as lazy strings; files and e-mails need plain ones.
        def plain(value: object) -> object:
            return value if value is None or isinstance(value, int | float | Decimal) else str(value)

        object.__setattr__(self, "title", str(self.title))
        object.__setattr__(self, "header", [str(cell) for cell in self.header])
        object.__setattr__(self, "rows", [[plain(cell) for cell in row] for row in self.rows])
        object.__setattr__(self, "notes", [str(note) for note in self.notes])


SectionBuilder = Callable[..., ReportSection | None]
_builders: list[tuple[int, str, SectionBuilder]] = []
_by_site: set[str] = set()


def report_section(*, order: int, by_site: bool = False) -> Callable[[SectionBuilder], SectionBuilder]:
    """Registers ``func(*, date_from, date_to) -> ReportSection | None`` (None: nothing to show).
    ``order`` places it in the report; casework uses 100–199, later apps their own hundreds.
    ``by_site``: the records it counts carry a site, and ``func`` also takes ``site`` (a
    ``casework.Site`` or None for the whole centre); a report of one site has only such sections."""

    def register(func: SectionBuilder) -> SectionBuilder:
        key = f"{func.__module__}.{func.__qualname__}"
        if all(existing != key for _order, existing, _func in _builders):
            _builders.append((order, key, func))
            _builders.sort(key=lambda entry: (entry[0], entry[1]))
        if by_site:
            _by_site.add(key)
        return func

    return register


def report_sections(*, date_from: datetime.date, date_to: datetime.date, site=None) -> list[ReportSection]:
    """Every registered section for the period (both days included), in order; with ``site``,
    the sections that count by site, for that site only."""
    sections = []
    for _order, key, func in _builders:
        if key in _by_site:
            sections.append(func(date_from=date_from, date_to=date_to, site=site))
        elif site is None:
            sections.append(func(date_from=date_from, date_to=date_to))
    return [section for section in sections if section is not None]


def period_bounds(date_from: datetime.date, date_to: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The period as aware datetimes [start of date_from, start of the day after date_to) in the
    centre's time zone, for filtering datetime fields with an index."""

    def start_of(day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    return start_of(date_from), start_of(date_to + datetime.timedelta(days=1))
