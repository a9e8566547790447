"""API: socioeconomic assessments (computed on create, with the rules they used) and the centre's
Social Grocery / Clothing bank thresholds."""

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from casework.models import AccessLog, AidScheme, AidThreshold, Assessment, AssessmentIncome, Case, Housing, Person
from casework.selectors.assessments import aid_threshold_list, assessment_health_notes_for, assessment_list
from casework.services.access import access_record
from casework.services.assessments import aid_threshold_set, assessment_record
from platform_core import bounds
from platform_core.permissions import HasPermissionFor

MONEY = {"max_digits": 10, "decimal_places": 2, "min_value": 0, "max_value": bounds.AMOUNT_MAX,
         "help_text": bounds.AMOUNT_RULE}


class IncomeSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=AssessmentIncome.Source.choices)
    monthly_amount = serializers.DecimalField(**MONEY)


class AssessmentInputSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all(), required=False, allow_null=True)
    assessed_on = serializers.DateField(help_text=bounds.PAST_RECORD_DATE_RULE)
    adults = serializers.IntegerField(min_value=1, max_value=30)
    minors = serializers.IntegerField(min_value=0, max_value=30, default=0)
    single_parent = serializers.BooleanField(default=False)
    housing = serializers.ChoiceField(choices=Housing.choices, default=Housing.DECLINED)
    incomes = serializers.ListField(child=IncomeSerializer(), default=list, max_length=bounds.INCOME_LINES_MAX)
    monthly_rent = serializers.DecimalField(**MONEY, default=0)
    debts = serializers.DecimalField(**MONEY, default=0)
    real_estate_value = serializers.DecimalField(**MONEY, default=0)
    vehicle_value = serializers.DecimalField(**MONEY, default=0)
    health_notes = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, allow_blank=True, default="")
    notes = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, allow_blank=True, default="")


class IncomeOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = AssessmentIncome
        fields = ["source", "monthly_amount"]


class AssessmentOutputSerializer(serializers.ModelSerializer):
    """Needs the request in its context: health notes follow the sensitive-notes rule."""

    incomes = IncomeOutputSerializer(many=True, read_only=True)
    health_notes = serializers.SerializerMethodField(
        help_text="Null unless the caller may read them: the assessor, psychologists and the coordinator.")
    outcome = serializers.JSONField(read_only=True, help_text="Amounts, eligibility per scheme (kea, schemes.grocery, "
                                                               "schemes.clothing), reasons and the rule rows used.")

    class Meta:
        model = Assessment
        fields = ["id", "person", "household", "case", "assessed_on", "assessed_by", "adults", "minors",
                  "single_parent", "housing", "monthly_rent", "debts", "real_estate_value", "vehicle_value",
                  "health_notes", "notes", "incomes", "outcome", "created_at"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_health_notes(self, assessment) -> str | None:
        return assessment_health_notes_for(assessment=assessment, user=self.context["request"].user)


class AssessmentListView(generics.ListCreateAPIView):
    """Assessments (filter by ``person``); create one with its incomes: the eligibility is computed
    with the rules in force at ``assessed_on``."""

    permission_classes = [HasPermissionFor.of(read="casework.view_assessment", write="casework.add_assessment")]
    serializer_class = AssessmentOutputSerializer
    filterset_fields = ["person", "household", "assessed_on"]

    def get_queryset(self):
        return assessment_list()

    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        # Assessments hold income and health data: every one served is logged, as a detail read is.
        for assessment in page:
            access_record(user=request.user, person=assessment.person_id, obj=assessment,
                          channel=AccessLog.Channel.API)
        data = AssessmentOutputSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)

    @extend_schema(request=AssessmentInputSerializer, responses={201: AssessmentOutputSerializer})
    def post(self, request):
        serializer = AssessmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        incomes = [(line["source"], line["monthly_amount"]) for line in data.pop("incomes")]
        assessment = assessment_record(by=request.user, incomes=incomes, **data)
        return Response(AssessmentOutputSerializer(assessment, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)


class AssessmentDetailView(generics.GenericAPIView):
    permission_classes = [HasPermissionFor.of(read="casework.view_assessment", write="casework.change_assessment")]
    serializer_class = AssessmentOutputSerializer

    def get(self, request, pk):
        assessment = get_object_or_404(assessment_list(), pk=pk)
        access_record(user=request.user, person=assessment.person, obj=assessment, channel=AccessLog.Channel.API)
        return Response(AssessmentOutputSerializer(assessment, context={"request": request}).data)


class ThresholdRowSerializer(serializers.Serializer):
    household_size = serializers.IntegerField(min_value=1, max_value=20)
    max_monthly_income = serializers.DecimalField(**MONEY)


class ThresholdSetInputSerializer(serializers.Serializer):
    scheme = serializers.ChoiceField(choices=AidScheme.choices)
    effective_from = serializers.DateField(help_text=bounds.RECORD_DATE_RULE)
    validity_months = serializers.IntegerField(min_value=1, max_value=36, default=6)
    rows = ThresholdRowSerializer(many=True, allow_empty=False)

    def validate_rows(self, rows):
        sizes = [row["household_size"] for row in rows]
        if len(sizes) != len(set(sizes)):
            raise serializers.ValidationError("Κάθε μέγεθος νοικοκυριού μία φορά.")
        return rows


class ThresholdOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = AidThreshold
        fields = ["id", "scheme", "effective_from", "household_size", "max_monthly_income", "validity_months"]


class AidThresholdListView(generics.ListCreateAPIView):
    """The centre's Social Grocery / Clothing bank income thresholds; a POST sets a new set for a
    scheme from a date (replacing a set of the same date)."""

    permission_classes = [HasPermissionFor.of(read="casework.view_aidthreshold", write="casework.change_aidthreshold")]
    serializer_class = ThresholdOutputSerializer
    filterset_fields = ["scheme", "effective_from"]

    def get_queryset(self):
        return aid_threshold_list()

    @extend_schema(request=ThresholdSetInputSerializer, responses={201: ThresholdOutputSerializer(many=True)})
    def post(self, request):
        serializer = ThresholdSetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        rows = aid_threshold_set(
            scheme=data["scheme"], effective_from=data["effective_from"], validity_months=data["validity_months"],
            limits={row["household_size"]: row["max_monthly_income"] for row in data["rows"]}, by=request.user)
        return Response(ThresholdOutputSerializer(rows, many=True).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("assessments/", AssessmentListView.as_view(), name="assessment-list"),
    path("assessments/<uuid:pk>/", AssessmentDetailView.as_view(), name="assessment-detail"),
    path("aid-thresholds/", AidThresholdListView.as_view(), name="aid-threshold-list"),
]
