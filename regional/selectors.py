"""Reads of the published indicators (the only rows region pages and the region API see) and of
the rollup's runs."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name

from tenants.models import Centre

from .indicators import Indicator
from .models import Municipality, PublishedIndicatorValue, Region, RegionalUnit, RollupRun
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
    def html(self) -> str:
        """The cell as a table shows it: «απόρρητο» (with why), «—» when nothing was published,
        else the count. Rendered here, not by a template include per cell: a region's table has
        thousands of cells."""
        if self.suppressed:
            return format_html('<span class="suppressed" title="{}">{}</span>',
                               _("Απόρρητο: μικρός αριθμός ατόμων ή νοικοκυριών"), _("απόρρητο"))
        return "—" if self.value is None else str(self.value)


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


ENTITY_FIELDS = ["level", "breakdown", "indicator", "value", "suppressed", "computed_at", "regional_unit__name",
                 "regional_unit__slug", "centre__name", "centre__slug", "centre__status"]


def _entity_key(region: Region, row: dict) -> tuple[tuple, tuple]:
    """(sort key, (label, level, slug, stale since)) of a published row's entity."""
    unit_name = row["regional_unit__name"] or ""
    if row["level"] == Level.CENTRE:
        stale = row["computed_at"] if row["centre__status"] != Centre.Status.ACTIVE else None
        return (unit_name, 1, row["centre__name"]), (row["centre__name"], row["level"], row["centre__slug"], stale)
    if row["level"] == Level.UNIT:
        return (unit_name, 0, ""), (unit_name or "—", row["level"], row["regional_unit__slug"] or "", None)
    return ("", -1, ""), (region.name, row["level"], region.slug, None)


def _entity_rows(region: Region, rows, column_of, columns: list[str]) -> list[EntityRow]:
    cells: dict[tuple, dict[str, Figure]] = {}
    meta: dict[tuple, tuple] = {}
    for row in rows:
        key, meta[key] = _entity_key(region, row)
        cells.setdefault(key, {})[column_of(row)] = Figure(row["value"], row["suppressed"])
    return [EntityRow(label=meta[key][0], level=meta[key][1], slug=meta[key][2],
                      figures=[cells[key].get(column, MISSING) for column in columns], stale_since=meta[key][3])
            for key in sorted(cells)]


def entity_table(*, region: Region, indicator: Indicator, period: str, columns: list[str],
                 unit: RegionalUnit | None = None) -> list[EntityRow]:
    """Rows: the region (or the unit), each regional unit followed by its centres; one figure
    per column (read as plain values: a region has hundreds of centres)."""
    rows = (published_values(region=region, indicator=indicator.code, periods=[period], unit=unit)
            .order_by().values(*ENTITY_FIELDS))
    return _entity_rows(region, rows, lambda row: row["breakdown"], columns)


def centre_totals(*, region: Region, period: str, codes: list[str],
                  unit: RegionalUnit | None = None) -> list[EntityRow]:
    """Per regional unit and per centre: the totals of ``codes`` in the period."""
    rows = (published_values(region=region, periods=[period], unit=unit, breakdown="",
                             levels=[Level.UNIT, Level.CENTRE]).filter(indicator__in=codes)
            .order_by().values(*ENTITY_FIELDS))
    return _entity_rows(region, rows, lambda row: row["indicator"], codes)


@dataclass(frozen=True)
class CentreLine:
    name: str
    municipality: str
    status: str


def region_centres(*, region: Region) -> list[CentreLine]:
    """The region's centres as its console lists them (name, municipality, status), read as
    plain values: a region has hundreds."""
    rows = (Centre.objects.filter(region=region).exclude(schema_name=get_public_schema_name()).order_by("name")
            .values_list("name", "municipality__name", "municipality__name_en", "status"))
    return [CentreLine(name, Municipality.label(municipality, name_en) if municipality else "",
                       Centre.Status(status).label) for name, municipality, name_en, status in rows]


def region_units(*, region: Region) -> QuerySet[RegionalUnit]:
    return RegionalUnit.objects.filter(region=region).order_by("name")


def rollup_runs(*, limit: int = 5) -> list[RollupRun]:
    return list(RollupRun.objects.order_by("-started_at")[:limit])
