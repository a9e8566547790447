"""API: aid."""

urlpatterns: list = []
