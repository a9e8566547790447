from django.urls import path

from . import centre_api

urlpatterns = [
    path("centre-exports/", centre_api.CentreExportListView.as_view(), name="api-centre-export-list"),
    path("centre-exports/<uuid:pk>/download/", centre_api.CentreExportDownloadView.as_view(),
         name="api-centre-export-download"),
]
