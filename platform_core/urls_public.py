"""URLs of the public host (<PLATFORM_DOMAIN>): operator and region consoles, partner directory."""
from django.urls import path

urlpatterns: list = []
