"""Reminders API on a centre's host (mounted at api/v1/reminders/)."""

from django.urls import path

from . import api

app_name = "notifications_api"
urlpatterns = [
    path("", api.ReminderListView.as_view(), name="reminder-list"),
    path("<uuid:pk>/", api.ReminderDetailView.as_view(), name="reminder-detail"),
    path("<uuid:pk>/cancel/", api.ReminderCancelView.as_view(), name="reminder-cancel"),
]
