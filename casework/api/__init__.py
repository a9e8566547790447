"""Casework API (/api/v1/), one module per area, each with its own ``urlpatterns``."""
