"""Reads of the published indicators (the only rows region pages and the region API see) and of
the rollup's runs."""

from dataclasses import dataclass

from django.db.models import QuerySet

from .indicators import Indicator
from .models import PublishedIndicatorValue, Region, RegionalUnit, RollupRun
from .periods import Period

Level = PublishedIndicatorValue.Level


def published_values(*, region: Region, indicator: str | None = None, periods: list[str] | None = None,
                     unit: RegionalUnit | None = None, centre: str | None = None,
                     breakdown: str | None = None, levels: list[str] | None = None) -> QuerySet:
    """``region``'s published cells, filtered; a unit keeps its own totals and its centres'."""
    rows = PublishedIndicatorValue.objects.filter(region=region).select_related("regional_unit", "centre")
    if indicator:
        rows = rows.filter(indicator=indicator)
    if periods is not None:
        rows = rows.filter(period__in=periods)
    if unit is not None:
        rows = rows.filter(regional_unit=unit)
    if centre:
        rows = rows.filter(centre__slug=centre)
    if breakdown is not None:
        rows = rows.filter(breakdown=breakdown)
    if levels:
        rows = rows.filter(level__in=levels)
    return rows.order_by("period", "indicator", "level", "regional_unit__name", "centre__name", "breakdown")


@dataclass(frozen=True)
class Figure:
    """One published cell as a page shows it."""

    value: int | None
    suppressed: bool

    @property
    def display(self) -> str:
        return "" if self.suppressed or self.value is None else str(self.value)


MISSING = Figure(None, False)


def _figure(row) -> Figure:
    return Figure(row.value, row.suppressed)


def region_totals(*, region: Region, period: str, unit: RegionalUnit | None = None) -> dict[str, Figure]:
    """indicator -> the region's (or the unit's) total for the period."""
    level = Level.UNIT if unit else Level.REGION
    rows = PublishedIndicatorValue.objects.filter(region=region, period=period, breakdown="", level=level)
    if unit:
        rows = rows.filter(regional_unit=unit)
    return {row.indicator: _figure(row) for row in rows}


def trend(*, region: Region, indicator: str, months: list[Period], unit: RegionalUnit | None = None,
          breakdown: str = "") -> list[Figure]:
    """The region's (or unit's) value of ``indicator`` in each month, oldest first."""
    level = Level.UNIT if unit else Level.REGION
    rows = PublishedIndicatorValue.objects.filter(
        region=region, indicator=indicator, breakdown=breakdown, level=level, period__in=[m.code for m in months])
    if unit:
        rows = rows.filter(regional_unit=unit)
    by_period = {row.period: _figure(row) for row in rows}
    return [by_period.get(month.code, MISSING) for month in months]


@dataclass(frozen=True)
class EntityRow:
    label: str
    level: str
    slug: str
    figures: list[Figure]
    stale_since: object = None  # a suspended centre's last computation


def entity_table(*, region: Region, indicator: Indicator, period: str, columns: list[str],
                 unit: RegionalUnit | None = None) -> list[EntityRow]:
    """Rows: the region (or the unit), each regional unit, each centre; one figure per column."""
    rows = published_values(region=region, indicator=indicator.code, periods=[period], unit=unit)
    cells: dict[tuple, dict[str, Figure]] = {}
    meta: dict[tuple, tuple] = {}
    for row in rows:
        if row.level == Level.CENTRE:
            key = (2, row.regional_unit.name if row.regional_unit else "", row.centre.name)
            stale = row.computed_at if row.centre.status != row.centre.Status.ACTIVE else None
            meta[key] = (row.centre.name, row.level, row.centre.slug, stale)
        elif row.level == Level.UNIT:
            key = (1, row.regional_unit.name if row.regional_unit else "", "")
            meta[key] = (row.regional_unit.name if row.regional_unit else "—", row.level,
                         row.regional_unit.slug if row.regional_unit else "", None)
        else:
            key = (0, "", "")
            meta[key] = (region.name, row.level, region.slug, None)
        cells.setdefault(key, {})[row.breakdown] = _figure(row)
    ordered = sorted(cells, key=lambda key: (key[1], key[0], key[2]) if key[0] else ("", 0, ""))
    return [EntityRow(label=meta[key][0], level=meta[key][1], slug=meta[key][2],
                      figures=[cells[key].get(column, MISSING) for column in columns], stale_since=meta[key][3])
            for key in ordered]


def centre_totals(*, region: Region, period: str, codes: list[str],
                  unit: RegionalUnit | None = None) -> list[EntityRow]:
    """Per regional unit and per centre: the totals of ``codes`` in the period."""
    rows = published_values(region=region, periods=[period], unit=unit, breakdown="",
                            levels=[Level.UNIT, Level.CENTRE]).filter(indicator__in=codes)
    grouped: dict[tuple, dict[str, Figure]] = {}
    meta: dict[tuple, tuple] = {}
    for row in rows:
        unit_name = row.regional_unit.name if row.regional_unit else "—"
        if row.level == Level.CENTRE:
            key = (unit_name, 1, row.centre.name)
            stale = row.computed_at if row.centre.status != row.centre.Status.ACTIVE else None
            meta[key] = (row.centre.name, row.level, row.centre.slug, stale)
        else:
            key = (unit_name, 0, "")
            meta[key] = (unit_name, row.level, row.regional_unit.slug if row.regional_unit else "", None)
        grouped.setdefault(key, {})[row.indicator] = _figure(row)
    return [EntityRow(label=meta[key][0], level=meta[key][1], slug=meta[key][2],
                      figures=[grouped[key].get(code, MISSING) for code in codes], stale_since=meta[key][3])
            for key in sorted(grouped)]


def region_units(*, region: Region) -> QuerySet[RegionalUnit]:
    return RegionalUnit.objects.filter(region=region).order_by("name")


def rollup_runs(*, limit: int = 5) -> list[RollupRun]:
    return list(RollupRun.objects.order_by("-started_at")[:limit])
