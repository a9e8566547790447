"""API: spreadsheet imports (the coordinator's): upload a file, set its column mapping (which
queues the dry-run preview), read the preview and the progress, confirm, download the refused rows
and the blank templates. The same services as the staff pages."""

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from casework import downloads
from casework.imports.kinds import NEW, SAME, SKIP
from casework.models import ImportJob, ImportKind
from casework.selectors.imports import import_jobs_recent
from casework.services import imports as services
from platform_core.permissions import HasPermissionFor
from platform_core.spreadsheets import XLSX_CONTENT_TYPE

ImportPermission = HasPermissionFor.of(read="casework.import_records", write="casework.import_records")


class ImportUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ImportKind.choices)
    file = serializers.FileField(allow_empty_file=True)


class ImportMappingSerializer(serializers.Serializer):
    mapping = serializers.DictField(child=serializers.CharField(allow_blank=True),
                                    help_text="Column header of the file → field (see the template of the kind).")


class ImportConfirmSerializer(serializers.Serializer):
    skip_refused = serializers.BooleanField(default=False)
    decisions = serializers.DictField(
        child=serializers.ChoiceField(choices=[SAME, NEW, SKIP]), required=False, default=dict,
        help_text="Row number → same | new | skip, for possible duplicates.")


class ImportProgressSerializer(serializers.Serializer):
    status = serializers.CharField()
    status_label = serializers.CharField()
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()
    finished = serializers.BooleanField()


class ImportJobSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()
    has_errors_file = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = ["id", "kind", "file_name", "status", "header", "row_count", "mapping", "skip_refused", "decisions",
                  "preview", "result", "message", "created_at", "finished_at", "progress", "has_errors_file"]
        read_only_fields = fields

    @extend_schema_field(ImportProgressSerializer)
    def get_progress(self, job) -> dict:
        return services.import_progress(job=job)

    def get_has_errors_file(self, job) -> bool:
        return bool(job.errors_file)


class ImportListView(GenericAPIView):
    permission_classes = [ImportPermission]
    queryset = ImportJob.objects.none()
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = ImportJobSerializer

    @extend_schema(responses=ImportJobSerializer(many=True), summary="The centre's recent imports")
    def get(self, request):
        return Response(ImportJobSerializer(import_jobs_recent(), many=True).data)

    @extend_schema(request={"multipart/form-data": ImportUploadSerializer}, responses={201: ImportJobSerializer},
                   summary="Upload an XLSX or CSV (UTF-8 or Windows-1253) to import")
    def post(self, request):
        data = ImportUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.import_upload(by=request.user, kind=data.validated_data["kind"],
                                     upload=data.validated_data["file"])
        return Response(ImportJobSerializer(job).data, status=status.HTTP_201_CREATED)


class ImportDetailView(GenericAPIView):
    permission_classes = [ImportPermission]
    queryset = ImportJob.objects.none()
    serializer_class = ImportJobSerializer

    @extend_schema(responses=ImportJobSerializer, summary="An import: mapping, preview, progress and result")
    def get(self, request, pk):
        return Response(ImportJobSerializer(get_object_or_404(ImportJob, pk=pk)).data)


class ImportMappingView(GenericAPIView):
    permission_classes = [ImportPermission]
    queryset = ImportJob.objects.none()
    serializer_class = ImportMappingSerializer

    @extend_schema(request=ImportMappingSerializer, responses={202: ImportJobSerializer},
                   summary="Map the file's columns to fields and start the dry-run preview")
    def post(self, request, pk):
        job = get_object_or_404(ImportJob, pk=pk)
        data = ImportMappingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.import_map(job=job, by=request.user, mapping=data.validated_data["mapping"])
        return Response(ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ImportConfirmView(GenericAPIView):
    permission_classes = [ImportPermission]
    queryset = ImportJob.objects.none()
    serializer_class = ImportConfirmSerializer

    @extend_schema(request=ImportConfirmSerializer, responses={202: ImportJobSerializer},
                   summary="Confirm a previewed import; it runs as a task (poll the import for progress)")
    def post(self, request, pk):
        job = get_object_or_404(ImportJob, pk=pk)
        data = ImportConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.import_confirm(job=job, by=request.user, skip_refused=data.validated_data["skip_refused"],
                                      decisions=data.validated_data["decisions"])
        return Response(ImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ImportErrorsView(GenericAPIView):
    permission_classes = [ImportPermission]
    queryset = ImportJob.objects.none()

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY)},
                   summary="The refused (and unconfirmed) rows with their errors, as XLSX")
    def get(self, request, pk):
        return downloads.import_errors_response(get_object_or_404(ImportJob, pk=pk))


class ImportTemplateView(GenericAPIView):
    permission_classes = [ImportPermission]
    queryset = ImportJob.objects.none()

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY)},
                   summary="A blank template of a kind, with Greek headers")
    def get(self, request, kind):
        return downloads.import_template_response(kind)


urlpatterns = [
    path("imports/", ImportListView.as_view(), name="import-list"),
    path("imports/templates/<str:kind>/", ImportTemplateView.as_view(), name="import-template"),
    path("imports/<uuid:pk>/", ImportDetailView.as_view(), name="import-detail"),
    path("imports/<uuid:pk>/mapping/", ImportMappingView.as_view(), name="import-mapping"),
    path("imports/<uuid:pk>/confirm/", ImportConfirmView.as_view(), name="import-confirm"),
    path("imports/<uuid:pk>/errors/", ImportErrorsView.as_view(), name="import-errors"),
]
