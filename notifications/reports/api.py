"""Reports API: list, generate for a period, detail and the two downloads."""

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from platform_core.permissions import HasPermissionFor

from . import services
from .models import Report
from .selectors import report_list
from .serializers import ReportOutputSerializer, ReportPeriodSerializer
from .views import file_response

ReportPermission = HasPermissionFor.of(read="notifications.view_report", write="notifications.add_report")


class ReportFilter(django_filters.FilterSet):
    class Meta:
        model = Report
        fields = ["kind", "status"]


class ReportListView(GenericAPIView):
    permission_classes = [ReportPermission]
    serializer_class = ReportOutputSerializer
    filterset_class = ReportFilter

    def get_queryset(self):
        return report_list()

    @extend_schema(responses=ReportOutputSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(ReportOutputSerializer(page, many=True).data)

    @extend_schema(request=ReportPeriodSerializer, responses={201: ReportOutputSerializer})
    def post(self, request):
        serializer = ReportPeriodSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.report_generate(**serializer.validated_data, by=request.user)
        return Response(ReportOutputSerializer(report).data, status=status.HTTP_201_CREATED)


class ReportDetailView(APIView):
    permission_classes = [ReportPermission]

    @extend_schema(responses=ReportOutputSerializer)
    def get(self, request, pk):
        return Response(ReportOutputSerializer(get_object_or_404(report_list(), pk=pk)).data)


class ReportFileView(APIView):
    """The report's file as an attachment (``Cache-Control: no-store``)."""

    permission_classes = [ReportPermission]
    extension = ""

    def get(self, request, pk):
        return file_response(get_object_or_404(report_list(), pk=pk), self.extension)


class ReportXlsxView(ReportFileView):
    extension = "xlsx"

    @extend_schema(responses={(200, services.XLSX_TYPE): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request, pk):
        return super().get(request, pk)


class ReportPdfView(ReportFileView):
    extension = "pdf"

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request, pk):
        return super().get(request, pk)


urlpatterns = [
    path("reports/", ReportListView.as_view(), name="report-list"),
    path("reports/<uuid:pk>/", ReportDetailView.as_view(), name="report-detail"),
    path("reports/<uuid:pk>/xlsx/", ReportXlsxView.as_view(), name="report-xlsx"),
    path("reports/<uuid:pk>/pdf/", ReportPdfView.as_view(), name="report-pdf"),
]
