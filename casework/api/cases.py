"""API: reception contacts, cases with their status history, pathway plans and steps, notes.

Every write calls the same service as the staff pages. A note's text is served by its detail
endpoint only, where the read is written to the access log; lists carry what a note is, not
what it says."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response

from casework.models import (
    AccessLog,
    Case,
    CaseEvent,
    ContactNote,
    Need,
    PathwayGoal,
    PathwayPlan,
    PathwayStep,
    Person,
    ReceptionContact,
    Topic,
)
from casework.selectors import cases as selectors
from casework.services import access_record
from casework.services import cases as services
from platform_core import bounds
from platform_core.accounts.models import User
from platform_core.permissions import HasPermissionFor

ME = "me"


def _staff_field(**kwargs) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), **kwargs)


def _needs_field(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=serializers.ChoiceField(choices=Need.choices), **kwargs)


def _worker_filter(queryset, field: str, value: str, user):
    """``me`` or a staff member's id."""
    if value == ME:
        return queryset.filter(**{field: user})
    try:
        return queryset.filter(**{f"{field}_id": serializers.UUIDField().to_internal_value(value)})
    except serializers.ValidationError:
        return queryset.none()


class _ListCreateView(ListAPIView):
    """A filtered, paginated list, and POST that parses ``input_serializer_class`` and hands the
    fields to ``create`` (one service call); the new object is answered with ``created_serializer_class``."""

    input_serializer_class: type[serializers.Serializer]
    created_serializer_class: type[serializers.Serializer] | None = None

    def create(self, request, fields: dict):
        raise NotImplementedError

    def post(self, request):
        data = self.input_serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        created = self.create(request, dict(data.validated_data))
        answer = self.created_serializer_class or self.serializer_class
        return Response(answer(created).data, status=status.HTTP_201_CREATED)


# --- Reception contacts -----------------------------------------------------------------------

class ContactOutputSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", default=None, read_only=True, allow_null=True)

    class Meta:
        model = ReceptionContact
        fields = ["id", "person", "visitor_name", "contacted_at", "channel", "topic", "outcome", "summary", "case",
                  "case_number", "staff", "site", "created_at"]


class ContactInputSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True)
    visitor_name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    contacted_at = serializers.DateTimeField(required=False, help_text=bounds.PAST_RECORD_DATE_RULE)
    channel = serializers.ChoiceField(choices=ReceptionContact.Channel.choices,
                                      default=ReceptionContact.Channel.IN_PERSON)
    topic = serializers.ChoiceField(choices=Topic.choices)
    outcome = serializers.ChoiceField(choices=ReceptionContact.Outcome.choices,
                                      default=ReceptionContact.Outcome.INFORMED)
    summary = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, required=False, allow_blank=True, default="")
    open_case = serializers.BooleanField(default=False, help_text=_("Ανοίγει φάκελο στην ίδια συναλλαγή."))
    assigned_worker = _staff_field(required=False, allow_null=True)
    needs = _needs_field(required=False, default=list)


class ContactFilter(filters.FilterSet):
    topic = filters.ChoiceFilter(choices=Topic.choices)
    date_from = filters.DateFilter(field_name="contacted_at", lookup_expr="date__gte")
    date_to = filters.DateFilter(field_name="contacted_at", lookup_expr="date__lte")
    person = filters.UUIDFilter(field_name="person_id")
    site = filters.UUIDFilter(field_name="site_id")

    class Meta:
        model = ReceptionContact
        fields = ["topic", "date_from", "date_to", "person", "site"]


@extend_schema_view(post=extend_schema(request=ContactInputSerializer, responses={201: ContactOutputSerializer}))
class ContactListView(_ListCreateView):
    """Reception contacts: list (filter by topic, date range, person) and log one."""

    permission_classes = [HasPermissionFor.of(read="casework.view_receptioncontact",
                                              write="casework.add_receptioncontact")]
    serializer_class = ContactOutputSerializer
    filterset_class = ContactFilter
    input_serializer_class = ContactInputSerializer
    queryset = ReceptionContact.objects.none()

    def get_queryset(self):
        return selectors.contact_list()

    def create(self, request, fields: dict):
        fields.setdefault("contacted_at", timezone.now())
        return services.contact_log(by=request.user, **fields)


