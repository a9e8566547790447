"""Writes of the regional app: region accounts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from platform_core.accounts.models import User
from platform_core.accounts.services import account_create, staff_validate

from .models import Region, RegionMembership


def region_user_create(*, region: str, email: str, password: str) -> User:
    """A public-schema account that sees the aggregated indicators of one region."""
    region_obj = Region.objects.filter(slug=region).first()
    if region_obj is None:
        # Every field's errors at once; with a known region account_create checks the rest.
        errors = staff_validate(email=email, password=password)
        errors["region"] = [_("Άγνωστη περιφέρεια «%(region)s».") % {"region": region}]
        raise ValidationError(errors)
    with transaction.atomic():
        user = account_create(email=email, password=password)
        RegionMembership.objects.create(user=user, region=region_obj)
    return user
