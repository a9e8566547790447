"""API: consents, referrals out with their state actions, letter and history, referrals in, and the
loop-closure figures. Every write calls the same service as the staff pages, so the consent rule
(``consent_required``) holds in both."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response

from casework import downloads
from casework.models import (
    AccessLog,
    Case,
    Consent,
    DataCategory,
    Document,
    IncomingReferral,
    Need,
    Person,
    Referral,
    ReferralEvent,
    Urgency,
)
from casework.selectors import referrals as selectors
from casework.services import access_record
from casework.services import referrals as services
from partners.models import Organization, Service
from platform_core import bounds
from platform_core.accounts.models import User
from platform_core.permissions import HasPermissionFor
from tenants.models import Centre


def _categories_field(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=serializers.ChoiceField(choices=DataCategory.choices), **kwargs)


def _centre_field(**kwargs) -> serializers.SlugRelatedField:
    """Another centre by its slug (the first label of its host name): centres are public by name."""
    return serializers.SlugRelatedField(
        slug_field="slug", queryset=Centre.objects.filter(status=Centre.Status.ACTIVE),
        help_text="The slug of another active centre of the platform (the first label of its host name); "
                  "an unknown, suspended or archived centre is a 400.", **kwargs)


def _centre_out(**kwargs) -> serializers.SlugRelatedField:
    # The centre is one end of a record that may have an organisation at that end instead: null then.
    return serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True, **kwargs)


class _ActionView(GenericAPIView):
    """POST an action on one object of ``objects()``; another centre's id gives 404."""

    input_serializer_class: type[serializers.Serializer] | None = None

    def objects(self):
        raise NotImplementedError

    def get_object(self):
        return get_object_or_404(self.objects(), pk=self.kwargs["pk"])

    def act(self, obj, data: dict):
        raise NotImplementedError

    def post(self, request, pk):
        obj = self.get_object()
        data = {}
        if self.input_serializer_class:
            serializer = self.input_serializer_class(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
        return Response(self.serializer_class(self.act(obj, data)).data)


# --- consents -----------------------------------------------------------------------------------

class ConsentOutputSerializer(serializers.ModelSerializer):
    valid = serializers.BooleanField(source="is_valid", read_only=True)
    centre = _centre_out()

    class Meta:
        model = Consent
        fields = ["id", "person", "organization", "centre", "purpose", "categories", "given_on", "expires_on",
                  "revoked_on", "recorded_by", "signed_form", "valid", "created_at"]


class ConsentInputSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.filter(is_active=True),
                                                      required=False, allow_null=True)
    centre = _centre_field(required=False, allow_null=True)
    purpose = serializers.CharField(max_length=300)
    categories = _categories_field()
    given_on = serializers.DateField(required=False, help_text=bounds.PAST_RECORD_DATE_RULE)
    expires_on = serializers.DateField(required=False, allow_null=True, help_text=bounds.RECORD_DATE_RULE)
    signed_form = serializers.PrimaryKeyRelatedField(queryset=Document.objects.all(), required=False, allow_null=True)


class ConsentFilter(filters.FilterSet):
    person = filters.UUIDFilter(field_name="person_id")
    valid = filters.BooleanFilter(method="filter_valid")

    class Meta:
        model = Consent
        fields = ["person", "valid"]

    def filter_valid(self, queryset, name, value):
        today = timezone.localdate()
        valid = queryset.filter(revoked_on__isnull=True, given_on__lte=today).exclude(expires_on__lt=today)
        return valid if value else queryset.exclude(pk__in=valid.values("pk"))


_CONSENT_PERMS = HasPermissionFor.of(read="casework.view_consent", write="casework.add_consent")


@extend_schema_view(post=extend_schema(request=ConsentInputSerializer, responses={201: ConsentOutputSerializer}))
class ConsentListView(ListAPIView):
    """A person's consents to share data (filter by person, valid) and recording one."""

    permission_classes = [_CONSENT_PERMS]
    serializer_class = ConsentOutputSerializer
    filterset_class = ConsentFilter
    queryset = Consent.objects.none()

    def get_queryset(self):
        return selectors.consent_list()

    def post(self, request):
        data = ConsentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.setdefault("given_on", timezone.localdate())
        consent = services.consent_record(by=request.user, **fields)
        return Response(ConsentOutputSerializer(consent).data, status=status.HTTP_201_CREATED)


