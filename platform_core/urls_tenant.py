"""URLs of a centre's host (<slug>.<PLATFORM_DOMAIN>): staff UI and the centre API."""
from django.urls import path

urlpatterns: list = []
