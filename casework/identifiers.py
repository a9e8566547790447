"""Greek personal identifiers (ΑΜΚΑ, ΑΦΜ) checked with python-stdnum, their keyed hashes, and the
accent- and case-free form of names that search compares."""

import datetime
import hashlib
import hmac
import random

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import luhn
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.gr import amka as stdnum_amka
from stdnum.gr import vat as stdnum_vat

from platform_core.text import search_form  # noqa: F401 -- re-exported: casework finds names with it


def amka_clean(value: str, *, birth_date: datetime.date | None = None) -> str:
    """The ΑΜΚΑ as 11 digits, or ValidationError with what is wrong with it."""
    number = stdnum_amka.compact(value or "")
    try:
        stdnum_amka.validate(number)
    except InvalidLength:
        raise ValidationError(_("Ο ΑΜΚΑ έχει 11 ψηφία."), code="amka_length") from None
    except InvalidFormat:
        raise ValidationError(_("Ο ΑΜΚΑ αποτελείται μόνο από ψηφία."), code="amka_format") from None
    except InvalidChecksum:
        raise ValidationError(_("Ο ΑΜΚΑ δεν είναι έγκυρος (λάθος ψηφίο ελέγχου)."), code="amka_checksum") from None
    except InvalidComponent:
        raise ValidationError(_("Τα πρώτα έξι ψηφία του ΑΜΚΑ δεν είναι έγκυρη ημερομηνία."), code="amka_date") from None
    except StdnumError:
        raise ValidationError(_("Ο ΑΜΚΑ δεν είναι έγκυρος."), code="amka_invalid") from None
    if birth_date is not None and number[:6] != birth_date.strftime("%d%m%y"):
        raise ValidationError(
            _("Τα πρώτα έξι ψηφία του ΑΜΚΑ (%(digits)s) δεν συμφωνούν με την ημερομηνία γέννησης (ΗΗΜΜΕΕ: %(date)s).")
            % {"digits": number[:6], "date": birth_date.strftime("%d%m%y")}, code="amka_birth_date")
    return number


def afm_clean(value: str) -> str:
    """The ΑΦΜ as 9 digits, or ValidationError. ``000000000`` passes the checksum and is refused."""
    number = stdnum_vat.compact(value or "")
    try:
        stdnum_vat.validate(number)
    except InvalidLength:
        raise ValidationError(_("Ο ΑΦΜ έχει 9 ψηφία."), code="afm_length") from None
    except InvalidFormat:
        raise ValidationError(_("Ο ΑΦΜ αποτελείται μόνο από ψηφία."), code="afm_format") from None
    except (InvalidChecksum, StdnumError):
        raise ValidationError(_("Ο ΑΦΜ δεν είναι έγκυρος (λάθος ψηφίο ελέγχου)."), code="afm_checksum") from None
    if set(number) == {"0"}:
        raise ValidationError(_("Ο ΑΦΜ δεν είναι έγκυρος."), code="afm_zero")
    return number


def id_hash(kind: str, number: str) -> str:
    """Keyed hash of a cleaned identifier ("" for none): uniqueness and exact lookup without
    comparing or indexing the number itself."""
    if not number:
        return ""
    key = settings.PERSONAL_ID_HASH_KEY.encode()
    return hmac.new(key, f"{kind}:{number}".encode(), hashlib.sha256).hexdigest()


def synthetic_amka(birth_date: datetime.date, *, rng: random.Random = random) -> str:  # noqa: B008
    """A checksum-valid ΑΜΚΑ for the birth date, for demo and test data (random serial)."""
    body = birth_date.strftime("%d%m%y") + f"{rng.randrange(10_000):04d}"
    return body + luhn.calc_check_digit(body)


def synthetic_afm(*, rng: random.Random = random) -> str:  # noqa: B008
    """A checksum-valid ΑΦΜ for demo and test data (never 000000000)."""
    body = f"{rng.randrange(1, 10**8):08d}"
    return body + stdnum_vat.calc_check_digit(body)
