"""API: a person's documents, data export, access history and timeline, and the centre's access
log. Every read of a person's data is logged in the same transaction (``AccessLoggedMixin``)."""

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from casework import downloads
from casework.models import AccessLog, Document, Person
from casework.selectors.people import household_members_loaded
from casework.selectors.records import AccessLogFilter, access_log_list, access_log_of, document_list, documents_of
from casework.services.access import AccessLoggedMixin
from casework.services.records import document_upload
from casework.timeline import person_timeline
from platform_core.permissions import HasPermissionFor


class DocumentOutputSerializer(serializers.ModelSerializer):
    person = serializers.UUIDField(source="person_id", read_only=True)
    uploaded_by = serializers.UUIDField(source="uploaded_by_id", read_only=True)

    class Meta:
        model = Document
        fields = ["id", "person", "kind", "title", "original_name", "content_type", "size", "uploaded_at",
                  "uploaded_by"]
        read_only_fields = fields


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)
    kind = serializers.ChoiceField(choices=Document.Kind.choices)
    title = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


class AccessLogOutputSerializer(serializers.ModelSerializer):
    user = serializers.UUIDField(source="user_id", read_only=True)
    user_name = serializers.SerializerMethodField()

    class Meta:
        model = AccessLog
        fields = ["id", "at", "user", "user_name", "action", "object_type", "object_id", "channel"]
        read_only_fields = fields

    def get_user_name(self, entry) -> str:
        return entry.user.get_full_name() or entry.user.get_username()


class CentreAccessLogOutputSerializer(AccessLogOutputSerializer):
    person = serializers.UUIDField(source="person_id", read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta(AccessLogOutputSerializer.Meta):
        fields = [*AccessLogOutputSerializer.Meta.fields, "person", "person_name"]
        read_only_fields = fields


class TimelineEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    label = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    sensitive = serializers.BooleanField()
    about_household = serializers.BooleanField()


class _PersonRowsView(AccessLoggedMixin, GenericAPIView):
    """GET: a page of one person's rows (``rows``), the read logged as a view of the person."""

    def rows(self, person: Person):
        raise NotImplementedError

    def get(self, request, **kwargs):
        person = get_object_or_404(Person, pk=kwargs.get("person_pk", kwargs.get("pk")))
        self.log_read(person=person)
        page = self.paginate_queryset(self.rows(person))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(get=extend_schema(responses=DocumentOutputSerializer(many=True)))
class PersonDocumentListView(_PersonRowsView):
    """A person's documents (GET) and upload of a new one (POST, multipart: ``file``, ``kind``,
    ``title``): PDF, JPEG or PNG by content, up to ``DOCUMENT_MAX_BYTES``."""

    permission_classes = [HasPermissionFor.of(read="casework.view_document", write="casework.add_document")]
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = DocumentOutputSerializer
    queryset = Document.objects.none()  # for the schema; the view reads one person's documents

    def rows(self, person):
        return documents_of(person=person)

    @extend_schema(request={"multipart/form-data": DocumentUploadSerializer},
                   responses={201: DocumentOutputSerializer})
    def post(self, request, person_pk):
        person = get_object_or_404(Person, pk=person_pk)
        serializer = DocumentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        document = document_upload(person=person, upload=data["file"], kind=data["kind"], title=data["title"],
                                   by=request.user)
        return Response(DocumentOutputSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentDetailView(AccessLoggedMixin, GenericAPIView):
    """A document's metadata (the file itself: ``download/``)."""

    permission_classes = [HasPermissionFor.of(read="casework.view_document", write="casework.change_document")]
    serializer_class = DocumentOutputSerializer

    def get_queryset(self):
        return document_list()

    def get(self, request, pk):
        return Response(DocumentOutputSerializer(self.get_object()).data)


class DocumentDownloadView(AccessLoggedMixin, GenericAPIView):
    """The document's file, as an attachment; the download is logged."""

    permission_classes = [HasPermissionFor.of(read="casework.view_document", write="casework.change_document")]
    access_action = AccessLog.Action.DOWNLOAD

    def get_queryset(self):
        return document_list()

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request, pk):
        return downloads.document_response(self.get_object())


class PersonExportView(AccessLoggedMixin, GenericAPIView):
    """Everything the centre holds about the person that the caller may see (GDPR access request),
    as a JSON attachment; the export is logged. A full-access export is the coordinator's."""

    permission_classes = [HasPermissionFor.of(read="casework.export_person", write="casework.export_person")]
    access_action = AccessLog.Action.EXPORT

    def get_queryset(self):
        return Person.objects.all()

    @extend_schema(responses={(200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT)})
    def get(self, request, pk):
        return downloads.export_json_response(person=self.get_object(), user=request.user)


@extend_schema_view(get=extend_schema(responses=AccessLogOutputSerializer(many=True)))
class PersonAccessLogView(_PersonRowsView):
    """Who read what about the person, when and through which channel (newest first)."""

    permission_classes = [HasPermissionFor.of(read="casework.view_access_log", write="casework.view_access_log")]
    serializer_class = AccessLogOutputSerializer
    queryset = AccessLog.objects.none()  # for the schema; the view reads one person's log

    def rows(self, person):
        return access_log_of(person=person)


class AccessLogListView(ListAPIView):
    """Every read of the centre's records, newest first: who (``user``) read what (``object_type``,
    ``object_id``) of whose record (``person``), when and through which channel. Filters:
    ``user``, ``person``, ``date_from``, ``date_to``, ``action``; the same rows as the
    ``/access-log/`` page. Listing the log is not itself logged as a read of each person."""

    permission_classes = [HasPermissionFor.of(read="casework.view_access_log", write="casework.view_access_log")]
    serializer_class = CentreAccessLogOutputSerializer
    filterset_class = AccessLogFilter
    queryset = AccessLog.objects.none()  # for the schema

    def get_queryset(self):
        return access_log_list()


class PersonTimelineView(AccessLoggedMixin, GenericAPIView):
    """The person's one timeline (theirs and their household's), as the caller may see it."""

    permission_classes = [HasPermissionFor.of(read="casework.view_person", write="casework.change_person")]
    serializer_class = TimelineEntrySerializer

    def get_queryset(self):
        return Person.objects.all()

    @extend_schema(responses=TimelineEntrySerializer(many=True))
    def get(self, request, pk):
        person = self.get_object()
        household = person.household
        if household is not None:
            household_members_loaded(household=household)
        entries = person_timeline(person=person, user=request.user, household=household)
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(TimelineEntrySerializer(page, many=True).data)


urlpatterns = [
    path("access-log/", AccessLogListView.as_view(), name="access-log"),
    path("persons/<uuid:person_pk>/documents/", PersonDocumentListView.as_view(), name="person-document-list"),
    path("documents/<uuid:pk>/", DocumentDetailView.as_view(), name="document-detail"),
    path("documents/<uuid:pk>/download/", DocumentDownloadView.as_view(), name="document-download"),
    path("persons/<uuid:pk>/export/", PersonExportView.as_view(), name="person-export"),
    path("persons/<uuid:pk>/access-log/", PersonAccessLogView.as_view(), name="person-access-log"),
    path("persons/<uuid:pk>/timeline/", PersonTimelineView.as_view(), name="person-timeline"),
]
