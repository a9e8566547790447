"""Publishing the rollup: each region's table of every indicator and period, with unit and
region totals and suppression applied, replaces that region's published rows atomically.
Region pages and the region API read only ``PublishedIndicatorValue``."""

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from platform_core.db import commit_without_waiting_for_disk, copy_insert, rows_delete
from tenants.models import Centre

from .indicators import Indicator, indicators
from .models import CentreIndicatorValue, PublishedIndicatorValue, Region
from .suppression import Table, suppress

ROOT = "region"
PUBLISHED_FIELDS = ["region_id", "level", "regional_unit_id", "centre_id", "period", "indicator", "breakdown", "value",
                    "suppressed", "computed_at"]


def _table_for(item: Indicator, centres: list[Centre], raw: dict[tuple[str, str], int]) -> Table:
    parent: dict[str, str | None] = {ROOT: None}
    for centre in centres:
        unit = centre.municipality.regional_unit if centre.municipality_id else None
        unit_key = f"u:{unit.slug}" if unit else "u:"
        parent.setdefault(unit_key, ROOT)
        parent[f"c:{centre.slug}"] = unit_key
    columns = item.breakdown_keys()
    values: dict[tuple[str, str], int] = {}
    for centre in centres:
        leaf = f"c:{centre.slug}"
        for column in columns:
            value = raw.get((centre.slug, column), 0)
            if value:
                values[(leaf, column)] = value
                entity = parent[leaf]
                while entity is not None:
                    values[(entity, column)] = values.get((entity, column), 0) + value
                    entity = parent[entity]
    dimensions = {b.dimension: (b.keys(), b.partition) for b in item.breakdowns}
    return Table(parent=parent, values=values, dimensions=dimensions)


def region_publish(*, region: Region, periods: list[str]) -> int:
    """Publishes ``region``'s tables of ``periods``; the number of rows written."""
    centres = list(Centre.objects.filter(region=region).exclude(status=Centre.Status.ARCHIVED)
                   .select_related("municipality__regional_unit"))
    by_slug = {centre.slug: centre for centre in centres}
    units = {centre.municipality.regional_unit.slug: centre.municipality.regional_unit
             for centre in centres if centre.municipality_id}
    raw: dict[tuple[str, str], dict[tuple[str, str], int]] = defaultdict(dict)
    computed: dict[tuple[str, str], object] = {}
    rows = (CentreIndicatorValue.objects.filter(centre__in=centres, period__in=periods)
            .values_list("centre__slug", "period", "indicator", "breakdown", "value"))
    for slug, period, code, breakdown, value in rows.iterator(chunk_size=10000):
        raw[(period, code)][(slug, breakdown)] = value
    for slug, period, at in (CentreIndicatorValue.objects.filter(centre__in=centres, period__in=periods)
                             .values_list("centre__slug", "period").annotate(at=Max("computed_at"))):
        computed[(str(by_slug[slug].pk), period)] = at
    entities = {}  # entity of the table -> (level, centre, regional unit) as written
    for centre in centres:
        unit = centre.municipality.regional_unit if centre.municipality_id else None
        entities[f"c:{centre.slug}"] = (PublishedIndicatorValue.Level.CENTRE.value, str(centre.pk),
                                        str(unit.pk) if unit else None)
    for slug, unit in units.items():
        entities[f"u:{slug}"] = (PublishedIndicatorValue.Level.UNIT.value, None, str(unit.pk))
    entities["u:"] = (PublishedIndicatorValue.Level.UNIT.value, None, None)
    entities[ROOT] = (PublishedIndicatorValue.Level.REGION.value, None, None)
    region_pk = str(region.pk)
    threshold = settings.INDICATOR_SUPPRESSION_THRESHOLD
    published = []
    for period in periods:
        for item in indicators():
            table = _table_for(item, centres, raw.get((period, item.code), {}))
            hidden = suppress(table, threshold=threshold) if item.suppressed else set()
            columns, values = table.columns, table.values
            for entity in table.parent:
                level, centre_pk, unit_pk = entities[entity]
                head = (region_pk, level, unit_pk, centre_pk, period, item.code)
                at = computed.get((centre_pk, period)) if centre_pk else None
                for column in columns:
                    if (entity, column) in hidden:
                        published.append((*head, column, None, True, at))
                    else:
                        published.append((*head, column, values.get((entity, column), 0), False, at))
    with transaction.atomic():
        commit_without_waiting_for_disk()
        rows_delete(PublishedIndicatorValue.objects.filter(region=region, period__in=periods))
        copy_insert(PublishedIndicatorValue, PUBLISHED_FIELDS, published)
    return len(published)


def regions_with_centres():
    """The regions a publication covers: those that have centres."""
    return Region.objects.filter(centres__isnull=False).distinct().order_by("pk")


def regions_publish(*, periods: list[str]) -> int:
    """Every region that has centres."""
    return sum(region_publish(region=region, periods=periods) for region in regions_with_centres())
