"""Reminders API under /api/v1/reminders/: list (filter by state, channel, kind), custom
reminders, cancel. The same services and selectors as the staff pages."""

import django_filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from platform_core.permissions import HasPermissionFor

from . import services
from .models import Reminder
from .selectors import reminders_visible_to
from .serializers import ReminderCreateSerializer, ReminderDetailOutputSerializer, ReminderOutputSerializer

ReminderPermission = HasPermissionFor.of(read="notifications.view_reminder", write="notifications.add_reminder")
ReminderCancelPermission = HasPermissionFor.of(read="notifications.view_reminder",
                                               write="notifications.change_reminder")


class ReminderFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=Reminder.State.choices)
    channel = django_filters.ChoiceFilter(choices=Reminder._meta.get_field("channel").choices)
    kind = django_filters.ChoiceFilter(choices=Reminder.Kind.choices)

    class Meta:
        model = Reminder
        fields = ["state", "channel", "kind"]


class ReminderListView(GenericAPIView):
    permission_classes = [ReminderPermission]
    serializer_class = ReminderOutputSerializer
    filterset_class = ReminderFilter
    queryset = Reminder.objects.none()

    def get_queryset(self):
        return reminders_visible_to(self.request.user)

    @extend_schema(responses=ReminderOutputSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(ReminderOutputSerializer(page, many=True).data)

    @extend_schema(request=ReminderCreateSerializer, responses={201: ReminderOutputSerializer})
    def post(self, request):
        from casework.models import Person
        from platform_core.accounts.models import User

        serializer = ReminderCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        person = staff = None
        if data.get("person"):
            person = Person.objects.filter(pk=data["person"]).first()
            if person is None:
                raise ValidationError({"person": [_("Δεν βρέθηκε ο/η ωφελούμενος/η.")]})
        if data.get("staff"):
            staff = User.objects.filter(pk=data["staff"], is_active=True).first()
            if staff is None:
                raise ValidationError({"staff": [_("Δεν βρέθηκε το μέλος προσωπικού.")]})
        reminder = services.reminder_create_custom(by=request.user, person=person, staff=staff,
                                                   channel=data["channel"], due_at=data["due_at"], text=data["text"])
        return Response(ReminderOutputSerializer(reminder).data, status=status.HTTP_201_CREATED)


class ReminderDetailView(GenericAPIView):
    permission_classes = [ReminderPermission]
    serializer_class = ReminderDetailOutputSerializer
    queryset = Reminder.objects.none()

    def get(self, request, pk):
        reminder = get_object_or_404(reminders_visible_to(request.user).prefetch_related("attempts_log"), pk=pk)
        return Response(ReminderDetailOutputSerializer(reminder).data)


class ReminderCancelView(GenericAPIView):
    permission_classes = [ReminderCancelPermission]
    serializer_class = ReminderOutputSerializer
    queryset = Reminder.objects.none()

    @extend_schema(request=None, responses=ReminderOutputSerializer)
    def post(self, request, pk):
        reminder = get_object_or_404(reminders_visible_to(request.user), pk=pk)
        return Response(ReminderOutputSerializer(services.reminder_cancel(reminder=reminder, by=request.user)).data)
