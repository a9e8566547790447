"""Notifications API under /api/v1/ on a centre's host: reminders and reports."""

from django.urls import path

from . import api
from .reports import api as reports

app_name = "notifications_api"
urlpatterns = [
    path("reminders/", api.ReminderListView.as_view(), name="reminder-list"),
    path("reminders/<uuid:pk>/", api.ReminderDetailView.as_view(), name="reminder-detail"),
    path("reminders/<uuid:pk>/cancel/", api.ReminderCancelView.as_view(), name="reminder-cancel"),
    *reports.urlpatterns,
]
