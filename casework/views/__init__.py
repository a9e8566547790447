"""Staff pages of casework, one module per area, each with its own ``urlpatterns``."""
