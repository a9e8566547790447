"""API: appointments (``appointments/``): book, move (PATCH), cancel (saying by whom), mark
attended or missed, rebook a missed one in one step."""

from django.urls import path
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from casework.models import Case, Person
from casework.services.access import AccessLoggedMixin
from platform_core import bounds
from platform_core.permissions import HasPermissionFor
from programs import selectors
from programs.models import Appointment
from programs.services import appointments as services

from ._base import ListCreateView, parsed, room_field, site_field, staff_field
from .sessions import _day_start


class AppointmentOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appointment
        fields = ["id", "person", "staff", "starts_at", "ends_at", "purpose", "status", "site", "room", "case",
                  "cancelled_by", "rebooked_from", "created_at", "updated_at"]


class AppointmentInputSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    staff = staff_field()
    starts_at = serializers.DateTimeField(help_text=bounds.RECORD_DATE_RULE)
    ends_at = serializers.DateTimeField(help_text=bounds.RECORD_DATE_RULE)
    purpose = serializers.CharField(max_length=200)
    site = site_field(required=False, allow_null=True)
    room = room_field(required=False, allow_null=True)
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all(), required=False, allow_null=True)


class AppointmentMoveSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField(required=False, help_text=bounds.RECORD_DATE_RULE)
    ends_at = serializers.DateTimeField(required=False, help_text=bounds.RECORD_DATE_RULE)
    staff = staff_field(required=False)
    room = room_field(required=False)
    purpose = serializers.CharField(max_length=200, required=False)


class AppointmentCancelSerializer(serializers.Serializer):
    cancelled_by = serializers.ChoiceField(choices=Appointment.CancelledBy.choices)


class AppointmentMarkSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[(Appointment.Status.ATTENDED, Appointment.Status.ATTENDED.label),
                                              (Appointment.Status.MISSED, Appointment.Status.MISSED.label)])


class AppointmentRebookSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField(help_text=bounds.RECORD_DATE_RULE)
    ends_at = serializers.DateTimeField(required=False, help_text="Default: the same length as before.")


class _AppointmentFilterBase(filters.FilterSet):
    staff = filters.UUIDFilter(field_name="staff_id")
    person = filters.UUIDFilter(field_name="person_id")
    site = filters.UUIDFilter(field_name="site_id")
    status = filters.ChoiceFilter(choices=Appointment.Status.choices)

    class Meta:
        model = Appointment
        fields = ["staff", "person", "site", "status"]

    def filter_from(self, queryset, name, value):
        return queryset.filter(starts_at__gte=_day_start(value))

    def filter_to(self, queryset, name, value):
        import datetime

        return queryset.filter(starts_at__lt=_day_start(value + datetime.timedelta(days=1)))


AppointmentFilter = type("AppointmentFilter", (_AppointmentFilterBase,), {
    "from": filters.DateFilter(method="filter_from", help_text="First day (YYYY-MM-DD)."),
    "to": filters.DateFilter(method="filter_to", help_text="Last day, included (YYYY-MM-DD)."),
})

_READ = "programs.view_appointment"


@extend_schema_view(post=extend_schema(request=AppointmentInputSerializer,
                                       responses={201: AppointmentOutputSerializer}))
class AppointmentListView(ListCreateView):
    """Appointments (filter: ``from``, ``to``, ``staff``, ``person``, ``site``, ``status``) and
    booking one; a staff member, room or person already taken at that time is refused."""

    permission_classes = [HasPermissionFor.of(read=_READ, write="programs.add_appointment")]
    serializer_class = AppointmentOutputSerializer
    input_serializer_class = AppointmentInputSerializer
    filterset_class = AppointmentFilter
    queryset = Appointment.objects.none()

    def get_queryset(self):
        return selectors.appointment_list()

    def create(self, request, fields: dict):
        return services.appointment_book(by=request.user, **fields)


class _AppointmentView(AccessLoggedMixin, GenericAPIView):
    serializer_class = AppointmentOutputSerializer

    def get_queryset(self):
        return selectors.appointment_list()


class AppointmentDetailView(_AppointmentView):
    permission_classes = [HasPermissionFor.of(read=_READ, write="programs.change_appointment")]

    def get(self, request, pk):
        return Response(AppointmentOutputSerializer(self.get_object()).data)

    @extend_schema(request=AppointmentMoveSerializer, responses=AppointmentOutputSerializer)
    def patch(self, request, pk):
        appointment = services.appointment_move(appointment=self.get_object(), by=request.user,
                                                **parsed(AppointmentMoveSerializer, request, partial=True))
        return Response(AppointmentOutputSerializer(appointment).data)


def _action(serializer_class, service):
    class ActionView(_AppointmentView):
        permission_classes = [HasPermissionFor.of(read=_READ, write="programs.change_appointment")]

        @extend_schema(request=serializer_class, responses={200: AppointmentOutputSerializer})
        def post(self, request, pk):
            result = service(appointment=self.get_object(), by=request.user, **parsed(serializer_class, request))
            code = status.HTTP_201_CREATED if result.pk != pk else status.HTTP_200_OK
            return Response(AppointmentOutputSerializer(result).data, status=code)

    ActionView.__name__ = ActionView.__qualname__ = f"Appointment{service.__name__.split('_')[-1].title()}View"
    ActionView.__doc__ = service.__doc__
    return ActionView


urlpatterns = [
    path("appointments/", AppointmentListView.as_view(), name="appointment-list"),
    path("appointments/<uuid:pk>/", AppointmentDetailView.as_view(), name="appointment-detail"),
    path("appointments/<uuid:pk>/cancel/", _action(AppointmentCancelSerializer, services.appointment_cancel).as_view(),
         name="appointment-cancel"),
    path("appointments/<uuid:pk>/mark/", _action(AppointmentMarkSerializer, services.appointment_mark).as_view(),
         name="appointment-mark"),
    path("appointments/<uuid:pk>/rebook/", _action(AppointmentRebookSerializer, services.appointment_rebook).as_view(),
         name="appointment-rebook"),
]
