"""Fixtures of the regional tests: published tables built from counts we choose."""

import pytest
from django.utils import timezone

from regional.models import CentreIndicatorValue, Region
from regional.publication import region_publish

PERIOD = "2024-01"


def counts(centre, period: str, indicator: str, values: dict[str, int]) -> None:
    CentreIndicatorValue.objects.filter(centre=centre, period=period, indicator=indicator).delete()
    CentreIndicatorValue.objects.bulk_create(
        CentreIndicatorValue(centre=centre, period=period, indicator=indicator, breakdown=breakdown, value=value,
                             computed_at=timezone.now()) for breakdown, value in values.items())


@pytest.fixture
def published(centre_a, centre_b):
    """January 2024 in Crete: alpha served 12 people (3 women: suppressed), beta 20 (10 women);
    alpha had 2 counselling sessions (events: never suppressed)."""
    counts(centre_a, PERIOD, "people_served", {"": 12, "gender=women": 3, "gender=men": 9})
    counts(centre_b, PERIOD, "people_served", {"": 20, "gender=women": 10, "gender=men": 10})
    counts(centre_a, PERIOD, "counselling_sessions", {"": 2})
    counts(centre_a, PERIOD, "esf21_total", {"": 7, "gender=women": 7})
    region_publish(region=Region.objects.get(slug="crete"), periods=[PERIOD])
    return PERIOD
