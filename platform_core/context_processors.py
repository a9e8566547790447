"""Template context shared by every page: the centre being served, navigation, the user's role."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django_tenants.utils import get_public_schema_name

from . import navigation


def platform(request):
    tenant = getattr(request, "tenant", None)
    is_public = tenant is None or tenant.schema_name == get_public_schema_name()
    # No user when a request is answered before authentication (an unknown host's 404).
    user = getattr(request, "user", None) or AnonymousUser()
    authenticated = user.is_authenticated
    nav = []
    if authenticated or is_public:
        nav = navigation.nav_items(navigation.PUBLIC_NAV if is_public else navigation.CENTRE_NAV, user, request.path)
    return {
        "centre": None if is_public else tenant,
        "is_public_site": is_public,
        "platform_domain": settings.PLATFORM_DOMAIN,
        "nav_items": nav,
        "user_role_label": user.role_label if authenticated and not is_public else "",
        "current_schema": connection.schema_name,
    }
