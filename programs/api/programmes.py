"""API: programmes (``programs/``) and enrolments (``enrolments/``): enrol → 201 ``enrolled`` or
``waitlisted``; withdraw → the first on the waitlist takes the place."""

from django.shortcuts import get_object_or_404
from django.urls import path
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from casework.models import Case, Person
from casework.services.access import AccessLoggedMixin
from partners.models import Organization
from platform_core import bounds
from platform_core.permissions import HasPermissionFor
from programs import selectors
from programs.models import Enrolment, Programme
from programs.services import enrolments as enrolment_services
from programs.services import programmes as services

from ._base import ListCreateView, parsed, room_field, site_field, staff_field


class ProgrammeOutputSerializer(serializers.ModelSerializer):
    enrolled_count = serializers.IntegerField(source="enrolled", read_only=True, default=None)
    waitlisted_count = serializers.IntegerField(source="waitlisted", read_only=True, default=None)

    class Meta:
        model = Programme
        fields = ["id", "title", "kind", "capacity", "starts_on", "ends_on", "site", "status", "description",
                  "facilitators", "partner", "room", "target_group", "age_min", "age_max", "access",
                  "enrolled_count", "waitlisted_count", "created_at", "updated_at"]


class ProgrammeInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=160)
    kind = serializers.ChoiceField(choices=Programme.Kind.choices)
    capacity = serializers.IntegerField(min_value=1, max_value=32767)
    starts_on = serializers.DateField(help_text=bounds.RECORD_DATE_RULE)
    ends_on = serializers.DateField(help_text=bounds.RECORD_DATE_RULE)
    site = site_field(required=False, allow_null=True)
    room = room_field(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=Programme.Status.choices, required=False)
    description = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, required=False, allow_blank=True)
    facilitators = serializers.ListField(child=staff_field(), required=False)
    partner = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all(), required=False, allow_null=True,
                                                 help_text="A partner organisation of the shared directory.")
    target_group = serializers.CharField(max_length=200, required=False, allow_blank=True)
    age_min = serializers.IntegerField(min_value=0, max_value=120, required=False, allow_null=True)
    age_max = serializers.IntegerField(min_value=0, max_value=120, required=False, allow_null=True)
    access = serializers.ChoiceField(choices=Programme.Access.choices, required=False)


class ProgrammeFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Programme.Kind.choices)
    status = filters.ChoiceFilter(choices=Programme.Status.choices)
    site = filters.UUIDFilter(field_name="site_id")

    class Meta:
        model = Programme
        fields = ["kind", "status", "site"]


@extend_schema_view(post=extend_schema(request=ProgrammeInputSerializer, responses={201: ProgrammeOutputSerializer}))
class ProgrammeListView(ListCreateView):
    """Programmes: list (filter by kind, status, site) and create one."""

    permission_classes = [HasPermissionFor.of(read="programs.view_programme", write="programs.add_programme")]
    serializer_class = ProgrammeOutputSerializer
    input_serializer_class = ProgrammeInputSerializer
    filterset_class = ProgrammeFilter
    queryset = Programme.objects.none()

    def get_queryset(self):
        return selectors.programme_list().prefetch_related("facilitators")

    def create(self, request, fields: dict):
        return services.programme_create(by=request.user, **fields)


class ProgrammeDetailView(GenericAPIView):
    """One programme; PATCH changes it (capacity not below those enrolled; a larger capacity
    takes people off the waitlist)."""

    permission_classes = [HasPermissionFor.of(read="programs.view_programme", write="programs.change_programme")]
    serializer_class = ProgrammeOutputSerializer

    def get_queryset(self):
        return selectors.programme_list().prefetch_related("facilitators")

    def get(self, request, pk):
        return Response(ProgrammeOutputSerializer(self.get_object()).data)

    @extend_schema(request=ProgrammeInputSerializer, responses=ProgrammeOutputSerializer)
    def patch(self, request, pk):
        programme = services.programme_update(programme=self.get_object(), by=request.user,
                                              **parsed(ProgrammeInputSerializer, request, partial=True))
        return Response(ProgrammeOutputSerializer(self.get_queryset().get(pk=programme.pk)).data)


# --- Enrolments -------------------------------------------------------------------------------

