"""Staff pages: assessments."""

urlpatterns: list = []
