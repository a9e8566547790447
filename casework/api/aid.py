"""API: benefit applications and their lifecycle, distribution rounds with per-household receipts,
and Social Grocery / Clothing bank eligibility decisions."""

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from casework.models import (
    AidEligibility,
    AidReceipt,
    AidRound,
    AidScheme,
    Assessment,
    BenefitApplication,
    Household,
    Person,
)
from casework.selectors.aid import aid_eligibility_list, aid_receipt_list, aidround_list, benefit_list
from casework.services import aid as services
from platform_core import bounds
from platform_core.permissions import HasPermissionFor

MONEY = {"max_digits": 10, "decimal_places": 2, "min_value": 0, "max_value": bounds.AMOUNT_MAX,
         "help_text": bounds.AMOUNT_RULE}


class BenefitInputSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    kind = serializers.ChoiceField(choices=BenefitApplication.Kind.choices, default=BenefitApplication.Kind.KEA)
    reference_number = serializers.CharField(max_length=40, allow_blank=True, default="")
    assessment = serializers.PrimaryKeyRelatedField(queryset=Assessment.objects.all(), required=False,
                                                    allow_null=True)
    notes = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, allow_blank=True, default="")


class BenefitOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = BenefitApplication
        fields = ["id", "person", "household", "kind", "status", "reference_number", "submitted_on", "decided_on",
                  "monthly_amount", "renewal_due", "assessment", "notes", "handled_by", "created_at"]


class BenefitTransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=list(services.BENEFIT_ACTIONS),
                                     help_text="submit (draft → submitted), approve / reject (submitted → decided), "
                                               "renew (approved ΚΕΑ/ΕΕΕ → a new submitted application)")
    on = serializers.DateField(help_text="Date of submission, decision or renewal.")
    reference_number = serializers.CharField(max_length=40, allow_blank=True, default="")
    monthly_amount = serializers.DecimalField(**MONEY, required=False, allow_null=True, default=None)
    notes = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, allow_blank=True, default="")


class BenefitFilter(django_filters.FilterSet):
    renewal_due_before = django_filters.DateFilter(field_name="renewal_due", lookup_expr="lte")

    class Meta:
        model = BenefitApplication
        fields = ["person", "household", "kind", "status"]


class BenefitListView(generics.ListCreateAPIView):
    """Benefit applications (filters: person, household, kind, status, renewal_due_before); a POST
    creates one in preparation (draft)."""

    permission_classes = [HasPermissionFor.of(read="casework.view_benefitapplication",
                                              write="casework.add_benefitapplication")]
    serializer_class = BenefitOutputSerializer
    filterset_class = BenefitFilter

    def get_queryset(self):
        return benefit_list()

    @extend_schema(request=BenefitInputSerializer, responses={201: BenefitOutputSerializer})
    def post(self, request):
        serializer = BenefitInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        application = services.benefit_create(by=request.user, **serializer.validated_data)
        return Response(BenefitOutputSerializer(application).data, status=status.HTTP_201_CREATED)


class BenefitDetailView(generics.GenericAPIView):
    permission_classes = [HasPermissionFor.of(read="casework.view_benefitapplication",
                                              write="casework.change_benefitapplication")]
    serializer_class = BenefitOutputSerializer

    def get(self, request, pk):
        return Response(BenefitOutputSerializer(get_object_or_404(benefit_list(), pk=pk)).data)


class BenefitTransitionView(generics.GenericAPIView):
    """Moves an application one step (submit, approve, reject, renew); a step the application's
    status does not allow is refused with 400 and the reason. A renewal answers with the new
    application."""

    permission_classes = [HasPermissionFor.of(read="casework.view_benefitapplication",
                                              write="casework.change_benefitapplication")]
    serializer_class = BenefitTransitionSerializer

    @extend_schema(request=BenefitTransitionSerializer, responses={200: BenefitOutputSerializer})
    def post(self, request, pk):
        application = get_object_or_404(benefit_list(), pk=pk)
        serializer = BenefitTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = services.benefit_transition(application=application, by=request.user, **serializer.validated_data)
        return Response(BenefitOutputSerializer(result).data)


class AidRoundInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AidRound.Kind.choices)
    title = serializers.CharField(max_length=120)
    distributed_on = serializers.DateField(help_text=bounds.PAST_RECORD_DATE_RULE)
    items = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, allow_blank=True, default="")


class AidRoundOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = AidRound
        fields = ["id", "kind", "title", "distributed_on", "items", "closed", "created_at"]


class AidRoundListView(generics.ListCreateAPIView):
    """Distribution rounds: ΤΕΒΑ/FEAD, Social Grocery and Clothing bank delivery days."""

    permission_classes = [HasPermissionFor.of(read="casework.view_aidround", write="casework.add_aidround")]
    serializer_class = AidRoundOutputSerializer
    filterset_fields = ["kind", "closed", "distributed_on"]

    def get_queryset(self):
        return aidround_list()

    @extend_schema(request=AidRoundInputSerializer, responses={201: AidRoundOutputSerializer})
    def post(self, request):
        serializer = AidRoundInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        aid_round = services.aidround_create(by=request.user, **serializer.validated_data)
        return Response(AidRoundOutputSerializer(aid_round).data, status=status.HTTP_201_CREATED)


