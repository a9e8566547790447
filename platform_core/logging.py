"""Logging helpers: every log line names the centre (schema) it was written for."""

import logging


class CentreFilter(logging.Filter):
    """Adds ``centre``: the slug-derived schema of the current connection, or ``public``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "centre"):
            record.centre = current_centre_label()
        return True


def current_centre_label() -> str:
    try:
        from django.db import connection

        return getattr(connection, "schema_name", None) or "-"
    except Exception:  # settings not configured yet (early start-up lines)
        return "-"