class ConsentDetailView(GenericAPIView):
    permission_classes = [_CONSENT_PERMS]
    serializer_class = ConsentOutputSerializer
    queryset = Consent.objects.none()

    @extend_schema(responses=ConsentOutputSerializer)
    @transaction.atomic
    def get(self, request, pk):
        consent = get_object_or_404(selectors.consent_list(), pk=pk)
        access_record(user=request.user, person=consent.person, obj=consent, channel=AccessLog.Channel.API)
        return Response(ConsentOutputSerializer(consent).data)


class ConsentRevokeSerializer(serializers.Serializer):
    revoked_on = serializers.DateField(required=False, help_text=bounds.PAST_RECORD_DATE_RULE)


@extend_schema_view(post=extend_schema(request=ConsentRevokeSerializer, responses=ConsentOutputSerializer))
class ConsentRevokeView(_ActionView):
    """Revokes the consent: nothing more is shared under it."""

    permission_classes = [HasPermissionFor.of(read="casework.view_consent", write="casework.change_consent")]
    serializer_class = ConsentOutputSerializer
    input_serializer_class = ConsentRevokeSerializer
    queryset = Consent.objects.none()

    def objects(self):
        return selectors.consent_list()

    def act(self, consent, data):
        return services.consent_revoke(consent=consent, by=self.request.user, on=data.get("revoked_on"))


# --- referrals out ------------------------------------------------------------------------------

class ReferralOutputSerializer(serializers.ModelSerializer):
    organization = serializers.UUIDField(source="recipient_organization_id", read_only=True, allow_null=True)
    recipient_name = serializers.CharField(read_only=True)
    centre = _centre_out()
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = Referral
        fields = ["id", "person", "case", "service", "organization", "centre", "recipient_name", "consent", "reason",
                  "urgency", "categories", "due_on", "delivery", "status", "sent_on", "answered_on", "completed_on",
                  "decline_reason", "outcome", "outcome_reason", "outcome_note", "worker", "overdue", "created_at",
                  "updated_at"]


class ReferralInputSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.select_related("organization"),
                                                 required=False, allow_null=True,
                                                 help_text=_("Υπηρεσία του καταλόγου (HSDS service id)."))
    centre = _centre_field(required=False, allow_null=True)
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all(), required=False, allow_null=True)
    reason = serializers.CharField(max_length=bounds.LONG_TEXT_MAX)
    categories = _categories_field()
    due_on = serializers.DateField(help_text=bounds.RECORD_DATE_RULE)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.ROUTINE)
    delivery = serializers.ChoiceField(choices=[Referral.Delivery.LETTER, Referral.Delivery.LOGGED], required=False)
    send = serializers.BooleanField(default=False, help_text=_("Αποστολή στην ίδια συναλλαγή."))


class ReferralFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=Referral.Status.choices)
    person = filters.UUIDFilter(field_name="person_id")
    service = filters.UUIDFilter(field_name="service_id")
    centre = filters.UUIDFilter(field_name="centre_id")
    overdue = filters.BooleanFilter(method="filter_overdue")

    class Meta:
        model = Referral
        fields = ["status", "person", "service", "centre", "overdue"]

    def filter_overdue(self, queryset, name, value):
        overdue = {"status": Referral.Status.SENT, "due_on__lt": timezone.localdate()}
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)


_REFERRAL_READ = "casework.view_referral"


