"""API: sessions (``sessions/?from=&to=&staff=&site=&program=``), one-off or recurring creation,
moving and cancelling, the attendance register (GET, PUT) and the sign-in sheet (PDF) and its
signed scan."""

import datetime

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from casework.models import AccessLog
from casework.services.access import AccessLoggedMixin, access_record_many
from platform_core import bounds
from platform_core.downloads import private, private_file
from platform_core.permissions import HasPermissionFor
from programs import selectors
from programs.models import Attendance, Programme, Session
from programs.services import attendance as attendance_services
from programs.services import sessions as services
from programs.sheets import attendance_sheet_pdf

from ._base import parsed, room_field, staff_field


class SessionOutputSerializer(serializers.ModelSerializer):
    program = serializers.UUIDField(source="programme_id", read_only=True)
    program_title = serializers.CharField(source="programme.title", read_only=True)
    has_signed_sheet = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = ["id", "program", "program_title", "starts_at", "ends_at", "site", "room", "facilitator", "status",
                  "topic", "series", "has_signed_sheet"]

    def get_has_signed_sheet(self, session) -> bool:
        return bool(session.signed_sheet)


class SessionCreateSerializer(serializers.Serializer):
    program = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())
    starts_at = serializers.DateTimeField(required=False, help_text="One-off session: its start (with ends_at).")
    ends_at = serializers.DateTimeField(required=False, help_text=bounds.RECORD_DATE_RULE)
    rule = serializers.CharField(max_length=300, required=False,
                                 help_text="Recurring: an RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TU,TH "
                                           "(with first_starts_at and duration_minutes). Greek public "
                                           "holidays and the centre's closure days are skipped.")
    first_starts_at = serializers.DateTimeField(required=False)
    duration_minutes = serializers.IntegerField(min_value=1, max_value=24 * 60, required=False)
    facilitator = staff_field(required=False, allow_null=True)
    room = room_field(required=False, allow_null=True)
    topic = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate(self, data):
        if data.get("rule"):
            missing = [name for name in ("first_starts_at", "duration_minutes") if not data.get(name)]
        else:
            missing = [name for name in ("starts_at", "ends_at") if not data.get(name)]
        if missing:
            raise ApiValidationError({name: ["This field is required."] for name in missing})
        return data


class SkippedSerializer(serializers.Serializer):
    day = serializers.DateField()
    reason = serializers.CharField(max_length=bounds.LONG_TEXT_MAX)


class SessionsCreatedSerializer(serializers.Serializer):
    sessions = SessionOutputSerializer(many=True)
    skipped = SkippedSerializer(many=True)


class SessionMoveSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField(required=False, help_text=bounds.RECORD_DATE_RULE)
    ends_at = serializers.DateTimeField(required=False, help_text=bounds.RECORD_DATE_RULE)
    facilitator = staff_field(required=False)
    room = room_field(required=False)
    topic = serializers.CharField(max_length=200, required=False, allow_blank=True)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class _SessionFilterBase(filters.FilterSet):
    staff = filters.UUIDFilter(field_name="facilitator_id", help_text="A staff member's id (the facilitator).")
    site = filters.UUIDFilter(field_name="site_id")
    program = filters.UUIDFilter(field_name="programme_id")
    status = filters.ChoiceFilter(choices=Session.Status.choices)

    class Meta:
        model = Session
        fields = ["staff", "site", "program", "status"]

    def filter_from(self, queryset, name, value: datetime.date):
        return queryset.filter(starts_at__gte=_day_start(value))

    def filter_to(self, queryset, name, value: datetime.date):
        return queryset.filter(starts_at__lt=_day_start(value + datetime.timedelta(days=1)))


# ``from`` and ``to`` are Python keywords, so the two filters are declared by name.
SessionFilter = type("SessionFilter", (_SessionFilterBase,), {
    "from": filters.DateFilter(method="filter_from", help_text="First day (YYYY-MM-DD)."),
    "to": filters.DateFilter(method="filter_to", help_text="Last day, included (YYYY-MM-DD)."),
})


SESSION_READ = "programs.view_session"


@extend_schema_view(post=extend_schema(request=SessionCreateSerializer, responses={201: SessionsCreatedSerializer}))
class SessionListView(ListAPIView):
    """Sessions (filter: ``from``, ``to``, ``staff``, ``site``, ``program``, ``status``); POST adds
    one session (``starts_at``, ``ends_at``) or a recurring series (``rule``, ``first_starts_at``,
    ``duration_minutes``), all or nothing."""

    permission_classes = [HasPermissionFor.of(read=SESSION_READ, write="programs.add_session")]
    serializer_class = SessionOutputSerializer
    filterset_class = SessionFilter
    queryset = Session.objects.none()

    def get_queryset(self):
        return selectors.session_list()

    def post(self, request):
        fields = parsed(SessionCreateSerializer, request)
        programme, common = fields.pop("program"), {key: fields.get(key) for key in ("facilitator", "room")}
        if fields.get("rule"):
            sessions, skipped = services.sessions_schedule(
                programme=programme, by=request.user, rule=fields["rule"], first_starts_at=fields["first_starts_at"],
                duration_minutes=fields["duration_minutes"], topic=fields.get("topic", ""), **common)
        else:
            sessions = [services.session_add(programme=programme, by=request.user, starts_at=fields["starts_at"],
                                             ends_at=fields["ends_at"], topic=fields.get("topic", ""), **common)]
            skipped = []
        sessions = list(selectors.session_list().filter(pk__in=[session.pk for session in sessions]))
        body = SessionsCreatedSerializer({"sessions": sessions, "skipped": skipped}).data
        return Response(body, status=status.HTTP_201_CREATED)


