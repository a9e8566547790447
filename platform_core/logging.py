"""Logging helpers: every log line names the centre (its slug) it was written for."""

import logging
import re


class CentreFilter(logging.Filter):
    """Adds ``centre``: the slug of the centre whose schema the connection uses, or ``public``."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "centre"):
            record.centre = current_centre_label()
        return True


def current_centre_label() -> str:
    try:
        from django.db import connection

        schema = getattr(connection, "schema_name", None) or "-"
    except Exception:  # settings not configured yet (early start-up lines)
        return "-"
    # A slug's "-" becomes "_" in its schema name, and slugs have no "_": the mapping is exact.
    return schema.replace("_", "-") if schema[:1].isalpha() else schema


_REQUEST_LINE_QUERY = re.compile(r"^(?P<head>[A-Z]+ [^?\s]*)\?\S*(?P<tail> HTTP/[\d.]+)$")


class QueryStringFilter(logging.Filter):
    """Drops query strings from logged request lines (the development server's access log):
    a search by name or ΑΜΚΑ travels in the query string and must not reach the logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(_strip_query(arg) if isinstance(arg, str) else arg for arg in record.args)
        return True


def _strip_query(text: str) -> str:
    match = _REQUEST_LINE_QUERY.match(text)
    return f"{match['head']}{match['tail']}" if match else text


class RefusalTracebackFilter(logging.Filter):
    """A refused request (4xx) is the caller's mistake, not the server's: Django logs a 403 with
    the traceback of the ``PermissionDenied`` that made it, many lines long for one refusal. Keep
    the one line (method, path, status); tracebacks stay on server errors (5xx)."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if record.name == "django.request" and isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
