from django.urls import path

from . import api
from .services import CENTRE_LIFECYCLE

urlpatterns = [
    path("centres/", api.CentreListView.as_view(), name="operator-centre-list"),
    path("centres/<uuid:pk>/", api.CentreDetailView.as_view(), name="operator-centre-detail"),
    *[
        path(f"centres/<uuid:pk>/{action}/", api.CentreLifecycleView.as_view(action=action),
             name=f"operator-centre-{action}")
        for action in CENTRE_LIFECYCLE
    ],
]
