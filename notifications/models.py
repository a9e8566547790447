"""Reminder and report models (centre schema). Built by the Notifications issue."""
