"""URLs of a centre's host (<slug>.<PLATFORM_DOMAIN>): staff UI and the centre's API."""

from django.urls import include, path

from platform_core import views
from platform_core.accounts import api as accounts_api
from platform_core.accounts import views as accounts_views
from platform_core.urls_common import common_patterns

urlpatterns = [
    path("", views.centre_home, name="home"),
    path("accounts/first-login/", accounts_views.first_login_view, name="first-login"),
    path("staff/", include("platform_core.accounts.urls")),
    path("", include("casework.urls")),
    path("api/v1/", include("casework.api.urls")),
    path("", include("notifications.urls")),
    path("", include("programs.urls")),
    path("api/v1/", include("programs.api.urls")),
    path("indicators/", include("regional.centre_urls")),
    path("centre-export/", include("tenants.centre_urls")),
    path("api/v1/", include("tenants.centre_api_urls")),
    path("api/v1/", include("notifications.api_urls")),
    path("api/v1/staff/", accounts_api.StaffListView.as_view(), name="api-staff-list"),
    path("api/v1/staff/<uuid:pk>/", accounts_api.StaffDetailView.as_view(), name="api-staff-detail"),
    path("api/v1/staff/<uuid:pk>/sign-out/", accounts_api.StaffSignOutView.as_view(), name="api-staff-sign-out"),
    *common_patterns(__name__),
]
