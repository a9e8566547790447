"""Operator API (public host): list and onboard centres, their lifecycle (suspend, reactivate,
archive, delete), exports, restores and health."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from platform_core.permissions import IsOperator

from . import archive, health, services
from .models import CentreExport
from .selectors import centre_exports, centre_list
from .serializers import (
    CentreCreateSerializer,
    CentreDeleteSerializer,
    CentreExportSerializer,
    CentreHealthSerializer,
    CentreOutputSerializer,
    CentreRestoreSerializer,
)


class CentreListView(GenericAPIView):
    permission_classes = [IsOperator]
    serializer_class = CentreOutputSerializer

    def get_queryset(self):
        return centre_list()

    @extend_schema(responses=CentreOutputSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CentreOutputSerializer(page, many=True).data)

    @extend_schema(request=CentreCreateSerializer, responses={201: CentreOutputSerializer})
    def post(self, request):
        serializer = CentreCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        onboarded = services.centre_create(**serializer.validated_data)
        return Response(CentreOutputSerializer(onboarded.centre).data, status=status.HTTP_201_CREATED)


class CentreDetailView(APIView):
    permission_classes = [IsOperator]

    @extend_schema(responses=CentreOutputSerializer)
    def get(self, request, pk):
        return Response(CentreOutputSerializer(get_object_or_404(centre_list(), pk=pk)).data)


class CentreLifecycleView(APIView):
    """POST …/<id>/<action>/: one of services.CENTRE_LIFECYCLE, named by the URL conf; ``delete``
    needs ``{"confirmation": "<the centre's slug>"}``."""

    permission_classes = [IsOperator]
    action: str = ""

    @extend_schema(request=CentreDeleteSerializer, responses=CentreOutputSerializer)
    def post(self, request, pk):
        serializer = CentreDeleteSerializer(data=request.data or {})
        serializer.is_valid(raise_exception=True)
        centre = services.CENTRE_LIFECYCLE[self.action](
            centre=get_object_or_404(centre_list(include_deleted=True), pk=pk), by_id=str(request.user.pk),
            confirmation=serializer.validated_data["confirmation"])
        return Response(CentreOutputSerializer(centre).data)


class CentreExportListView(GenericAPIView):
    permission_classes = [IsOperator]
    serializer_class = CentreExportSerializer

    queryset = CentreExport.objects.none()  # for the schema generator; get_queryset() is the real one

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return centre_exports(centre=get_object_or_404(centre_list(include_deleted=True), pk=self.kwargs["pk"]))

    @extend_schema(summary="A centre's exports, newest first", responses=CentreExportSerializer(many=True))
    def get(self, request, pk):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CentreExportSerializer(page, many=True).data)

    @extend_schema(summary="Export the centre: schema dump, media files and manifest in one archive (background)",
                   request=None, responses={202: CentreExportSerializer})
    def post(self, request, pk):
        export = archive.centre_export_request(centre=get_object_or_404(centre_list(), pk=pk),
                                               requested_by=CentreExport.Requester.OPERATOR,
                                               requested_by_id=str(request.user.pk))
        return Response(CentreExportSerializer(export).data, status=status.HTTP_202_ACCEPTED)


class ExportRestoreView(APIView):
    permission_classes = [IsOperator]

    @extend_schema(summary="Restore a ready export as a new centre under a new slug (background)",
                   request=CentreRestoreSerializer, responses={202: CentreExportSerializer})
    def post(self, request, pk):
        export = get_object_or_404(CentreExport, pk=pk, status=CentreExport.Status.READY)
        serializer = CentreRestoreSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        archive.centre_restore_queue(export=export, slug=serializer.validated_data["slug"], by_id=str(request.user.pk))
        return Response(CentreExportSerializer(export).data, status=status.HTTP_202_ACCEPTED)


class CentreHealthListView(GenericAPIView):
    permission_classes = [IsOperator]
    serializer_class = CentreHealthSerializer
    queryset = CentreExport.objects.none()  # rows are built by tenants.health, not a queryset

    @extend_schema(summary="Every centre's health snapshot (counts and sizes only)",
                   responses=CentreHealthSerializer(many=True))
    def get(self, request):
        rows = health.centre_health_rows(sort=request.query_params.get("sort", "name"))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(CentreHealthSerializer(page, many=True).data)


class CentreHealthDetailView(APIView):
    permission_classes = [IsOperator]

    @extend_schema(summary="One centre's health, read now", responses=CentreHealthSerializer)
    def get(self, request, pk):
        centre = get_object_or_404(centre_list(), pk=pk)
        row = next(row for row in health.centre_health_rows() if row.centre.pk == centre.pk)
        row.health = health.centre_health_read(centre=centre)
        row.figures = row.health.figures
        return Response(CentreHealthSerializer(row).data)
