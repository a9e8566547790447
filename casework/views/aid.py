"""Staff pages: aid."""

urlpatterns: list = []
