"""Reads of accounts."""

from django.db.models import QuerySet
from django.utils import timezone

from .models import ApiToken, User


def staff_list() -> QuerySet[User]:
    return User.objects.prefetch_related("groups").order_by("last_name", "first_name", "username")


def tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """``user``'s API tokens that have not expired, newest first."""
    return ApiToken.objects.filter(user=user, expiry__gt=timezone.now()).order_by("-created")
