"""Staff pages of notifications on a centre's host: reminders and in-app notifications, and
the centre's reports."""

from django.urls import path

from . import views
from .reports import views as reports

app_name = "notifications"
urlpatterns = [
    path("reminders/", views.reminder_list_view, name="reminder-list"),
    path("reminders/<uuid:pk>/cancel/", views.reminder_cancel_view, name="reminder-cancel"),
    path("reminders/settings/", views.notification_settings_view, name="settings"),
    path("reminders/notifications/read/", views.notifications_read_view, name="notifications-read"),
    path("people/<uuid:person_pk>/channels/", views.person_channels_view, name="person-channels"),
    *reports.urlpatterns,
]
