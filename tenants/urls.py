from django.urls import path

from . import views

app_name = "tenants"

urlpatterns = [
    path("", views.console, name="console"),
    path("jobs/", views.jobs_view, name="jobs"),
    path("centres/new/", views.centre_create_view, name="centre-create"),
    path("centres/<uuid:pk>/", views.centre_detail_view, name="centre-detail"),
    path("centres/<uuid:pk>/<slug:action>/", views.centre_lifecycle_view, name="centre-lifecycle"),
]
