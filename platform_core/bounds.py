"""The bounds of what a record may hold, in one place: dates, free text, amounts and lists.

Each bound is a constant here and a validator on the model field (checked by the services'
``full_clean``, so the page, the API and the import refuse the same values with the same field
error); the API's input serializers take their ``max_length``/``max_value`` and their
descriptions from the same constants, so the published schema states each rule.

- A birth date is not before 1900 (nobody served today was born earlier).
- A record of the centre's work (intake, assessment, contact, note, application, aid, consent,
  referral, programme, session, appointment, reminder) is not dated before 2016: the Community
  Centres were founded by Law 4368/2016. Dates that look ahead (a due date, a review, an expiry,
  a session, a reminder) are at most ``YEARS_AHEAD`` years ahead.
- Free text is at most ``LONG_TEXT_MAX`` characters (a GDPR export prints it whole, split across
  pages); amounts at most ``AMOUNT_MAX`` euros; an assessment has at most ``INCOME_LINES_MAX``
  income lines.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from platform_core.labels import day

EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)
EARLIEST_RECORD_DATE = datetime.date(2016, 1, 1)
YEARS_AHEAD = 10
LONG_TEXT_MAX = 10_000
AMOUNT_MAX = Decimal("1000000")
INCOME_LINES_MAX = 30


def _day(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


@deconstructible
class NotBefore:
    """The date (or the day of a date-time) is not before ``earliest``."""

    def __init__(self, earliest: datetime.date) -> None:
        self.earliest = earliest

    def __call__(self, value) -> None:
        if value is not None and _day(value) < self.earliest:
            raise ValidationError(_("Η ημερομηνία δεν μπορεί να είναι πριν από %(date)s."),
                                  code="too_early", params={"date": day(self.earliest)})

    def __eq__(self, other) -> bool:
        return isinstance(other, NotBefore) and other.earliest == self.earliest


@deconstructible
class NotFarAhead:
    """The date (or the day of a date-time) is at most ``years`` years after today."""

    def __init__(self, years: int = YEARS_AHEAD) -> None:
        self.years = years

    def __call__(self, value) -> None:
        if value is None:
            return
        today = timezone.localdate()
        latest = today.replace(year=today.year + self.years, day=min(today.day, 28))
        if _day(value) > latest:
            raise ValidationError(_("Η ημερομηνία δεν μπορεί να είναι πάνω από %(years)s χρόνια μετά από σήμερα."),
                                  code="too_far_ahead", params={"years": self.years})

    def __eq__(self, other) -> bool:
        return isinstance(other, NotFarAhead) and other.years == self.years


BIRTH_DATE = [NotBefore(EARLIEST_BIRTH_DATE)]
RECORD_DATE = [NotBefore(EARLIEST_RECORD_DATE), NotFarAhead()]
LONG_TEXT = [MaxLengthValidator(LONG_TEXT_MAX)]
AMOUNT = [MaxValueValidator(AMOUNT_MAX)]

# What the API's schema says of the same rules (help_text of the serializer fields).
BIRTH_DATE_RULE = "Not before 1900-01-01, not in the future."
RECORD_DATE_RULE = f"Not before 2016-01-01 and at most {YEARS_AHEAD} years ahead."
PAST_RECORD_DATE_RULE = "Not before 2016-01-01, not in the future."
AMOUNT_RULE = f"Euros, from 0 to {AMOUNT_MAX:,}."
