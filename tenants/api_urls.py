from django.urls import path

from . import api
from .services import CENTRE_LIFECYCLE

urlpatterns = [
    path("centres/", api.CentreListView.as_view(), name="operator-centre-list"),
    path("centres/<uuid:pk>/", api.CentreDetailView.as_view(), name="operator-centre-detail"),
    path("centres/<uuid:pk>/exports/", api.CentreExportListView.as_view(), name="operator-centre-exports"),
    path("centres/<uuid:pk>/health/", api.CentreHealthDetailView.as_view(), name="operator-centre-health"),
    path("health/", api.CentreHealthListView.as_view(), name="operator-health"),
    path("exports/<uuid:pk>/restore/", api.ExportRestoreView.as_view(), name="operator-export-restore"),
    *[
        path(f"centres/<uuid:pk>/{action}/", api.CentreLifecycleView.as_view(action=action),
             name=f"operator-centre-{action}")
        for action in CENTRE_LIFECYCLE
    ],
]
