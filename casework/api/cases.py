"""API: cases."""

urlpatterns: list = []
