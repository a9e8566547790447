"""A centre's host, API: its coordinator's exports of the whole centre."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from platform_core.permissions import HasPermissionFor

from . import archive
from .centre_views import current_centre, export_download
from .models import CentreExport
from .selectors import centre_exports
from .serializers import CentreExportSerializer


class CanExportCentre(HasPermissionFor):
    read_perm = write_perm = "accounts.export_centre"


class CentreExportListView(GenericAPIView):
    permission_classes = [CanExportCentre]
    serializer_class = CentreExportSerializer

    queryset = CentreExport.objects.none()  # for the schema generator; get_queryset() is the real one

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return centre_exports(centre=current_centre())

    @extend_schema(summary="The centre's exports, newest first", responses=CentreExportSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CentreExportSerializer(page, many=True).data)

    @extend_schema(summary="Ask for the archive of the whole centre (built in the background)", request=None,
                   responses={202: CentreExportSerializer})
    def post(self, request):
        export = archive.centre_export_request(centre=current_centre(), requested_by=CentreExport.Requester.COORDINATOR,
                                               requested_by_id=str(request.user.pk))
        return Response(CentreExportSerializer(export).data, status=status.HTTP_202_ACCEPTED)


class CentreExportDownloadView(APIView):
    permission_classes = [CanExportCentre]

    @extend_schema(summary="Download a ready archive (every person's record logged as exported)",
                   responses={(200, "application/gzip"): OpenApiResponse(description="the .tar.gz archive")})
    def get(self, request, pk):
        from casework.models import AccessLog

        get_object_or_404(self.get_queryset_ready(), pk=pk)
        return export_download(request, pk, channel=AccessLog.Channel.API)

    def get_queryset_ready(self):
        return centre_exports(centre=current_centre()).filter(status=CentreExport.Status.READY)
