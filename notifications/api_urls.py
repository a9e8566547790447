"""Notifications API under /api/v1/ on a centre's host."""

from .reports import api as reports

app_name = "notifications_api"
urlpatterns = [*reports.urlpatterns]