@extend_schema_view(post=extend_schema(request=ReferralInputSerializer, responses={201: ReferralOutputSerializer}))
class ReferralListView(ListAPIView):
    """Referrals out: list (status, person, service, centre, overdue) and create one (a draft, or
    sent at once with ``send``). Without a valid consent covering every category for the service's
    organisation (or the centre): 400 with ``code`` ``consent_required``."""

    permission_classes = [HasPermissionFor.of(read=_REFERRAL_READ, write="casework.add_referral")]
    serializer_class = ReferralOutputSerializer
    filterset_class = ReferralFilter
    queryset = Referral.objects.none()

    def get_queryset(self):
        return selectors.referral_list()

    @transaction.atomic
    def post(self, request):
        data = ReferralInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        send = fields.pop("send")
        referral = services.referral_create(by=request.user, **fields)
        if send:
            referral = services.referral_send(referral=referral, by=request.user)
        return Response(ReferralOutputSerializer(referral).data, status=status.HTTP_201_CREATED)


class ReferralDetailView(GenericAPIView):
    permission_classes = [HasPermissionFor.of(read=_REFERRAL_READ, write="casework.change_referral")]
    serializer_class = ReferralOutputSerializer
    queryset = Referral.objects.none()

    @extend_schema(responses=ReferralOutputSerializer)
    @transaction.atomic
    def get(self, request, pk):
        referral = get_object_or_404(selectors.referral_list(), pk=pk)
        access_record(user=request.user, person=referral.person, obj=referral, channel=AccessLog.Channel.API)
        return Response(ReferralOutputSerializer(referral).data)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, required=False, allow_blank=True, default="")


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=bounds.LONG_TEXT_MAX)


class CompleteSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Referral.Outcome.choices)
    outcome_reason = serializers.ChoiceField(choices=Referral.OutcomeReason.choices, required=False, allow_blank=True,
                                             default="", help_text=_("Υποχρεωτικό για ανεπιτυχή έκβαση."))
    note = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, required=False, allow_blank=True, default="")
    completed_on = serializers.DateField(required=False, help_text=bounds.PAST_RECORD_DATE_RULE)


class _ReferralAction(_ActionView):
    permission_classes = [HasPermissionFor.of(read=_REFERRAL_READ, write="casework.change_referral")]
    serializer_class = ReferralOutputSerializer
    queryset = Referral.objects.none()

    def objects(self):
        return selectors.referral_list()


def _referral_action(name: str, input_serializer, call, doc: str):
    view = type(f"Referral{name.title()}View", (_ReferralAction,), {
        "__doc__": doc, "input_serializer_class": input_serializer,
        "act": lambda self, referral, data: call(referral=referral, by=self.request.user, **data)})
    return extend_schema_view(post=extend_schema(request=input_serializer, responses=ReferralOutputSerializer))(view)


ReferralSendView = _referral_action("send", None, services.referral_send,
                                    "Sends a draft (the consent is checked again); to a centre, delivers it there.")
ReferralAcceptView = _referral_action("accept", NoteSerializer, services.referral_accept,
                                      "Records that the service accepted the referral.")
ReferralCancelView = _referral_action("cancel", NoteSerializer, services.referral_cancel,
                                      "Cancels a draft, sent or accepted referral.")
ReferralCompleteView = _referral_action("complete", CompleteSerializer, services.referral_complete,
                                        "Closes the loop with the outcome (and why, if unsuccessful).")


@extend_schema_view(post=extend_schema(request=DeclineSerializer, responses=ReferralOutputSerializer))
class ReferralDeclineView(_ReferralAction):
    """Records that the service declined the referral, with its reason."""

    input_serializer_class = DeclineSerializer

    def act(self, referral, data):
        return services.referral_decline(referral=referral, by=self.request.user, reason=data["reason"])


class ReferralEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReferralEvent
        fields = ["id", "at", "by", "from_status", "to_status", "note"]


class ReferralEventListView(GenericAPIView):
    """The referral's history, oldest first (a change made by the receiving centre has no ``by``)."""

    permission_classes = [HasPermissionFor.of(read=_REFERRAL_READ, write="casework.change_referral")]
    serializer_class = ReferralEventSerializer
    queryset = ReferralEvent.objects.none()

    @extend_schema(responses=ReferralEventSerializer(many=True))
    def get(self, request, pk):
        referral = get_object_or_404(selectors.referral_list(), pk=pk)
        page = self.paginate_queryset(selectors.referral_events(referral=referral))
        return self.get_paginated_response(ReferralEventSerializer(page, many=True).data)


