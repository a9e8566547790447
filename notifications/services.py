"""Reminder writes: schedule (an upsert by a deterministic key), cancel, custom reminders,
opt-outs, quiet hours, in-app notifications read. Sending is ``notifications.dispatch``."""

import datetime
import hashlib
import uuid

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .messages import MESSAGE_TEMPLATES
from .models import Channel, ChannelOptOut, NotificationSettings, Reminder, StaffNotification

# What a reminder is about, by model, when the caller does not say.
KIND_BY_MODEL = {
    "casework.pathwaystep": Reminder.Kind.PATHWAY_STEP,
    "casework.benefitapplication": Reminder.Kind.BENEFIT_RENEWAL,
    "casework.referral": Reminder.Kind.REFERRAL_FOLLOW_UP,
    "programs.session": Reminder.Kind.PROGRAMME_SESSION,
}
# A reminder in these states follows the thing it is about; a sent (or sending) one is history.
RESCHEDULABLE = (Reminder.State.SCHEDULED, Reminder.State.FAILED, Reminder.State.CANCELLED)
CANCELLABLE = (Reminder.State.SCHEDULED, Reminder.State.FAILED)


def about_label(about: models.Model) -> str:
    return about._meta.label_lower


def reminder_key(*, about_type: str, about_id, purpose: str, channel: str) -> str:
    """The idempotency key: the same object, purpose and channel always give the same key."""
    return hashlib.sha256(f"{about_type}|{about_id}|{purpose}|{channel}".encode()).hexdigest()


def _validate_recipient(*, channel: str, person, staff) -> None:
    if (person is None) == (staff is None):
        raise ValidationError({"recipient": _("Ορίστε ακριβώς έναν παραλήπτη: ωφελούμενο ή μέλος προσωπικού.")})
    if channel == Channel.IN_APP and staff is None:
        raise ValidationError({"channel": _("Οι ειδοποιήσεις στην εφαρμογή πηγαίνουν μόνο σε μέλη προσωπικού.")})


@transaction.atomic
def reminder_schedule(*, about: models.Model, purpose: str = "due", channel: str, due_at: datetime.datetime,
                      template: str, context: dict | None = None, person=None, staff=None,
                      kind: str | None = None, by=None) -> Reminder:
    """Schedules the reminder ``purpose`` about ``about`` on ``channel``, or updates the one already
    scheduled (new due time, recipient, context): call it whenever the thing changes.

    A reminder already sent (or being sent) is never rescheduled; one cancelled or failed is
    scheduled again. For a recurring event give each occurrence its own ``purpose``
    (``"renewal:2026-12-01"``).
    """
    _validate_recipient(channel=channel, person=person, staff=staff)
    if template not in MESSAGE_TEMPLATES:
        raise ValidationError({"template": _("Άγνωστο πρότυπο μηνύματος.")})
    if timezone.is_naive(due_at):
        raise ValidationError({"due_at": _("Η ώρα πρέπει να έχει ζώνη ώρας.")})
    about_type = about_label(about)
    key = reminder_key(about_type=about_type, about_id=about.pk, purpose=purpose, channel=channel)
    values = {
        "kind": kind or KIND_BY_MODEL.get(about_type, Reminder.Kind.CUSTOM), "about_type": about_type,
        "about_id": about.pk, "purpose": purpose, "person": person, "staff": staff, "channel": channel,
        "due_at": due_at, "template": template, "context": context or {},
    }
    reminder = Reminder.objects.select_for_update().filter(idempotency_key=key).first()
    if reminder is None:
        reminder = Reminder(idempotency_key=key, next_attempt_at=due_at, created_by=by, **values)
        reminder.full_clean()
        reminder.save()
        return reminder
    if reminder.state not in RESCHEDULABLE:
        return reminder
    # A pending reminder whose time is unchanged keeps its retry schedule; any other starts afresh.
    start_afresh = reminder.state != Reminder.State.SCHEDULED or reminder.due_at != due_at
    for field, value in values.items():
        setattr(reminder, field, value)
    if start_afresh:
        reminder.state, reminder.next_attempt_at, reminder.attempts = Reminder.State.SCHEDULED, due_at, 0
        reminder.failure_reason, reminder.last_error = "", ""
    reminder.full_clean()
    reminder.save()
    return reminder


@transaction.atomic
def reminders_cancel(*, about: models.Model, purpose: str | None = None) -> int:
    """Cancels the pending reminders about ``about`` (those of one ``purpose``, or all); the
    number cancelled. Sent ones stay as they are."""
    reminders = Reminder.objects.filter(about_type=about_label(about), about_id=about.pk, state__in=CANCELLABLE)
    if purpose is not None:
        reminders = reminders.filter(purpose=purpose)
    return reminders.update(state=Reminder.State.CANCELLED, updated_at=timezone.now())


@transaction.atomic
def reminder_create_custom(*, by, channel: str, due_at: datetime.datetime, text: str,
                           person=None, staff=None) -> Reminder:
    """A reminder a staff member writes themselves (not tied to another record)."""
    _validate_recipient(channel=channel, person=person, staff=staff)
    if not text.strip():
        raise ValidationError({"text": _("Γράψτε το κείμενο της υπενθύμισης.")})
    reminder_id = uuid.uuid4()
    reminder = Reminder(
        id=reminder_id, kind=Reminder.Kind.CUSTOM, about_type="notifications.reminder", about_id=reminder_id,
        purpose="custom", person=person, staff=staff, channel=channel, due_at=due_at, next_attempt_at=due_at,
        template="custom", context={"text": text.strip()}, created_by=by,
        idempotency_key=reminder_key(about_type="notifications.reminder", about_id=reminder_id, purpose="custom",
                                     channel=channel),
    )
    reminder.full_clean()
    reminder.save()
    return reminder


@transaction.atomic
def reminder_cancel(*, reminder: Reminder, by) -> Reminder:
    reminder = Reminder.objects.select_for_update().get(pk=reminder.pk)
    if reminder.state not in CANCELLABLE:
        raise ValidationError({"state": _("Μόνο προγραμματισμένη ή αποτυχημένη υπενθύμιση ακυρώνεται.")})
    reminder.state = Reminder.State.CANCELLED
    reminder.save(update_fields=["state", "updated_at"])
    return reminder


@transaction.atomic
def channel_opt_out(*, person, channel: str) -> ChannelOptOut:
    """The person asked not to be contacted on ``channel``: pending reminders will fail as opted out."""
    opt_out, _created = ChannelOptOut.objects.get_or_create(person=person, channel=channel)
    return opt_out


@transaction.atomic
def channel_opt_in(*, person, channel: str) -> None:
    ChannelOptOut.objects.filter(person=person, channel=channel).delete()


def notification_settings_get() -> NotificationSettings:
    """The centre's settings row (created with the defaults on first use)."""
    settings_row = NotificationSettings.objects.order_by("pk").first()
    return settings_row or NotificationSettings.objects.create()


@transaction.atomic
def notification_settings_update(*, quiet_start: datetime.time, quiet_end: datetime.time,
                                 **details: str) -> NotificationSettings:
    row = notification_settings_get()
    row.quiet_start, row.quiet_end, row.saved_at = quiet_start, quiet_end, timezone.now()
    for field in ("contact_phone", "contact_email", "address"):
        if field in details:
            setattr(row, field, details[field])
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def staff_notifications_mark_read(*, user, notification_ids: list | None = None) -> int:
    """Marks the user's unread notifications read (those given, or all); the number marked."""
    unread = StaffNotification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
