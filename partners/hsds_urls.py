"""The open HSDS 3.0 API of the directory, on the public host only."""

from django.urls import path

from . import api

urlpatterns = [
    path("", api.HsdsMetaView.as_view(), name="hsds-meta"),
    path("services", api.HsdsServiceListView.as_view(), name="hsds-service-list"),
    path("services/<uuid:pk>", api.HsdsServiceDetailView.as_view(), name="hsds-service-detail"),
    path("organizations", api.HsdsOrganizationListView.as_view(), name="hsds-organization-list"),
    path("organizations/<uuid:pk>", api.HsdsOrganizationDetailView.as_view(), name="hsds-organization-detail"),
]
