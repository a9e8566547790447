"""API: people (``persons/``) and households (``households/``), over the same services as the pages."""

import django_filters
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from casework.models import AccessLog, Household, HouseholdMember, Person
from casework.selectors import people as selectors
from casework.services import access_record
from casework.services import people as services
from platform_core import bounds
from platform_core.permissions import HasPermissionFor
from regional.models import Municipality

PERSON_PERMISSION = HasPermissionFor.of(read="casework.view_person", write="casework.add_person")
PERSON_CHANGE_PERMISSION = HasPermissionFor.of(read="casework.view_person", write="casework.change_person")
HOUSEHOLD_PERMISSION = HasPermissionFor.of(read="casework.view_household", write="casework.add_household")
HOUSEHOLD_CHANGE_PERMISSION = HasPermissionFor.of(read="casework.view_household", write="casework.change_household")
MEMBER_PERMISSION = HasPermissionFor.of(read="casework.view_householdmember", write="casework.add_householdmember")

VALIDATION_ERROR = inline_serializer("ValidationError", fields={
    "non_field_errors": serializers.ListField(child=serializers.CharField(), required=False),
    "code": serializers.CharField(required=False, help_text="`duplicate` or `possible_duplicate`"),
    "duplicate_of": serializers.UUIDField(required=False,
                                          help_text="The person already registered with this ΑΜΚΑ/ΑΦΜ."),
    "candidates": serializers.ListField(child=serializers.UUIDField(), required=False,
                                        help_text="Possible duplicates (same names and birth date); resend "
                                                  "with `confirm_duplicate: true` to register anyway."),
})


# --- serializers ------------------------------------------------------------------------------

def municipality_field() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="slug", required=False, allow_null=True, queryset=Municipality.objects.all(),
        help_text="The slug of one of Greece's municipalities (e.g. `apokoronas`); an unknown slug is a 400.")


class PersonInputSerializer(serializers.ModelSerializer):
    """What a client may set; the service validates ΑΜΚΑ/ΑΦΜ, phone, postcode and duplicates."""

    amka = serializers.CharField(max_length=20, required=False, allow_blank=True)
    afm = serializers.CharField(max_length=16, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=24, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=8, required=False, allow_blank=True)
    municipality = municipality_field()

    class Meta:
        model = Person
        fields = sorted(services.PERSON_FIELDS)
        extra_kwargs = {"birth_date": {"help_text": bounds.BIRTH_DATE_RULE},
                        "unemployed_since": {"help_text": "Not before 1900-01-01, not in the future."}}


class PersonCreateSerializer(PersonInputSerializer):
    confirm_duplicate = serializers.BooleanField(
        default=False, help_text="Register even though someone with the same names and birth date exists.")

    class Meta(PersonInputSerializer.Meta):
        fields = [*PersonInputSerializer.Meta.fields, "confirm_duplicate"]


class PersonSummarySerializer(serializers.ModelSerializer):
    household = serializers.UUIDField(source="membership.household_id", read_only=True, allow_null=True,
                                      default=None)

    class Meta:
        model = Person
        fields = ["id", "last_name", "first_name", "father_name", "birth_date", "phone", "household"]


class MembershipSerializer(serializers.ModelSerializer):
    household = serializers.UUIDField(source="household_id", read_only=True)

    class Meta:
        model = HouseholdMember
        fields = ["household", "relation", "is_dependant"]


class PersonOutputSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    membership = MembershipSerializer(read_only=True, allow_null=True, default=None)

    class Meta:
        model = Person
        fields = ["id", *sorted(services.PERSON_FIELDS), "membership", "created_at", "updated_at"]


class HouseholdInputSerializer(serializers.ModelSerializer):
    municipality = municipality_field()

    class Meta:
        model = Household
        fields = sorted(services.HOUSEHOLD_FIELDS)


class HouseholdCreateSerializer(HouseholdInputSerializer):
    head = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True,
                                              help_text="A person in no household yet, who becomes its head.")

    class Meta(HouseholdInputSerializer.Meta):
        fields = [*HouseholdInputSerializer.Meta.fields, "head"]


class MemberOutputSerializer(serializers.ModelSerializer):
    person = PersonSummarySerializer(read_only=True)

    class Meta:
        model = HouseholdMember
        fields = ["id", "person", "relation", "is_dependant"]


class HouseholdOutputSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    members = serializers.SerializerMethodField()

    class Meta:
        model = Household
        fields = ["id", "name", "municipality", "settlement", "street", "notes", "members", "created_at",
                  "updated_at"]

    @extend_schema_field(MemberOutputSerializer(many=True))
    def get_members(self, household: Household) -> list[dict]:
        return MemberOutputSerializer(selectors.household_members(household=household), many=True).data


class MemberInputSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    relation = serializers.ChoiceField(choices=HouseholdMember.Relation.choices)
    is_dependant = serializers.BooleanField(default=False)


# --- filters ----------------------------------------------------------------------------------

class PersonFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__slug")
    born_after = django_filters.DateFilter(field_name="birth_date", lookup_expr="gte")
    born_before = django_filters.DateFilter(field_name="birth_date", lookup_expr="lte")
    in_household = django_filters.BooleanFilter(field_name="membership", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Person
        fields = ["gender", "citizenship", "employment_status", "education", "housing", "disability", "minority"]


# --- views ------------------------------------------------------------------------------------

class PersonListView(GenericAPIView):
    permission_classes = [PERSON_PERMISSION]
    serializer_class = PersonSummarySerializer
    filterset_class = PersonFilter

    def get_queryset(self):
        return selectors.person_list(query=self.request.query_params.get("q", ""))

    @extend_schema(
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description=(
            "Surname and/or first name (each word a prefix, accents and case ignored), ΑΜΚΑ (11 digits), "
            "ΑΦΜ (9 digits) or phone."))],
        responses=PersonSummarySerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(PersonSummarySerializer(page, many=True).data)

    @extend_schema(request=PersonCreateSerializer, responses={201: PersonOutputSerializer, 400: VALIDATION_ERROR})
    def post(self, request):
        serializer = PersonCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        person = services.person_create(by=request.user, **serializer.validated_data)
        return Response(PersonOutputSerializer(person).data, status=status.HTTP_201_CREATED)


class PersonDetailView(APIView):
    permission_classes = [PERSON_CHANGE_PERMISSION]

    def _get(self, pk) -> Person:
        return get_object_or_404(Person.objects.select_related("municipality", "membership"), pk=pk)

    @extend_schema(responses=PersonOutputSerializer)
    def get(self, request, pk):
        # The read and its access-log row commit together or not at all.
        with transaction.atomic():
            person = self._get(pk)
            access_record(user=request.user, person=person, channel=AccessLog.Channel.API)
            return Response(PersonOutputSerializer(person).data)

    @extend_schema(request=PersonInputSerializer, responses={200: PersonOutputSerializer, 400: VALIDATION_ERROR})
    def patch(self, request, pk):
        person = self._get(pk)
        serializer = PersonInputSerializer(person, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        person = services.person_update(person=person, by=request.user, **serializer.validated_data)
        return Response(PersonOutputSerializer(self._get(person.pk)).data)


class HouseholdListView(GenericAPIView):
    permission_classes = [HOUSEHOLD_PERMISSION]
    serializer_class = HouseholdOutputSerializer
    queryset = Household.objects.none()

    @extend_schema(responses=HouseholdOutputSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(selectors.household_list())
        return self.get_paginated_response(HouseholdOutputSerializer(page, many=True).data)

    @extend_schema(request=HouseholdCreateSerializer, responses={201: HouseholdOutputSerializer,
                                                                 400: VALIDATION_ERROR})
    def post(self, request):
        serializer = HouseholdCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        household = services.household_create(by=request.user, **serializer.validated_data)
        return Response(HouseholdOutputSerializer(household).data, status=status.HTTP_201_CREATED)


class HouseholdDetailView(APIView):
    permission_classes = [HOUSEHOLD_CHANGE_PERMISSION]

    @extend_schema(responses=HouseholdOutputSerializer)
    def get(self, request, pk):
        return Response(HouseholdOutputSerializer(get_object_or_404(Household, pk=pk)).data)

    @extend_schema(request=HouseholdInputSerializer, responses={200: HouseholdOutputSerializer,
                                                                400: VALIDATION_ERROR})
    def patch(self, request, pk):
        household = get_object_or_404(Household, pk=pk)
        serializer = HouseholdInputSerializer(household, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        household = services.household_update(household=household, by=request.user, **serializer.validated_data)
        return Response(HouseholdOutputSerializer(household).data)


class HouseholdMembersView(GenericAPIView):
    permission_classes = [MEMBER_PERMISSION]
    serializer_class = MemberOutputSerializer
    queryset = HouseholdMember.objects.none()

    @extend_schema(responses=MemberOutputSerializer(many=True))
    def get(self, request, pk):
        household = get_object_or_404(Household, pk=pk)
        page = self.paginate_queryset(selectors.household_members(household=household))
        return self.get_paginated_response(MemberOutputSerializer(page, many=True).data)

    @extend_schema(request=MemberInputSerializer, responses={201: MemberOutputSerializer, 400: VALIDATION_ERROR})
    def post(self, request, pk):
        household = get_object_or_404(Household, pk=pk)
        serializer = MemberInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        member = services.household_add_member(household=household, **serializer.validated_data)
        return Response(MemberOutputSerializer(member).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("persons/", PersonListView.as_view(), name="person-list"),
    path("persons/<uuid:pk>/", PersonDetailView.as_view(), name="person-detail"),
    path("households/", HouseholdListView.as_view(), name="household-list"),
    path("households/<uuid:pk>/", HouseholdDetailView.as_view(), name="household-detail"),
    path("households/<uuid:pk>/members/", HouseholdMembersView.as_view(), name="household-members"),
]
