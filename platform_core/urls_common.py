"""URL patterns both hosts share: login, password, language, OpenAPI, token, partners."""

from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from platform_core import views
from platform_core.accounts import api as accounts_api
from platform_core.accounts import views as accounts_views


def common_patterns(urlconf: str) -> list:
    return [
        path("accounts/login/", accounts_views.LoginView.as_view(), name="login"),
        path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
        path("accounts/password/", accounts_views.PasswordChangeView.as_view(), name="password_change"),
        path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"), name="password_change_done"),
        path("accounts/tokens/", accounts_views.own_tokens_view, name="own-tokens"),
        path("accounts/tokens/<uuid:pk>/revoke/", accounts_views.own_token_revoke_view, name="own-token-revoke"),
        path("favicon.ico", views.favicon, name="favicon"),
        path("i18n/", include("django.conf.urls.i18n")),
        path("partners/", include("partners.urls")),
        path("api/v1/auth/token/", accounts_api.TokenObtainView.as_view(), name="api-token"),
        path("api/v1/auth/tokens/", accounts_api.OwnTokenListView.as_view(), name="api-own-tokens"),
        path("api/v1/auth/tokens/<uuid:pk>/", accounts_api.OwnTokenDetailView.as_view(), name="api-own-token"),
        path("api/v1/me/", accounts_api.MeView.as_view(), name="api-me"),
        path("api/v1/partners/", include("partners.api_urls")),
        # Each host documents its own URL conf (request.urlconf is not seen by the generator).
        path("api/v1/schema/", SpectacularAPIView.as_view(urlconf=urlconf), name="api-schema"),
        # The split view serves Swagger UI's start-up script as a file of its own: no inline script.
        path("api/v1/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
        path("api/v1/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    ]
