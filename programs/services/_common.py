"""Checks the programme services share."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_room(*, site, room, errors: dict) -> None:
    if room is not None and site is not None and room.site_id != site.pk:
        errors["room"] = [_("Η αίθουσα δεν ανήκει στη δομή «%(site)s».") % {"site": site.name}]


def check_order(*, starts_at, ends_at, errors: dict) -> None:
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("Η λήξη πρέπει να είναι μετά την έναρξη.")]


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)
