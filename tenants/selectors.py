"""Reads of centres."""

from django.db.models import QuerySet
from django_tenants.utils import get_public_schema_name

from .models import Centre


def centre_list(*, region=None) -> QuerySet[Centre]:
    """Every centre (never the public tenant), optionally of one region."""
    centres = (Centre.objects.exclude(schema_name=get_public_schema_name())
               .select_related("municipality", "region").prefetch_related("domains"))
    if region is not None:
        centres = centres.filter(region=region)
    return centres.order_by("name")
