"""Reads of reports."""

from django.db.models import QuerySet

from .models import Report


def report_list() -> QuerySet[Report]:
    return Report.objects.select_related("site", "generated_by").order_by("-period_start", "-generated_at")


def report_file(*, report: Report, extension: str):
    """The stored file of a ready report in ``extension`` ("xlsx" or "pdf"), or None."""
    field = {"xlsx": report.xlsx_file, "pdf": report.pdf_file}[extension]
    return field if report.is_ready and field else None
