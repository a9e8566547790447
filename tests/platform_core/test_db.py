"""platform_core.db: rows written with COPY, and deleted in one statement without loading them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from platform_core.db import copy_insert, rows_delete
from regional.models import CentreIndicatorValue
from tenants.models import Centre


def test_rows_delete_removes_the_chosen_rows_in_one_statement(centre_a, centre_b):
    now = timezone.now()
    copy_insert(CentreIndicatorValue, ["centre_id", "period", "indicator", "breakdown", "value", "computed_at"],
                [(centre.pk, period, "rows_delete_test", "", 5, now)
                 for centre in (centre_a, centre_b) for period in ("2026-01", "2026-02")])

    with CaptureQueriesContext(connection) as queries:
        deleted = rows_delete(CentreIndicatorValue.objects.filter(centre=centre_a, period__in=["2026-01"],
                                                                indicator="rows_delete_test"))

    assert deleted == 1
    statements = [query["sql"] for query in queries.captured_queries if not query["sql"].startswith("SET search_path")]
    assert len(statements) == 1 and statements[0].startswith("DELETE")
    left = CentreIndicatorValue.objects.filter(indicator="rows_delete_test")
    assert sorted(left.values_list("centre__slug", "period")) == [
        (centre_a.slug, "2026-02"), (centre_b.slug, "2026-01"), (centre_b.slug, "2026-02")]


def test_rows_delete_refuses_a_model_other_rows_refer_to(db):
    with pytest.raises(ValueError, match="referred to"):
        rows_delete(Centre.objects.none())
