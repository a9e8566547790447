"""Staff pages of notifications on a centre's host."""

from .reports import views as reports

app_name = "notifications"
urlpatterns = [*reports.urlpatterns]
