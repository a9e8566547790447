"""Staff pages: the reminders a staff member is concerned with and their in-app notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.forms import add_service_errors

from . import services
from .forms import NotificationSettingsForm
from .models import Reminder
from .selectors import PERSON_CHANNELS, reminders_visible_to, staff_notifications_of
from .whose import reminders_whose

LIST_LIMIT = 200


@login_required
@permission_required("notifications.view_reminder", raise_exception=True)
def reminder_list_view(request):
    state = request.GET.get("state", "")
    reminders = reminders_visible_to(request.user)
    if state in Reminder.State.values:
        reminders = reminders.filter(state=state)
    notifications = list(staff_notifications_of(request.user).select_related("reminder")[:50])
    reminders_whose(notification.reminder for notification in notifications if notification.reminder)
    return render(request, "notifications/reminder_list.html", {
        "title": _("Υπενθυμίσεις"),
        "reminders": reminders_whose(reminders[:LIST_LIMIT]),
        "states": Reminder.State.choices,
        "state": state,
        "notifications": notifications,
    })


@login_required
@permission_required("notifications.change_reminder", raise_exception=True)
@require_POST
def reminder_cancel_view(request, pk):
    reminder = get_object_or_404(reminders_visible_to(request.user), pk=pk)
    try:
        services.reminder_cancel(reminder=reminder, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Η υπενθύμιση ακυρώθηκε."))
    return redirect("notifications:reminder-list")


@login_required
@permission_required("notifications.change_notificationsettings", raise_exception=True)
def notification_settings_view(request):
    """The centre's quiet hours and the contact details its messages are signed with."""
    current = services.notification_settings_get()
    form = NotificationSettingsForm(request.POST or None, initial={
        field: getattr(current, field) for field in NotificationSettingsForm.base_fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_settings_update(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Οι ρυθμίσεις αποθηκεύτηκαν."))
            return redirect("notifications:reminder-list")
    return render(request, "notifications/settings_form.html", {"form": form, "title": _("Ρυθμίσεις ειδοποιήσεων")})


@login_required
@permission_required("notifications.add_channeloptout", raise_exception=True)
@require_POST
def person_channels_view(request, person_pk):
    """Records which reminder channels the person accepts: a ticked channel is accepted, an
    unticked one declined (the form on the person page sends all of them)."""
    from casework.models import Person

    person = get_object_or_404(Person, pk=person_pk)
    accepted = set(request.POST.getlist("accepted"))
    for channel in PERSON_CHANNELS:
        if channel.value in accepted:
            services.channel_opt_in(person=person, channel=channel.value)
        else:
            services.channel_opt_out(person=person, channel=channel.value)
    messages.success(request, _("Τα κανάλια επικοινωνίας αποθηκεύτηκαν."))
    return redirect("casework:person-detail", pk=person.pk)


@login_required
@require_POST
def notifications_read_view(request):
    """Marks one notification (``notification`` in the form) or all of the user's as read."""
    notification_id = request.POST.get("notification")
    ids = None
    if notification_id:
        notification = get_object_or_404(staff_notifications_of(request.user), pk=_uuid_or_none(notification_id))
        ids = [notification.pk]
    services.staff_notifications_mark_read(user=request.user, notification_ids=ids)
    return redirect("notifications:reminder-list")


def _uuid_or_none(value: str):
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        return None
