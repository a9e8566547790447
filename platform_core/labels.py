"""How records name themselves (``__str__``) in form choices, lists and admin: dates, times and
amounts as the pages show them (the language's date format from ``platform_core/formats``,
24-hour local time, «1.200,00 €»), never Django's «X object (uuid)»."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language_info


def day(value: datetime.date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def moment(value: datetime.datetime | None) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


def money(amount: Decimal | str | int | float | None) -> str:
    """``1200`` → ``1.200,00 €`` in every language (one number format: the issue asks amounts to
    read the same on the Greek and the English side); blank for no amount."""
    if amount is None or amount == "":
        return ""
    cents = Decimal(str(amount)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    whole, _dot, fraction = f"{abs(cents):,.2f}".partition(".")
    return f"{'-' if cents < 0 else ''}{whole.replace(',', '.')},{fraction} €"


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