class AidRoundDetailView(generics.GenericAPIView):
    permission_classes = [HasPermissionFor.of(read="casework.view_aidround", write="casework.change_aidround")]
    serializer_class = AidRoundOutputSerializer

    def get(self, request, pk):
        return Response(AidRoundOutputSerializer(get_object_or_404(aidround_list(), pk=pk)).data)


class AidRoundCloseView(generics.GenericAPIView):
    """Ends a distribution: no more receipts are recorded in it (400 if it already ended)."""

    permission_classes = [HasPermissionFor.of(read="casework.view_aidround", write="casework.change_aidround")]
    serializer_class = AidRoundOutputSerializer

    @extend_schema(request=None, responses={200: AidRoundOutputSerializer})
    def post(self, request, pk):
        aid_round = services.aidround_close(round=get_object_or_404(aidround_list(), pk=pk), by=request.user)
        return Response(AidRoundOutputSerializer(aid_round).data)


class AidReceiptInputSerializer(serializers.Serializer):
    household = serializers.PrimaryKeyRelatedField(queryset=Household.objects.all())
    received_by = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)
    items = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, allow_blank=True, default="")
    signed = serializers.BooleanField(default=False)
    received_at = serializers.DateTimeField(required=False, allow_null=True, help_text=bounds.PAST_RECORD_DATE_RULE)


class AidReceiptOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = AidReceipt
        fields = ["id", "round", "household", "received_by", "received_at", "items", "signed", "recorded_by"]


class AidReceiptListView(generics.ListCreateAPIView):
    """The round's receipts; a POST records one household's receipt (once per round; grocery and
    clothing deliveries need an eligibility decision valid on the round's date)."""

    permission_classes = [HasPermissionFor.of(read="casework.view_aidreceipt", write="casework.add_aidreceipt")]
    serializer_class = AidReceiptOutputSerializer
    filterset_fields = ["household", "signed"]

    def get_round(self) -> AidRound:
        return get_object_or_404(AidRound, pk=self.kwargs["pk"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AidReceipt.objects.none()
        return aid_receipt_list(round_id=self.get_round().pk)

    @extend_schema(request=AidReceiptInputSerializer, responses={201: AidReceiptOutputSerializer})
    def post(self, request, pk):
        aid_round = self.get_round()
        serializer = AidReceiptInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        receipt = services.aid_receipt_record(round=aid_round, by=request.user, **serializer.validated_data)
        return Response(AidReceiptOutputSerializer(receipt).data, status=status.HTTP_201_CREATED)


class AidEligibilityInputSerializer(serializers.Serializer):
    household = serializers.PrimaryKeyRelatedField(queryset=Household.objects.all())
    scheme = serializers.ChoiceField(choices=AidScheme.choices)
    assessment = serializers.PrimaryKeyRelatedField(
        queryset=Assessment.objects.all(), required=False, allow_null=True,
        help_text="Default: the household's latest assessment.")
    eligible = serializers.BooleanField(required=False, allow_null=True, default=None,
                                        help_text="Default: as the assessment computed.")
    valid_until = serializers.DateField(required=False, allow_null=True, default=None,
                                        help_text="Default: as the assessment computed.")
    decided_on = serializers.DateField(required=False, allow_null=True, default=None,
                                       help_text=bounds.PAST_RECORD_DATE_RULE)
    notes = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, allow_blank=True, default="")


class AidEligibilityOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = AidEligibility
        fields = ["id", "household", "scheme", "eligible", "decided_on", "valid_until", "assessment", "decided_by",
                  "notes"]


class AidEligibilityListView(generics.ListCreateAPIView):
    """Social Grocery / Clothing bank eligibility decisions (filters: household, scheme, eligible)."""

    permission_classes = [HasPermissionFor.of(read="casework.view_aideligibility",
                                              write="casework.add_aideligibility")]
    serializer_class = AidEligibilityOutputSerializer
    filterset_fields = ["household", "scheme", "eligible"]

    def get_queryset(self):
        return aid_eligibility_list()

    @extend_schema(request=AidEligibilityInputSerializer, responses={201: AidEligibilityOutputSerializer})
    def post(self, request):
        serializer = AidEligibilityInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decision = services.aid_eligibility_decide(by=request.user, **serializer.validated_data)
        return Response(AidEligibilityOutputSerializer(decision).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("benefit-applications/", BenefitListView.as_view(), name="benefit-application-list"),
    path("benefit-applications/<uuid:pk>/", BenefitDetailView.as_view(), name="benefit-application-detail"),
    path("benefit-applications/<uuid:pk>/transition/", BenefitTransitionView.as_view(),
         name="benefit-application-transition"),
    path("aid-rounds/", AidRoundListView.as_view(), name="aid-round-list"),
    path("aid-rounds/<uuid:pk>/", AidRoundDetailView.as_view(), name="aid-round-detail"),
    path("aid-rounds/<uuid:pk>/close/", AidRoundCloseView.as_view(), name="aid-round-close"),
    path("aid-rounds/<uuid:pk>/receipts/", AidReceiptListView.as_view(), name="aid-round-receipts"),
    path("aid-eligibility/", AidEligibilityListView.as_view(), name="aid-eligibility-list"),
]
