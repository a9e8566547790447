"""Casework API under /api/v1/ on a centre's host."""

from . import aid, assessments, cases, imports, people, records, referrals

app_name = "casework_api"
urlpatterns = [*people.urlpatterns, *cases.urlpatterns, *assessments.urlpatterns, *aid.urlpatterns,
               *records.urlpatterns, *referrals.urlpatterns, *imports.urlpatterns]