class ReferralLetterView(GenericAPIView):
    """The printable referral letter (PDF, Greek, the centre's letterhead, only the shared
    categories); the download is logged."""

    permission_classes = [HasPermissionFor.of(read=_REFERRAL_READ, write="casework.change_referral")]
    queryset = Referral.objects.none()

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)})
    @transaction.atomic
    def get(self, request, pk):
        referral = get_object_or_404(selectors.referral_list(), pk=pk)
        access_record(user=request.user, person=referral.person, obj=referral, action=AccessLog.Action.DOWNLOAD,
                      channel=AccessLog.Channel.API)
        return downloads.referral_letter_response(referral)


class FiguresSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    sent = serializers.IntegerField()
    accepted = serializers.IntegerField()
    declined = serializers.IntegerField()
    completed_successfully = serializers.IntegerField()
    open_past_due = serializers.IntegerField()
    median_days_to_answer = serializers.FloatField(allow_null=True)


class ReferralFiguresView(GenericAPIView):
    """Loop-closure figures per organisation (``by=organization``) or category (``by=category``),
    the last row the centre's total; ``date_from``/``date_to`` bound the sending date."""

    permission_classes = [HasPermissionFor.of(read=_REFERRAL_READ, write=_REFERRAL_READ)]
    serializer_class = FiguresSerializer
    pagination_class = None
    queryset = Referral.objects.none()

    @extend_schema(responses=FiguresSerializer(many=True))
    def get(self, request):
        dates = {}
        for name in ("date_from", "date_to"):
            if request.query_params.get(name):
                dates[name] = serializers.DateField().to_internal_value(request.query_params[name])
        by = "category" if request.query_params.get("by") == "category" else "organization"
        rows = selectors.referral_loop_figures(by=by, **dates)
        return Response(FiguresSerializer(rows, many=True).data)


# --- referrals in -------------------------------------------------------------------------------

class IncomingOutputSerializer(serializers.ModelSerializer):
    source = serializers.CharField(source="source_label", read_only=True)
    source_centre = _centre_out()

    class Meta:
        model = IncomingReferral
        fields = ["id", "source", "source_organization", "source_centre", "source_name", "referrer_name", "reason",
                  "urgency", "received_on", "categories", "status", "decline_reason", "person", "case",
                  "decided_at", "created_at"]


class IncomingDetailSerializer(IncomingOutputSerializer):
    class Meta(IncomingOutputSerializer.Meta):
        fields = [*IncomingOutputSerializer.Meta.fields, "shared_data"]


class IncomingInputSerializer(serializers.Serializer):
    source_organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all(), required=False,
                                                             allow_null=True)
    source_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    referrer_name = serializers.CharField(max_length=160, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=bounds.LONG_TEXT_MAX)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.ROUTINE)
    received_on = serializers.DateField(required=False, help_text=bounds.PAST_RECORD_DATE_RULE)
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)
    open_case = serializers.BooleanField(default=False)
    assigned_worker = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False,
                                                         allow_null=True)
    needs = serializers.ListField(child=serializers.ChoiceField(choices=Need.choices), required=False, default=list)


class IncomingFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=IncomingReferral.Status.choices)
    person = filters.UUIDFilter(field_name="person_id")

    class Meta:
        model = IncomingReferral
        fields = ["status", "person"]


@extend_schema_view(post=extend_schema(request=IncomingInputSerializer, responses={201: IncomingOutputSerializer}))
class IncomingListView(ListAPIView):
    """Referrals to the centre: from partners (recorded here, optionally opening a case at once)
    and from other centres (pending until accepted or declined)."""

    permission_classes = [HasPermissionFor.of(read="casework.view_incomingreferral",
                                              write="casework.add_incomingreferral")]
    serializer_class = IncomingOutputSerializer
    filterset_class = IncomingFilter
    queryset = IncomingReferral.objects.none()

    def get_queryset(self):
        return selectors.incoming_list()

    def post(self, request):
        data = IncomingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        incoming = services.incoming_referral_record(by=request.user, **data.validated_data)
        return Response(IncomingOutputSerializer(incoming).data, status=status.HTTP_201_CREATED)


