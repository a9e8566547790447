"""API: records."""

urlpatterns: list = []
