"""Staff pages: records."""

urlpatterns: list = []
