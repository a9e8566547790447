from django.urls import path

from . import views

app_name = "tenants"

urlpatterns = [
    path("", views.console, name="console"),
    path("jobs/", views.jobs_view, name="jobs"),
    path("centres/new/", views.centre_create_view, name="centre-create"),
    path("centres/<uuid:pk>/", views.centre_detail_view, name="centre-detail"),
    path("centres/<uuid:pk>/exports/", views.centre_export_view, name="centre-export"),
    path("exports/<uuid:pk>/download/", views.export_download_view, name="export-download"),
    path("exports/<uuid:pk>/restore/", views.export_restore_view, name="export-restore"),
    path("centres/<uuid:pk>/<slug:action>/", views.centre_lifecycle_view, name="centre-lifecycle"),
]
