"""The unread count of the signed-in staff member's in-app notifications, for the page header."""

from django_tenants.utils import get_public_schema_name

from .selectors import staff_notifications_unread_count


def unread_notifications(request) -> dict:
    tenant = getattr(request, "tenant", None)
    user = getattr(request, "user", None)
    if tenant is None or tenant.schema_name == get_public_schema_name() or not (user and user.is_authenticated):
        return {}
    # One COUNT on a partial index of unread rows, only when a template asks for it.
    return {"unread_notification_count": lambda: staff_notifications_unread_count(user)}
