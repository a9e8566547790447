"""How records name themselves (``__str__``) in form choices, lists and admin: dates and times
as the pages show them (``d/m/Y``, 24-hour local time), never Django's «X object (uuid)»."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language_info


def day(value: datetime.date | None) -> str:
    return date_format(value, "d/m/Y") if value else ""


def moment(value: datetime.datetime | None) -> str:
    return date_format(timezone.localtime(value), "d/m/Y H:i") if value else ""


def person_name(user) -> str:
    """A staff member as a person reads them: full name, or the e-mail they sign in with."""
    return (user.get_full_name() or user.get_username()) if user else ""


def language_name(code: str) -> str:
    """A language by its name in the reader's language («Περσικά» for ``fa``); what is not a
    language code (a name typed in the form) stays as typed."""
    try:
        return str(get_language_info(code.strip().lower())["name_translated"])
    except KeyError:
        return code


def language_names(codes) -> str:
    return ", ".join(language_name(code) for code in codes)
