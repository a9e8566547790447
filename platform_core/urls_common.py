"""URL patterns both hosts share: login, password, language, OpenAPI, token, partners."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from platform_core import views
from platform_core.accounts import api as accounts_api
from platform_core.accounts import views as accounts_views


def common_patterns(urlconf: str) -> list:
    return [
        path("accounts/login/", accounts_views.LoginView.as_view(), name="login"),
        path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
        path("accounts/password/", auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html"), name="password_change"),
        path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"), name="password_change_done"),
        path("favicon.ico", views.favicon, name="favicon"),
        path("i18n/", include("django.conf.urls.i18n")),
        path("partners/", include("partners.urls")),
        path("api/v1/auth/token/", accounts_api.TokenObtainView.as_view(), name="api-token"),
        path("api/v1/me/", accounts_api.MeView.as_view(), name="api-me"),
        path("api/v1/partners/", include("partners.api_urls")),
        # Each host documents its own URL conf (request.urlconf is not seen by the generator).
        path("api/v1/schema/", SpectacularAPIView.as_view(urlconf=urlconf), name="api-schema"),
        path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
        path("api/v1/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    ]
