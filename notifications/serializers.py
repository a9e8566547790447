"""Reminders API: input and output serializers."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from platform_core import bounds

from .models import Channel, DeliveryAttempt, Reminder


class DeliveryAttemptOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeliveryAttempt
        fields = ["number", "at", "channel", "outcome", "error"]


class ReminderOutputSerializer(serializers.ModelSerializer):
    person = serializers.UUIDField(source="person_id", allow_null=True)
    staff = serializers.UUIDField(source="staff_id", allow_null=True)
    failure_reason_display = serializers.CharField(source="get_failure_reason_display")

    class Meta:
        model = Reminder
        fields = ["id", "kind", "about_type", "about_id", "purpose", "person", "staff", "channel", "due_at",
                  "template", "state", "attempts", "next_attempt_at", "failure_reason", "failure_reason_display",
                  "sent_at", "created_at"]


class ReminderDetailOutputSerializer(ReminderOutputSerializer):
    deliveries = DeliveryAttemptOutputSerializer(source="attempts_log", many=True)

    class Meta(ReminderOutputSerializer.Meta):
        fields = [*ReminderOutputSerializer.Meta.fields, "deliveries"]


class ReminderCreateSerializer(serializers.Serializer):
    """A custom reminder: to a person (email, SMS) or a staff member (any channel)."""

    person = serializers.UUIDField(required=False, allow_null=True)
    staff = serializers.UUIDField(required=False, allow_null=True)
    channel = serializers.ChoiceField(choices=Channel.choices)
    due_at = serializers.DateTimeField(help_text=bounds.RECORD_DATE_RULE)
    text = serializers.CharField(max_length=600, label=_("κείμενο"))
