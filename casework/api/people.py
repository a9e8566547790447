"""API: people."""

urlpatterns: list = []
