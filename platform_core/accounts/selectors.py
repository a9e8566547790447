"""Reads of accounts."""

from django.db.models import QuerySet

from .models import User


def staff_list() -> QuerySet[User]:
    return User.objects.prefetch_related("groups").order_by("last_name", "first_name", "username")
