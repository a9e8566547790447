"""Reads of spreadsheet imports: the centre's recent imports."""

from django.db.models import QuerySet

from casework.models import ImportJob


def import_jobs_recent(*, limit: int = 20) -> QuerySet[ImportJob]:
    return ImportJob.objects.select_related("created_by").order_by("-created_at")[:limit]
