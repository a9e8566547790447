"""A centre's host: the coordinator's export of the whole centre."""

from django.urls import path

from . import centre_views

app_name = "centre-export"

urlpatterns = [
    path("", centre_views.export_list_view, name="list"),
    path("new/", centre_views.export_request_view, name="request"),
    path("<uuid:pk>/download/", centre_views.export_download_view, name="download"),
]
