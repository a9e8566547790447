"""Reminder reads: what a staff member may see, their unread in-app notifications, counts."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from .models import Channel, ChannelOptOut, Reminder, StaffNotification

# The channels a person can accept or decline for reminders (in-app notifications go to staff).
PERSON_CHANNELS = (Channel.EMAIL, Channel.SMS)


def reminders_visible_to(user) -> QuerySet[Reminder]:
    """All of the centre's reminders for those allowed to see them all (coordinator, auditor);
    otherwise those the user is concerned with: addressed to them, created by them, or to a
    person with a case assigned to them."""
    from casework.models import Case

    reminders = Reminder.objects.select_related("person", "staff").order_by("-due_at")
    if user.has_perm("notifications.view_all_reminders"):
        return reminders
    caseload = Case.objects.filter(person=OuterRef("person"), assigned_worker=user)
    return reminders.filter(Q(staff=user) | Q(created_by=user) | Q(Exists(caseload)))


def person_channels(*, person) -> list[dict]:
    """Each reminder channel of ``person`` with its label, whether the person accepts it and
    whether it can reach them (an e-mail address, a phone number recorded)."""
    declined = set(ChannelOptOut.objects.filter(person=person).values_list("channel", flat=True))
    addresses = {Channel.EMAIL: person.email, Channel.SMS: person.phone}
    return [{"value": channel.value, "label": channel.label, "accepted": channel.value not in declined,
             "reachable": bool(addresses.get(channel))} for channel in PERSON_CHANNELS]


def staff_notifications_of(user) -> QuerySet[StaffNotification]:
    return StaffNotification.objects.filter(user=user).order_by("-created_at")


def staff_notifications_unread_count(user) -> int:
    return StaffNotification.objects.filter(user=user, read_at__isnull=True).count()


def reminder_state_counts() -> dict[str, int]:
    """How many of the current centre's reminders are in each state (every state present)."""
    counts = dict(Reminder.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    return {state: counts.get(state, 0) for state in Reminder.State.values}