class EnrolmentOutputSerializer(serializers.ModelSerializer):
    program = serializers.UUIDField(source="programme_id", read_only=True)
    waitlist_position = serializers.SerializerMethodField()

    class Meta:
        model = Enrolment
        fields = ["id", "status", "program", "person", "guardian", "case", "queued_at", "reason",
                  "status_changed_at", "waitlist_position", "created_at"]

    def get_waitlist_position(self, enrolment) -> int | None:
        if enrolment.status != Enrolment.Status.WAITLISTED:
            return None
        return Enrolment.objects.filter(programme_id=enrolment.programme_id, status=Enrolment.Status.WAITLISTED,
                                        queued_at__lt=enrolment.queued_at).count() + 1


class EnrolmentCreatedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enrolment
        fields = ["id", "status"]


class EnrolmentInputSerializer(serializers.Serializer):
    program = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all(), required=False, allow_null=True,
                                              help_text="Default: the person's latest open case (required "
                                                        "for programmes by referral).")
    guardian = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True,
                                                  help_text="A minor's guardian (tutoring: default the head of "
                                                            "the household).")


class EnrolmentWithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class EnrolmentFilter(filters.FilterSet):
    program = filters.UUIDFilter(field_name="programme_id")
    person = filters.UUIDFilter(field_name="person_id")
    status = filters.ChoiceFilter(choices=Enrolment.Status.choices)

    class Meta:
        model = Enrolment
        fields = ["program", "person", "status"]


@extend_schema_view(post=extend_schema(request=EnrolmentInputSerializer, responses={201: EnrolmentCreatedSerializer}))
class EnrolmentListView(ListCreateView):
    """Enrolments (filter by program, person, status); POST enrols (``enrolled``) or waitlists
    (``waitlisted``) when every place is taken."""

    permission_classes = [HasPermissionFor.of(read="programs.view_enrolment", write="programs.add_enrolment")]
    serializer_class = EnrolmentOutputSerializer
    created_serializer_class = EnrolmentCreatedSerializer
    input_serializer_class = EnrolmentInputSerializer
    filterset_class = EnrolmentFilter
    queryset = Enrolment.objects.none()

    def get_queryset(self):
        return selectors.enrolment_list()

    def create(self, request, fields: dict):
        return enrolment_services.enrolment_create(by=request.user, programme=fields.pop("program"), **fields)


class EnrolmentDetailView(AccessLoggedMixin, GenericAPIView):
    permission_classes = [HasPermissionFor.of(read="programs.view_enrolment", write="programs.change_enrolment")]
    serializer_class = EnrolmentOutputSerializer

    def get_queryset(self):
        return selectors.enrolment_list()

    def get(self, request, pk):
        return Response(EnrolmentOutputSerializer(self.get_object()).data)


class EnrolmentWithdrawView(GenericAPIView):
    """Withdraws the person (or takes them off the waitlist), with a reason; a freed place goes
    to the first on the waitlist."""

    permission_classes = [HasPermissionFor.of(read="programs.view_enrolment", write="programs.change_enrolment")]
    serializer_class = EnrolmentOutputSerializer
    queryset = Enrolment.objects.all()

    @extend_schema(request=EnrolmentWithdrawSerializer, responses=EnrolmentOutputSerializer)
    def post(self, request, pk):
        enrolment = get_object_or_404(Enrolment, pk=pk)
        fields = parsed(EnrolmentWithdrawSerializer, request)
        enrolment = enrolment_services.enrolment_withdraw(enrolment=enrolment, by=request.user, **fields)
        return Response(EnrolmentOutputSerializer(enrolment).data, status=status.HTTP_200_OK)


urlpatterns = [
    path("programs/", ProgrammeListView.as_view(), name="programme-list"),
    path("programs/<uuid:pk>/", ProgrammeDetailView.as_view(), name="programme-detail"),
    path("enrolments/", EnrolmentListView.as_view(), name="enrolment-list"),
    path("enrolments/<uuid:pk>/", EnrolmentDetailView.as_view(), name="enrolment-detail"),
    path("enrolments/<uuid:pk>/withdraw/", EnrolmentWithdrawView.as_view(), name="enrolment-withdraw"),
]
