from django.urls import path

from . import api

urlpatterns = [
    path("centres/", api.CentreListView.as_view(), name="operator-centre-list"),
    path("centres/<uuid:pk>/", api.CentreDetailView.as_view(), name="operator-centre-detail"),
    path("centres/<uuid:pk>/suspend/", api.CentreSuspendView.as_view(), name="operator-centre-suspend"),
    path("centres/<uuid:pk>/reactivate/", api.CentreReactivateView.as_view(), name="operator-centre-reactivate"),
    path("centres/<uuid:pk>/archive/", api.CentreArchiveView.as_view(), name="operator-centre-archive"),
]
