from django.urls import path

from . import api

urlpatterns = [
    path("indicators/", api.IndicatorValueListView.as_view(), name="region-indicator-list"),
    path("indicators/catalogue/", api.CatalogueView.as_view(), name="region-indicator-catalogue"),
]
