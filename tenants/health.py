"""The operator's health view of each centre: counts and sizes only, never a record.

Each app declares the figures it owns where its models live, as functions run in one centre's
schema::

    @health_figure(code="people", label=_("Ωφελούμενοι"), order=20)
    def people() -> int: ...

(`casework/health.py`, `notifications/health.py`; staff accounts here). The console does not
enter 300 schemas per page view: the ``centre-health`` job (every 15 minutes) stores each
centre's figures in ``CentreHealth`` (a few queries per centre, sizes of all schemas in one),
and the list reads those rows with the centres' last export and job runs in five queries
whatever the number of centres. A centre's own page computes its figures afresh.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Max
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import get_public_schema_name, schema_context

from platform_core.accounts.models import User

from .models import Centre, CentreExport, CentreHealth, JobRun

RESTORE_DRILL_JOB = "tenants.restore_drill_centre"
ROLLUP_JOB = "regional.indicators_rollup_centre"  # regional.rollup.CENTRE_JOB


@dataclass(frozen=True)
class HealthFigure:
    code: str
    label: str
    order: int
    count: Callable[[], int]


_figures: dict[str, HealthFigure] = {}
_discovered = False


def health_figure(*, code: str, label, order: int = 100):
    """Registers ``count() -> int``, run in a centre's schema, as the figure ``code``."""

    def register(func):
        _figures[code] = HealthFigure(code=code, label=label, order=order, count=func)
        return func

    return register


def health_figures() -> list[HealthFigure]:
    global _discovered
    if not _discovered:
        autodiscover_modules("health")
        _discovered = True
    return sorted(_figures.values(), key=lambda figure: figure.order)


@health_figure(code="staff_accounts", label=_("Λογαριασμοί προσωπικού"), order=10)
def staff_accounts() -> int:
    return User.objects.filter(is_active=True).count()


def centre_figures() -> dict:
    """In the current centre's schema: every registered figure and the last staff login."""
    figures = {figure.code: figure.count() for figure in health_figures()}
    last_login = User.objects.aggregate(last=Max("last_login"))["last"]
    return {"figures": figures, "last_staff_login": last_login}


def schema_sizes(schemas: list[str]) -> dict[str, int]:
    """Bytes of every table of each schema, indexes and TOAST included (one query)."""
    if not schemas:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname, coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY(%s) AND c.relkind IN ('r', 'p', 'm')"
            " GROUP BY n.nspname", [schemas])
        return dict(cursor.fetchall())


def media_size(schema: str) -> int:
    root = Path(settings.MEDIA_ROOT) / "centres" / schema
    total = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            try:
                total += os.stat(os.path.join(folder, name), follow_symlinks=False).st_size
            except OSError:
                continue
    return total


def _live_centres():
    return Centre.objects.exclude(schema_name=get_public_schema_name()).filter(deleted_at__isnull=True)


def centre_health_read(*, centre: Centre) -> CentreHealth:
    """``centre``'s figures read now (the per-centre page), not stored."""
    with schema_context(centre.schema_name):
        read = centre_figures()
    return CentreHealth(centre=centre, computed_at=timezone.now(), figures=read["figures"],
                        last_staff_login=read["last_staff_login"],
                        schema_bytes=schema_sizes([centre.schema_name]).get(centre.schema_name, 0),
                        media_bytes=media_size(centre.schema_name))


def centre_health_refresh() -> int:
    """The ``centre-health`` job: every centre's snapshot; the number of centres read."""
    centres = list(_live_centres())
    sizes = schema_sizes([centre.schema_name for centre in centres])
    now = timezone.now()
    for centre in centres:
        with schema_context(centre.schema_name):
            read = centre_figures()
        CentreHealth.objects.update_or_create(centre=centre, defaults={
            "computed_at": now, "figures": read["figures"], "last_staff_login": read["last_staff_login"],
            "schema_bytes": sizes.get(centre.schema_name, 0), "media_bytes": media_size(centre.schema_name),
        })
    return len(centres)


@dataclass
class CentreHealthRow:
    """One centre as the operator's health view lists it."""

    centre: Centre
    health: CentreHealth | None
    last_export: CentreExport | None
    drill: JobRun | None
    rollup: JobRun | None
    figures: dict = field(default_factory=dict)

    @property
    def figure_values(self) -> list[int | None]:
        """The registered figures' values, in their order (None: not counted yet)."""
        return [self.figures.get(figure.code) for figure in health_figures()]

    @property
    def domain(self) -> str:
        """The centre's primary host, from the prefetched domains (no query per centre)."""
        return next((domain.domain for domain in self.centre.domains.all() if domain.is_primary), "")

    @property
    def storage_bytes(self) -> int | None:
        return None if self.health is None else self.health.schema_bytes + self.health.media_bytes

    def sort_value(self, key: str):
        values = {
            "name": self.centre.name.casefold(), "status": self.centre.status,
            "last_login": self.health.last_staff_login if self.health else None,
            "storage": self.storage_bytes,
            "last_export": self.last_export.created_at if self.last_export else None,
            "drill": self.drill.finished_at if self.drill else None,
            "rollup": self.rollup.finished_at if self.rollup else None,
        }
        return values[key] if key in values else self.figures.get(key)


def sort_keys() -> list[str]:
    return ["name", "status", *(figure.code for figure in health_figures()), "last_login", "storage", "last_export",
            "drill", "rollup"]


def centre_health_rows(*, sort: str = "name") -> list[CentreHealthRow]:
    """Every centre not deleted with its snapshot, latest ready export, last restore drill and last
    rollup, sorted by ``sort`` (``-`` first: descending; missing values last). Five queries."""
    centres = list(_live_centres().select_related("health").prefetch_related("domains").order_by("name"))
    exports: dict[str, CentreExport] = {}
    for export in CentreExport.objects.filter(status=CentreExport.Status.READY, centre__in=centres).order_by(
            "centre_schema", "-created_at"):
        exports.setdefault(export.centre_schema, export)
    runs: dict[tuple[str, str], JobRun] = {
        (run.job, run.centre_schema): run for run in JobRun.objects.filter(job__in=[RESTORE_DRILL_JOB, ROLLUP_JOB])
    }
    rows = []
    for centre in centres:
        health = getattr(centre, "health", None) if hasattr(centre, "health") else None
        rows.append(CentreHealthRow(
            centre=centre, health=health, last_export=exports.get(centre.schema_name),
            drill=runs.get((RESTORE_DRILL_JOB, centre.schema_name)), rollup=runs.get((ROLLUP_JOB, centre.schema_name)),
            figures=health.figures if health else {},
        ))
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in sort_keys():
        key, descending = "name", False
    present = [row for row in rows if row.sort_value(key) is not None]
    missing = [row for row in rows if row.sort_value(key) is None]
    present.sort(key=lambda row: row.sort_value(key), reverse=descending)
    return present + missing
