from django.urls import path

from . import api

urlpatterns = [
    path("", api.PartnerListView.as_view(), name="partner-list"),
    path("<uuid:pk>/", api.PartnerDetailView.as_view(), name="partner-detail"),
]
