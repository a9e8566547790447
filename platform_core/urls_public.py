"""URLs of the public host (<PLATFORM_DOMAIN>): operator and region consoles, partner directory."""

from django.contrib import admin
from django.urls import include, path

from platform_core import views
from platform_core.urls_common import common_patterns
from regional import operator_views as regional_operator_views

urlpatterns = [
    path("", views.public_home, name="home"),
    path("operator/rollup/", regional_operator_views.rollup_start, name="operator-rollup"),
    path("operator/", include("tenants.urls")),
    path("region/", include("regional.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/operator/", include("tenants.api_urls")),
    path("api/v1/region/", include("regional.api_urls")),
    path("api/hsds/", include("partners.hsds_urls")),
    *common_patterns(__name__),
]