# --- Cases ------------------------------------------------------------------------------------

class CaseOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Case
        fields = ["id", "number", "person", "household", "intake_date", "assigned_worker", "needs", "summary",
                  "status", "closed_reason", "closed_at", "site", "created_at", "updated_at"]


class CaseCreateSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    assigned_worker = _staff_field()
    needs = _needs_field()
    intake_date = serializers.DateField(required=False, help_text=bounds.PAST_RECORD_DATE_RULE)
    summary = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, required=False, allow_blank=True, default="")


class CaseUpdateSerializer(serializers.Serializer):
    assigned_worker = _staff_field(required=False)
    needs = _needs_field(required=False)
    summary = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, required=False, allow_blank=True)


class CaseStatusSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[("hold", _("Σε αναμονή")), ("reopen", _("Επανενεργοποίηση")),
                                              ("close", _("Κλείσιμο"))])
    reason = serializers.ChoiceField(choices=Case.ClosedReason.choices, required=False, allow_blank=True,
                                     help_text=_("Υποχρεωτικός για το κλείσιμο."))
    note = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, required=False, allow_blank=True, default="")


class CaseEventOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "at", "by", "from_status", "to_status", "reason", "note", "assigned_worker"]


class CaseFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=Case.Status.choices)
    worker = filters.CharFilter(method="filter_worker", help_text=_("«me» ή το id του/της εργαζόμενου/ης."))
    need = filters.ChoiceFilter(choices=Need.choices, method="filter_need")
    person = filters.UUIDFilter(field_name="person_id")
    site = filters.UUIDFilter(field_name="site_id")

    class Meta:
        model = Case
        fields = ["status", "worker", "need", "person", "site"]

    def filter_worker(self, queryset, name, value):
        return _worker_filter(queryset, "assigned_worker", value, self.request.user)

    def filter_need(self, queryset, name, value):
        return queryset.filter(needs__contains=[value])


_CASE_PERMS = HasPermissionFor.of(read="casework.view_case", write="casework.add_case")


@extend_schema_view(post=extend_schema(request=CaseCreateSerializer, responses={201: CaseOutputSerializer}))
class CaseListView(_ListCreateView):
    """Cases: list (filter by status, worker, need, person) and open one."""

    permission_classes = [_CASE_PERMS]
    serializer_class = CaseOutputSerializer
    filterset_class = CaseFilter
    input_serializer_class = CaseCreateSerializer
    queryset = Case.objects.none()

    def get_queryset(self):
        return selectors.case_list()

    def create(self, request, fields: dict):
        return services.case_open(by=request.user, **fields)


class _CaseView(GenericAPIView):
    queryset = Case.objects.all()

    def get_case(self, pk) -> Case:
        return get_object_or_404(selectors.case_list(), pk=pk)


class CaseDetailView(_CaseView):
    """One case; PATCH changes the worker in charge (recorded in the history), needs, summary."""

    permission_classes = [HasPermissionFor.of(read="casework.view_case", write="casework.change_case")]
    serializer_class = CaseOutputSerializer

    @extend_schema(responses=CaseOutputSerializer)
    @transaction.atomic
    def get(self, request, pk):
        case = self.get_case(pk)
        access_record(user=request.user, person=case.person, obj=case, channel=AccessLog.Channel.API)
        return Response(CaseOutputSerializer(case).data)

    @extend_schema(request=CaseUpdateSerializer, responses=CaseOutputSerializer)
    def patch(self, request, pk):
        case = self.get_case(pk)
        data = CaseUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        case = services.case_update(case=case, by=request.user, **data.validated_data)
        return Response(CaseOutputSerializer(case).data)


