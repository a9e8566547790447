"""Every write a centre's staff can cause in programmes and appointments, one module per area."""

from . import appointments, attendance, enrolments, programmes, sessions  # noqa: F401
