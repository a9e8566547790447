"""The registry of regional indicators. Each app declares its own in ``<app>/indicators.py``:

    @indicator(code="people_served", label=_("Ωφελούμενοι"), unit=PERSONS,
               breakdowns=[GENDER, AGE_GROUP], order=100)
    def people_served(*, period: Period) -> dict[str, int]:
        return {"": 12, "gender=women": 7, ...}

The function runs inside one centre's schema for one period and returns counts keyed by
breakdown (``""`` the total, ``"dimension=value"`` a cell); breakdown cells it leaves out are 0.
Counts only: an indicator never returns a name, an id or a text of the centre. It reads values,
not model instances: inside ``indicator_values`` ids come back as strings (``uuids_as_text``).
``unit`` says what is counted: distinct ``persons`` or ``households`` (small counts are
suppressed when published, ``regional.suppression``) or ``events`` (contacts, sessions:
published as they are)."""

import bisect
import contextvars
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from platform_core.db import uuids_as_text

from .periods import Period

PERSONS, HOUSEHOLDS, EVENTS = "persons", "households", "events"
UNITS = (PERSONS, HOUSEHOLDS, EVENTS)
SUPPRESSED_UNITS = (PERSONS, HOUSEHOLDS)


@dataclass(frozen=True)
class Breakdown:
    """A dimension an indicator is broken down by. ``partition``: every counted unit falls in
    exactly one value, so the values add up to the total (the suppression relies on it)."""

    dimension: str
    label: object
    values: tuple[tuple[str, object], ...]
    partition: bool = True

    def keys(self) -> list[str]:
        return [f"{self.dimension}={value}" for value, _label in self.values]


GENDER = Breakdown("gender", _("Φύλο"), (
    ("women", _("Γυναίκες")), ("men", _("Άνδρες")), ("non_binary", _("Μη δυαδικό")),
    ("undeclared", _("Δεν δηλώθηκε"))))
AGE_GROUP = Breakdown("age_group", _("Ηλικιακή ομάδα"), (
    ("0-17", _("0–17")), ("18-29", _("18–29")), ("30-54", _("30–54")), ("55+", _("55 και άνω")),
    ("unknown", _("Άγνωστη"))))


@dataclass(frozen=True)
class Indicator:
    code: str
    label: object
    unit: str
    breakdowns: tuple[Breakdown, ...]
    compute: Callable[..., dict[str, int]] = field(compare=False, repr=False)
    order: int = 0
    group: str = ""

    @property
    def suppressed(self) -> bool:
        return self.unit in SUPPRESSED_UNITS

    def breakdown_keys(self) -> list[str]:
        return ["", *(key for breakdown in self.breakdowns for key in breakdown.keys())]  # noqa: SIM118 - Breakdown.keys

    def breakdown_label(self, key: str) -> str:
        if not key:
            return str(_("Σύνολο"))
        dimension, _sep, value = key.partition("=")
        for breakdown in self.breakdowns:
            if breakdown.dimension == dimension:
                return str(dict(breakdown.values).get(value, value))
        return key


_registry: dict[str, Indicator] = {}


def indicator(*, code: str, label, unit: str, breakdowns=(), order: int = 0, group: str = ""):
    """Registers ``func(*, period) -> {breakdown: count}`` as the indicator ``code``."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {UNITS}")

    def register(func):
        _registry[code] = Indicator(code=code, label=label, unit=unit, breakdowns=tuple(breakdowns),
                                    compute=func, order=order, group=group)
        return func

    return register


def indicators() -> list[Indicator]:
    """Every registered indicator, in order."""
    _load_app_indicators()
    return sorted(_registry.values(), key=lambda item: (item.order, item.code))


def indicator_get(code: str) -> Indicator | None:
    _load_app_indicators()
    return _registry.get(code)


def _load_app_indicators() -> None:
    """Imports ``<app>.indicators`` of every installed app once (like the report sections)."""
    from importlib import import_module

    from django.apps import apps
    from django.utils.module_loading import module_has_submodule

    if _load_app_indicators.done:  # type: ignore[attr-defined]
        return
    for config in apps.get_app_configs():
        if config.name != __name__.rpartition(".")[0] and module_has_submodule(config.module, "indicators"):
            import_module(f"{config.name}.indicators")
    _load_app_indicators.done = True  # type: ignore[attr-defined]


_load_app_indicators.done = False  # type: ignore[attr-defined]

# Values several indicators of one period share (e.g. the ESF entry records), computed once per
# centre and period: ``shared(key, build)``. Reset by ``indicator_values``.
_shared: contextvars.ContextVar[dict | None] = contextvars.ContextVar("indicator_shared", default=None)
# The days every period of the current ``indicator_values`` call lies within (see ``period_rows``).
_span: contextvars.ContextVar[tuple[datetime.date, datetime.date] | None] = contextvars.ContextVar(
    "indicator_span", default=None)


def shared(key, build: Callable[[], object]):
    cache = _shared.get()
    if cache is None:
        return build()
    if key not in cache:
        cache[key] = build()
    return cache[key]


def _day(value, zone=None) -> datetime.date:
    """The day of a date or an aware datetime in ``zone`` (the current time zone by default)."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(zone or timezone.get_current_timezone()).date()
    return value


def period_rows(key: str, period: Period,
                fetch: Callable[[datetime.date, datetime.date], Iterable[tuple]]) -> list[tuple]:
    """The rows of ``fetch(date_from, date_to)`` (the records dated in those days, inclusive)
    whose first value, a date or an aware datetime, falls in ``period`` (in the centre's time
    zone), in the order fetched within a day.

    A rollup computes twenty overlapping periods: inside ``indicator_values`` the rows of all
    of them are fetched once, for their whole span, and each period takes its slice of them, so
    an indicator costs one query per centre instead of one per period. Outside it (a centre's
    page asking for one period) the period alone is fetched."""
    span = _span.get()
    if span is None or period.start < span[0] or period.end > span[1]:
        return [row for row in fetch(period.start, period.end) if period.start <= _day(row[0]) <= period.end]

    def build():
        zone = timezone.get_current_timezone()  # once: looking it up costs more than converting
        dated = sorted(((_day(row[0], zone), row) for row in fetch(*span)), key=lambda item: item[0])
        return [day for day, _row in dated], [row for _day, row in dated]

    days, rows = shared(("period_rows", key), build)
    return rows[bisect.bisect_left(days, period.start):bisect.bisect_right(days, period.end)]


def span_of(period: Period) -> Period:
    """The days of every period of the current computation, as one period (``period`` itself
    outside a computation of several): what to fetch once when several periods need it."""
    span = _span.get()
    if span is None or period.start < span[0] or period.end > span[1]:
        return period
    return Period(span[0], span[1], "span", f"{span[0]:%Y-%m-%d}/{span[1]:%Y-%m-%d}")


def indicator_values(*, periods: list[Period], codes: list[str] | None = None) -> list[tuple[str, str, str, int]]:
    """In the current centre's schema: (period, indicator, breakdown, value) of every indicator
    for every period; zeros are left out (a missing cell is 0)."""
    token = _shared.set({})
    span = _span.set((min(p.start for p in periods), max(p.end for p in periods)) if periods else None)
    try:
        rows = []
        with uuids_as_text():  # the functions count ids, never load instances
            for item in indicators():
                if codes is not None and item.code not in codes:
                    continue
                allowed = set(item.breakdown_keys())
                for period in periods:
                    for key, value in item.compute(period=period).items():
                        if key in allowed and value:
                            rows.append((period.code, item.code, key, int(value)))
        return rows
    finally:
        _span.reset(span)
        _shared.reset(token)