class CaseStatusView(_CaseView):
    """Puts a case on hold, reopens it, or closes it with a reason."""

    permission_classes = [HasPermissionFor.of(read="casework.view_case", write="casework.change_case")]
    serializer_class = CaseStatusSerializer

    @extend_schema(request=CaseStatusSerializer, responses=CaseOutputSerializer)
    def post(self, request, pk):
        case = self.get_case(pk)
        data = CaseStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        action, note = data.validated_data["action"], data.validated_data["note"]
        if action == "hold":
            case = services.case_hold(case=case, by=request.user, note=note)
        elif action == "reopen":
            case = services.case_reopen(case=case, by=request.user, note=note)
        else:
            case = services.case_close(case=case, by=request.user, reason=data.validated_data.get("reason", ""),
                                       note=note)
        return Response(CaseOutputSerializer(case).data)


class CaseEventListView(_CaseView):
    """The case's status history, oldest first."""

    permission_classes = [HasPermissionFor.of(read="casework.view_case", write="casework.change_case")]
    serializer_class = CaseEventOutputSerializer

    @extend_schema(responses=CaseEventOutputSerializer(many=True))
    def get(self, request, pk):
        page = self.paginate_queryset(selectors.case_events(case=self.get_case(pk)))
        return self.get_paginated_response(CaseEventOutputSerializer(page, many=True).data)


# --- Pathway plans and steps ------------------------------------------------------------------

class StepOutputSerializer(serializers.ModelSerializer):
    case = serializers.UUIDField(source="goal.plan.case_id", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = PathwayStep
        fields = ["id", "goal", "case", "title", "owner", "due_date", "state", "completed_on", "overdue"]

    def get_overdue(self, step: PathwayStep) -> bool:
        return step.state in PathwayStep.OPEN_STATES and step.due_date < timezone.localdate()


class GoalOutputSerializer(serializers.ModelSerializer):
    steps = StepOutputSerializer(many=True, read_only=True)

    class Meta:
        model = PathwayGoal
        fields = ["id", "title", "area", "achieved", "steps"]


class PlanOutputSerializer(serializers.ModelSerializer):
    goals = GoalOutputSerializer(many=True, read_only=True)

    class Meta:
        model = PathwayPlan
        fields = ["id", "case", "summary", "agreed_on", "review_on", "goals", "updated_at"]


class PlanInputSerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, required=False, allow_blank=True, default="")
    agreed_on = serializers.DateField(required=False, allow_null=True, default=None, help_text=bounds.RECORD_DATE_RULE)
    review_on = serializers.DateField(required=False, allow_null=True, default=None, help_text=bounds.RECORD_DATE_RULE)


class GoalInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    area = serializers.ChoiceField(choices=Need.choices, default=Need.OTHER)


class StepCreateSerializer(serializers.Serializer):
    goal = serializers.PrimaryKeyRelatedField(queryset=PathwayGoal.objects.select_related("plan__case"))
    title = serializers.CharField(max_length=200)
    owner = _staff_field()
    due_date = serializers.DateField(help_text=bounds.RECORD_DATE_RULE)


class StepUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    owner = _staff_field(required=False)
    due_date = serializers.DateField(required=False, help_text=bounds.RECORD_DATE_RULE)
    state = serializers.ChoiceField(choices=PathwayStep.State.choices, required=False)
    completed_on = serializers.DateField(required=False, help_text=_("Με state=done· αλλιώς σήμερα."))


class PlanView(_CaseView):
    """The case's pathway plan with its goals and steps; PUT creates or changes it."""

    permission_classes = [HasPermissionFor.of(read="casework.view_pathwayplan",
                                              write="casework.change_pathwayplan")]
    serializer_class = PlanOutputSerializer

    def _plan_response(self, case: Case) -> Response:
        plan = selectors.plan_of(case=case)
        if plan is None:
            return Response({"detail": _("Ο φάκελος δεν έχει ακόμη σχέδιο.")}, status=status.HTTP_404_NOT_FOUND)
        return Response(PlanOutputSerializer(plan).data)

    @extend_schema(responses=PlanOutputSerializer)
    def get(self, request, pk):
        return self._plan_response(self.get_case(pk))

    @extend_schema(request=PlanInputSerializer, responses=PlanOutputSerializer)
    def put(self, request, pk):
        case = self.get_case(pk)
        data = PlanInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.plan_create_or_update(case=case, by=request.user, **data.validated_data)
        return self._plan_response(case)