class IncomingDetailView(GenericAPIView):
    """One incoming referral, with the shared data while it waits for a decision."""

    permission_classes = [HasPermissionFor.of(read="casework.view_incomingreferral",
                                              write="casework.decide_incomingreferral")]
    serializer_class = IncomingDetailSerializer
    queryset = IncomingReferral.objects.none()

    @extend_schema(responses=IncomingDetailSerializer)
    def get(self, request, pk):
        return Response(IncomingDetailSerializer(get_object_or_404(selectors.incoming_list(), pk=pk)).data)


class AcceptIncomingSerializer(serializers.Serializer):
    open_case = serializers.BooleanField(default=False)
    assigned_worker = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False,
                                                         allow_null=True)
    needs = serializers.ListField(child=serializers.ChoiceField(choices=Need.choices), required=False, default=list)
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)


class _IncomingAction(_ActionView):
    permission_classes = [HasPermissionFor.of(read="casework.view_incomingreferral",
                                              write="casework.decide_incomingreferral")]
    serializer_class = IncomingOutputSerializer
    queryset = IncomingReferral.objects.none()

    def objects(self):
        return selectors.incoming_list()


@extend_schema_view(post=extend_schema(request=AcceptIncomingSerializer, responses=IncomingOutputSerializer))
class IncomingAcceptView(_IncomingAction):
    """Accepts it: the person is created (or linked by ΑΜΚΑ/ΑΦΜ), optionally a case opened."""

    input_serializer_class = AcceptIncomingSerializer

    def act(self, incoming, data):
        return services.incoming_referral_accept(incoming=incoming, by=self.request.user, **data)


@extend_schema_view(post=extend_schema(request=DeclineSerializer, responses=IncomingOutputSerializer))
class IncomingDeclineView(_IncomingAction):
    """Declines it with a reason; the shared data is deleted."""

    input_serializer_class = DeclineSerializer

    def act(self, incoming, data):
        return services.incoming_referral_decline(incoming=incoming, by=self.request.user, reason=data["reason"])


urlpatterns = [
    path("consents/", ConsentListView.as_view(), name="consent-list"),
    path("consents/<uuid:pk>/", ConsentDetailView.as_view(), name="consent-detail"),
    path("consents/<uuid:pk>/revoke/", ConsentRevokeView.as_view(), name="consent-revoke"),
    path("referrals/", ReferralListView.as_view(), name="referral-list"),
    path("referrals/figures/", ReferralFiguresView.as_view(), name="referral-figures"),
    path("referrals/<uuid:pk>/", ReferralDetailView.as_view(), name="referral-detail"),
    path("referrals/<uuid:pk>/send/", ReferralSendView.as_view(), name="referral-send"),
    path("referrals/<uuid:pk>/accept/", ReferralAcceptView.as_view(), name="referral-accept"),
    path("referrals/<uuid:pk>/decline/", ReferralDeclineView.as_view(), name="referral-decline"),
    path("referrals/<uuid:pk>/cancel/", ReferralCancelView.as_view(), name="referral-cancel"),
    path("referrals/<uuid:pk>/complete/", ReferralCompleteView.as_view(), name="referral-complete"),
    path("referrals/<uuid:pk>/events/", ReferralEventListView.as_view(), name="referral-events"),
    path("referrals/<uuid:pk>/letter/", ReferralLetterView.as_view(), name="referral-letter"),
    path("incoming-referrals/", IncomingListView.as_view(), name="incoming-referral-list"),
    path("incoming-referrals/<uuid:pk>/", IncomingDetailView.as_view(), name="incoming-referral-detail"),
    path("incoming-referrals/<uuid:pk>/accept/", IncomingAcceptView.as_view(), name="incoming-referral-accept"),
    path("incoming-referrals/<uuid:pk>/decline/", IncomingDeclineView.as_view(), name="incoming-referral-decline"),
]
