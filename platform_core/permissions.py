"""Who may do what, for pages and the API: centre roles, operators and region users."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import connection
from django_tenants.utils import get_public_schema_name
from rest_framework.permissions import BasePermission


def on_public_host() -> bool:
    return connection.schema_name == get_public_schema_name()


def is_operator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("tenants.operate_centres"))


def region_of(user):
    """The region a public-schema region account sees, or None."""
    if not (user and user.is_authenticated):
        return None
    membership = getattr(user, "region_membership", None)
    return membership.region if membership else None


def _page_guard(check):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


operator_required = _page_guard(is_operator)
region_user_required = _page_guard(lambda user: region_of(user) is not None)


class IsOperator(BasePermission):
    def has_permission(self, request, view) -> bool:
        return is_operator(request.user)


class IsRegionUser(BasePermission):
    def has_permission(self, request, view) -> bool:
        return region_of(request.user) is not None


class HasPermissionFor(BasePermission):
    """Reads need ``read_perm``, writes ``write_perm`` (Django permissions granted by role)."""

    read_perm: str = ""
    write_perm: str = ""

    @classmethod
    def of(cls, *, read: str, write: str) -> type["HasPermissionFor"]:
        return type(f"HasPermissionFor_{read}", (cls,), {"read_perm": read, "write_perm": write})

    def has_permission(self, request, view) -> bool:
        if not request.user.is_authenticated:
            return False
        perm = self.read_perm if request.method in ("GET", "HEAD", "OPTIONS") else self.write_perm
        return request.user.has_perm(perm)


class PublicHostOrAuthenticated(BasePermission):
    """Open on the public host (public information); for signed-in staff on a centre host."""

    def has_permission(self, request, view) -> bool:
        return on_public_host() or bool(request.user and request.user.is_authenticated)