class GoalCreateView(_CaseView):
    """Adds a goal to the case's plan (the plan is created if it does not exist yet)."""

    permission_classes = [HasPermissionFor.of(read="casework.view_pathwaygoal", write="casework.add_pathwaygoal")]
    serializer_class = GoalInputSerializer

    @extend_schema(request=GoalInputSerializer, responses={201: GoalOutputSerializer})
    def post(self, request, pk):
        case = self.get_case(pk)
        data = GoalInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        goal = services.goal_add(case=case, by=request.user, **data.validated_data)
        return Response(GoalOutputSerializer(goal).data, status=status.HTTP_201_CREATED)


class StepFilter(filters.FilterSet):
    owner = filters.CharFilter(method="filter_owner", help_text=_("«me» ή το id του/της υπευθύνου/ης."))
    overdue = filters.BooleanFilter(method="filter_overdue", help_text=_("Ανοιχτά βήματα με παρελθούσα προθεσμία."))
    state = filters.ChoiceFilter(choices=PathwayStep.State.choices)
    case = filters.UUIDFilter(field_name="goal__plan__case_id")
    due_before = filters.DateFilter(field_name="due_date", lookup_expr="lte")

    class Meta:
        model = PathwayStep
        fields = ["owner", "overdue", "state", "case", "due_before"]

    def filter_owner(self, queryset, name, value):
        return _worker_filter(queryset, "owner", value, self.request.user)

    def filter_overdue(self, queryset, name, value):
        overdue = {"state__in": PathwayStep.OPEN_STATES, "due_date__lt": timezone.localdate()}
        return queryset.filter(**overdue) if value else queryset.exclude(**overdue)


_STEP_PERMS = HasPermissionFor.of(read="casework.view_pathwaystep", write="casework.add_pathwaystep")


@extend_schema_view(post=extend_schema(request=StepCreateSerializer, responses={201: StepOutputSerializer}))
class StepListView(_ListCreateView):
    """Pathway steps: list (``owner=me``, ``overdue=true``, state, case) and add one to a goal."""

    permission_classes = [_STEP_PERMS]
    serializer_class = StepOutputSerializer
    filterset_class = StepFilter
    input_serializer_class = StepCreateSerializer
    queryset = PathwayStep.objects.none()

    def get_queryset(self):
        return selectors.step_list()

    def create(self, request, fields: dict):
        return services.step_add(by=request.user, **fields)


class StepDetailView(GenericAPIView):
    """One step; PATCH changes title, owner, due date or state (done and cancelled are final)."""

    permission_classes = [HasPermissionFor.of(read="casework.view_pathwaystep",
                                              write="casework.change_pathwaystep")]
    serializer_class = StepOutputSerializer
    queryset = PathwayStep.objects.all()

    @extend_schema(responses=StepOutputSerializer)
    def get(self, request, pk):
        return Response(StepOutputSerializer(get_object_or_404(selectors.step_list(), pk=pk)).data)

    @extend_schema(request=StepUpdateSerializer, responses=StepOutputSerializer)
    @transaction.atomic
    def patch(self, request, pk):
        step = get_object_or_404(selectors.step_list(), pk=pk)
        data = StepUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        state = changes.pop("state", None)
        completed_on = changes.pop("completed_on", None)
        if changes or state in PathwayStep.OPEN_STATES:
            step = services.step_update(step=step, by=request.user, state=state, **changes)
        if state == PathwayStep.State.DONE:
            step = services.step_complete(step=step, by=request.user, completed_on=completed_on)
        elif state == PathwayStep.State.CANCELLED:
            step = services.step_cancel(step=step, by=request.user)
        return Response(StepOutputSerializer(step).data)


# --- Notes ------------------------------------------------------------------------------------

class NoteSummarySerializer(serializers.ModelSerializer):
    """What a note is, without its text (read it at the note's own endpoint, which is logged)."""

    class Meta:
        model = ContactNote
        fields = ["id", "person", "case", "kind", "occurred_at", "duration_minutes", "sensitive", "author",
                  "created_at", "updated_at"]


class NoteOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContactNote
        fields = [*NoteSummarySerializer.Meta.fields, "text"]


class NoteInputSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all(), required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=ContactNote.Kind.choices, default=ContactNote.Kind.COUNSELLING)
    occurred_at = serializers.DateTimeField(help_text=bounds.PAST_RECORD_DATE_RULE)
    duration_minutes = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=600)
    text = serializers.CharField(max_length=bounds.LONG_TEXT_MAX)
    sensitive = serializers.BooleanField(default=False)


class NoteUpdateSerializer(serializers.Serializer):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.all(), required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=ContactNote.Kind.choices, required=False)
    occurred_at = serializers.DateTimeField(required=False, help_text=bounds.PAST_RECORD_DATE_RULE)
    duration_minutes = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=600)
    text = serializers.CharField(max_length=bounds.LONG_TEXT_MAX, required=False)
    sensitive = serializers.BooleanField(required=False)


class NoteFilter(filters.FilterSet):
    person = filters.UUIDFilter(field_name="person_id")
    case = filters.UUIDFilter(field_name="case_id")
    kind = filters.ChoiceFilter(choices=ContactNote.Kind.choices)
    sensitive = filters.BooleanFilter()

    class Meta:
        model = ContactNote
        fields = ["person", "case", "kind", "sensitive"]


@extend_schema_view(post=extend_schema(request=NoteInputSerializer, responses={201: NoteOutputSerializer}))
class NoteListView(_ListCreateView):
    """Notes the caller may read (sensitive ones: author, psychologists, coordinator); add one."""

    permission_classes = [HasPermissionFor.of(read="casework.view_contactnote", write="casework.add_contactnote")]
    serializer_class = NoteSummarySerializer
    filterset_class = NoteFilter
    input_serializer_class = NoteInputSerializer
    created_serializer_class = NoteOutputSerializer
    queryset = ContactNote.objects.none()

    def get_queryset(self):
        return selectors.note_list(user=self.request.user)

    def create(self, request, fields: dict):
        return services.note_add(by=request.user, **fields)


class NoteDetailView(GenericAPIView):
    """One note with its text (the read is logged); PATCH by its author or the coordinator."""

    permission_classes = [HasPermissionFor.of(read="casework.view_contactnote",
                                              write="casework.change_contactnote")]
    serializer_class = NoteOutputSerializer
    queryset = ContactNote.objects.all()

    def get_note(self, pk) -> ContactNote:
        return get_object_or_404(selectors.note_list(user=self.request.user), pk=pk)

    @extend_schema(responses=NoteOutputSerializer)
    @transaction.atomic
    def get(self, request, pk):
        note = self.get_note(pk)
        access_record(user=request.user, person=note.person, obj=note, channel=AccessLog.Channel.API)
        return Response(NoteOutputSerializer(note).data)

    @extend_schema(request=NoteUpdateSerializer, responses=NoteOutputSerializer)
    def patch(self, request, pk):
        note = self.get_note(pk)
        data = NoteUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        note = services.note_update(note=note, by=request.user, **data.validated_data)
        return Response(NoteOutputSerializer(note).data)


urlpatterns = [
    path("contacts/", ContactListView.as_view(), name="contact-list"),
    path("cases/", CaseListView.as_view(), name="case-list"),
    path("cases/<uuid:pk>/", CaseDetailView.as_view(), name="case-detail"),
    path("cases/<uuid:pk>/status/", CaseStatusView.as_view(), name="case-status"),
    path("cases/<uuid:pk>/events/", CaseEventListView.as_view(), name="case-events"),
    path("cases/<uuid:pk>/plan/", PlanView.as_view(), name="case-plan"),
    path("cases/<uuid:pk>/plan/goals/", GoalCreateView.as_view(), name="case-plan-goals"),
    path("pathway-steps/", StepListView.as_view(), name="pathway-step-list"),
    path("pathway-steps/<uuid:pk>/", StepDetailView.as_view(), name="pathway-step-detail"),
    path("notes/", NoteListView.as_view(), name="note-list"),
    path("notes/<uuid:pk>/", NoteDetailView.as_view(), name="note-detail"),
]
