"""Staff pages of casework on a centre's host."""

from .views import aid, assessments, cases, imports, people, records, referrals, search

app_name = "casework"
urlpatterns = [*search.urlpatterns, *people.urlpatterns, *cases.urlpatterns, *assessments.urlpatterns, *aid.urlpatterns,
               *records.urlpatterns, *referrals.urlpatterns, *imports.urlpatterns]
