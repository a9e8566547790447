from django.urls import path

from . import views

app_name = "regional"

urlpatterns = [
    path("", views.console, name="console"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator"),
    path("esf/", views.esf_table, name="esf"),
]
