"""Programmes API under /api/v1/ on a centre's host."""

from . import appointments, programmes, sessions, sites

app_name = "programs_api"
urlpatterns = [*sites.urlpatterns, *programmes.urlpatterns, *sessions.urlpatterns, *appointments.urlpatterns]
