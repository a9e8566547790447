"""Template context shared by every page: the centre being served and the user's role."""

from django.conf import settings
from django.db import connection
from django_tenants.utils import get_public_schema_name


def platform(request):
    tenant = getattr(request, "tenant", None)
    is_public = tenant is None or tenant.schema_name == get_public_schema_name()
    user = getattr(request, "user", None)
    return {
        "centre": None if is_public else tenant,
        "is_public_site": is_public,
        "platform_domain": settings.PLATFORM_DOMAIN,
        "user_role_label": _role_label(user) if not is_public else "",
        "current_schema": connection.schema_name,
    }


def _role_label(user) -> str:
    if user is None or not user.is_authenticated:
        return ""
    return user.role_label