class _SessionView(GenericAPIView):
    serializer_class = SessionOutputSerializer

    def get_queryset(self):
        return selectors.session_list()


class SessionDetailView(_SessionView):
    """One session; PATCH moves it (time, room, facilitator) and the reminders follow."""

    permission_classes = [HasPermissionFor.of(read=SESSION_READ, write="programs.change_session")]

    def get(self, request, pk):
        return Response(SessionOutputSerializer(self.get_object()).data)

    @extend_schema(request=SessionMoveSerializer, responses=SessionOutputSerializer)
    def patch(self, request, pk):
        session = services.session_move(session=self.get_object(), by=request.user,
                                        **parsed(SessionMoveSerializer, request, partial=True))
        return Response(SessionOutputSerializer(self.get_queryset().get(pk=session.pk)).data)


class SessionCancelView(_SessionView):
    permission_classes = [HasPermissionFor.of(read=SESSION_READ, write="programs.change_session")]

    @extend_schema(request=None, responses=SessionOutputSerializer)
    def post(self, request, pk):
        session = services.session_cancel(session=self.get_object(), by=request.user)
        return Response(SessionOutputSerializer(self.get_queryset().get(pk=session.pk)).data)


class RegisterRowSerializer(serializers.Serializer):
    person = serializers.UUIDField(source="person.pk")
    enrolment = serializers.UUIDField(source="enrolment.pk")
    last_name = serializers.CharField(source="person.last_name")
    first_name = serializers.CharField(source="person.first_name")
    mark = serializers.ChoiceField(choices=Attendance.Mark.choices, allow_null=True)


class MarkSerializer(serializers.Serializer):
    person = serializers.UUIDField()
    mark = serializers.ChoiceField(choices=Attendance.Mark.choices)


class AttendanceInputSerializer(serializers.Serializer):
    all_present = serializers.BooleanField(default=False, help_text="Everyone present, then ``marks`` the exceptions.")
    marks = MarkSerializer(many=True, required=False, default=list)


class AttendanceView(AccessLoggedMixin, _SessionView):
    """The session's register: GET everyone on it with their mark; PUT the marks (``all_present``
    then the exceptions). A person not enrolled is refused and nothing is written."""

    permission_classes = [HasPermissionFor.of(read="programs.view_attendance", write="programs.add_attendance")]
    serializer_class = RegisterRowSerializer

    def _register(self, session):
        rows = selectors.register_of(session)
        access_record_many(user=self.request.user, objects=[row["enrolment"] for row in rows],
                           channel=AccessLog.Channel.API)
        return Response({"session": str(session.pk), "results": RegisterRowSerializer(rows, many=True).data})

    @extend_schema(responses=RegisterRowSerializer(many=True))
    def get(self, request, pk):
        return self._register(GenericAPIView.get_object(self))

    @extend_schema(request=AttendanceInputSerializer, responses=RegisterRowSerializer(many=True))
    def put(self, request, pk):
        session = GenericAPIView.get_object(self)
        fields = parsed(AttendanceInputSerializer, request)
        marks = {str(row["person"]): row["mark"] for row in fields["marks"]}
        attendance_services.attendance_record(session=session, by=request.user, marks=marks,
                                              all_present=fields["all_present"])
        return self._register(session)


class SheetView(_SessionView):
    """The printable sign-in sheet (παρουσιολόγιο, PDF) with a signature column."""

    permission_classes = [HasPermissionFor.of(read="programs.view_attendance", write="programs.add_attendance")]

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request, pk):
        session = self.get_object()
        return private(HttpResponse(attendance_sheet_pdf(session=session, user=request.user),
                                    content_type="application/pdf"), f"attendance-{session.pk}.pdf")


class SignedSheetUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)


class SignedSheetView(_SessionView):
    """The scan of the signed sheet: GET downloads it, POST (multipart ``file``) uploads it."""

    permission_classes = [HasPermissionFor.of(read="programs.view_attendance", write="programs.add_attendance")]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)})
    def get(self, request, pk):
        return signed_sheet_response(self.get_object())

    @extend_schema(request={"multipart/form-data": SignedSheetUploadSerializer},
                   responses={201: SessionOutputSerializer})
    def post(self, request, pk):
        session = self.get_object()  # another centre's id: 404 before the body is read
        fields = parsed(SignedSheetUploadSerializer, request)
        session = attendance_services.signed_sheet_upload(session=session, upload=fields["file"], by=request.user)
        return Response(SessionOutputSerializer(session).data, status=status.HTTP_201_CREATED)


def signed_sheet_response(session: Session):
    import os

    from django.http import Http404

    if not session.signed_sheet:
        raise Http404
    extension = os.path.splitext(session.signed_sheet.name)[1]
    return private_file(session.signed_sheet, filename=f"attendance-signed-{session.pk}{extension}",
                        content_type=session.signed_sheet_type or None)


urlpatterns = [
    path("sessions/", SessionListView.as_view(), name="session-list"),
    path("sessions/<uuid:pk>/", SessionDetailView.as_view(), name="session-detail"),
    path("sessions/<uuid:pk>/cancel/", SessionCancelView.as_view(), name="session-cancel"),
    path("sessions/<uuid:pk>/attendance/", AttendanceView.as_view(), name="session-attendance"),
    path("sessions/<uuid:pk>/sheet/", SheetView.as_view(), name="session-sheet"),
    path("sessions/<uuid:pk>/signed-sheet/", SignedSheetView.as_view(), name="session-signed-sheet"),
]
