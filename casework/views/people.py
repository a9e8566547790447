"""Staff pages: people."""

urlpatterns: list = []
