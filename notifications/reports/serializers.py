"""API input and output shapes of reports."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casework.models import Site

from .models import Report


class ReportPeriodSerializer(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.all(), required=False, allow_null=True,
                                              help_text="A site's id: its report only. Omitted: the whole centre.")


class ReportOutputSerializer(serializers.ModelSerializer):
    generated_by = serializers.UUIDField(source="generated_by_id", read_only=True, allow_null=True)
    xlsx_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ["id", "kind", "period_start", "period_end", "site", "status", "generated_at", "generated_by",
                  "emailed_at", "xlsx_url", "pdf_url"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_xlsx_url(self, report: Report) -> str | None:
        return reverse("notifications_api:report-xlsx", args=[report.pk]) if report.is_ready else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_pdf_url(self, report: Report) -> str | None:
        return reverse("notifications_api:report-pdf", args=[report.pk]) if report.is_ready else None
