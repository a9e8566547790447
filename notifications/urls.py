"""Staff pages of notifications on a centre's host (mounted at reminders/)."""

from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.reminder_list_view, name="reminder-list"),
    path("<uuid:pk>/cancel/", views.reminder_cancel_view, name="reminder-cancel"),
    path("settings/", views.notification_settings_view, name="settings"),
    path("notifications/read/", views.notifications_read_view, name="notifications-read"),
]
