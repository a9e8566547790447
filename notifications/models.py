"""Reminder and report models (centre schema). Built by the Notifications issue."""

# --- Scheduled reports (notifications/reports/) ---------------------------------------------
from .reports.models import Report  # noqa: F401
