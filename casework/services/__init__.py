"""Every write a centre's staff can cause in casework, one module per area. Callers import the
area module (``from casework.services import people``) or the functions re-exported here."""

from . import access, aid, assessments, cases, people, records, referrals, sites, transfer  # noqa: F401
from .access import access_record  # noqa: F401
