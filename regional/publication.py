"""Publishing the rollup: each region's table of every indicator and period, with unit and
region totals and suppression applied, replaces that region's published rows atomically.
Region pages and the region API read only ``PublishedIndicatorValue``."""

import hashlib
from collections import defaultdict

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from platform_core.db import commit_without_waiting_for_disk, copy_insert, rows_delete
from tenants.models import Centre

from .indicators import Indicator, indicators
from .models import CentreIndicatorValue, PublishedIndicatorValue, PublishedPeriod, Region
from .suppression import Table, suppress

ROOT = "region"
# Part of every publication's input digest: bump it when this module or the suppression would
# publish other rows from the same counts, so that the next run publishes every period again.
PUBLICATION_VERSION = 1
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


def _counts_fingerprints(*, centres: list[Centre], periods: list[str]) -> dict[str, list[tuple]]:
    """period -> per centre (slug, rows, sum of the rows' 64-bit hashes): a fingerprint of the
    centres' counts that PostgreSQL computes as it reads them, so that an unchanged period costs
    one pass over its index and no row in Python."""
    slug_of = {str(centre.pk): centre.slug for centre in centres}
    table = CentreIndicatorValue._meta.db_table
    fingerprints: dict[str, list[tuple]] = defaultdict(list)
    if not centres or not periods:
        return fingerprints
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT centre_id::text, period, count(*), sum(hashtextextended(indicator || '|' || breakdown || '|' "
            f"|| value::text, 0)) FROM {table} WHERE centre_id = ANY(%s::uuid[]) AND period = ANY(%s) "
            f"GROUP BY 1, 2", [list(slug_of), list(periods)])
        for centre_pk, period, rows, hashes in cursor.fetchall():
            fingerprints[period].append((slug_of[centre_pk], rows, str(hashes)))
    return fingerprints


def _input_digest(*, period: str, centres: list[Centre], fingerprints: list[tuple], threshold: int) -> str:
    """The digest of everything one period's publication is computed from: the centres' counts
    (their fingerprints), the region's centres (their unit and status: a suspended centre's cells
    carry their date), the registry's indicators and breakdowns, the threshold and
    ``PUBLICATION_VERSION``."""
    digest = hashlib.sha256(f"{PUBLICATION_VERSION}|{threshold}|{period}".encode())
    for item in indicators():
        shape = [(b.dimension, list(b.keys()), b.partition) for b in item.breakdowns]
        digest.update(repr((item.code, item.suppressed, shape)).encode())
    for centre in sorted(centres, key=lambda centre: centre.slug):
        unit = centre.municipality.regional_unit_id if centre.municipality_id else None
        digest.update(repr((str(centre.pk), centre.slug, unit, centre.status)).encode())
    digest.update(repr(sorted(fingerprints)).encode())
    return digest.hexdigest()


def region_publish(*, region: Region, periods: list[str]) -> int:
    """Publishes ``region``'s tables of ``periods``; the number of rows written. A period whose
    input is what its last publication was computed from is left as it is (``PublishedPeriod``)."""
    centres = list(Centre.objects.filter(region=region).exclude(status=Centre.Status.ARCHIVED)
                   .select_related("municipality__regional_unit"))
    by_slug = {centre.slug: centre for centre in centres}
    units = {centre.municipality.regional_unit.slug: centre.municipality.regional_unit
             for centre in centres if centre.municipality_id}
    threshold = settings.INDICATOR_SUPPRESSION_THRESHOLD
    fingerprints = _counts_fingerprints(centres=centres, periods=periods)
    digests = {period: _input_digest(period=period, centres=centres, fingerprints=fingerprints[period],
                                     threshold=threshold) for period in periods}
    published_before = dict(PublishedPeriod.objects.filter(region=region, period__in=periods)
                            .values_list("period", "digest"))
    periods = [period for period in periods if published_before.get(period) != digests[period]]
    if not periods:
        return 0
    raw: dict[tuple[str, str], dict[tuple[str, str], int]] = defaultdict(dict)
    rows = (CentreIndicatorValue.objects.filter(centre__in=centres, period__in=periods)
            .values_list("centre__slug", "period", "indicator", "breakdown", "value"))
    for slug, period, code, breakdown, value in rows.iterator(chunk_size=10000):
        raw[(period, code)][(slug, breakdown)] = value
    computed: dict[tuple[str, str], object] = {}
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
    now = timezone.now()
    with transaction.atomic():
        commit_without_waiting_for_disk()
        rows_delete(PublishedIndicatorValue.objects.filter(region=region, period__in=periods))
        copy_insert(PublishedIndicatorValue, PUBLISHED_FIELDS, published)
        for period in periods:
            PublishedPeriod.objects.update_or_create(region=region, period=period,
                                                     defaults={"digest": digests[period], "published_at": now})
    return len(published)


def regions_with_centres():
    """The regions a publication covers: those that have centres."""
    return Region.objects.filter(centres__isnull=False).distinct().order_by("pk")


def regions_publish(*, periods: list[str]) -> int:
    """Every region that has centres."""
    return sum(region_publish(region=region, periods=periods) for region in regions_with_centres())
