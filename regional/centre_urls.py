from django.urls import path

from . import centre_views

app_name = "centre_indicators"

urlpatterns = [path("", centre_views.centre_indicators, name="overview")]
