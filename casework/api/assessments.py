"""API: assessments."""

urlpatterns: list = []
