"""Staff pages of programmes, appointments and the calendar on a centre's host."""

from .views import appointments, calendar, programmes, sessions, sites

app_name = "programs"
urlpatterns = [*programmes.urlpatterns, *sessions.urlpatterns, *calendar.urlpatterns, *appointments.urlpatterns,
               *sites.urlpatterns]
