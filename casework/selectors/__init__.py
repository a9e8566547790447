"""Reads of casework, with the permission filters built in, one module per area."""

from . import aid, assessments, cases, notes, people, records, referrals  # noqa: F401
from .notes import notes_visible_to  # noqa: F401
