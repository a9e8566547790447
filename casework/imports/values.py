"""What the cells of a Greek centre's spreadsheet mean: dates as ``31/12/1980`` or ``31-12-80``
(or real dates of an XLSX), amounts with a decimal comma, ΑΜΚΑ and ΑΦΜ that Excel kept as
numbers (so without their leading zero), choices written as their Greek labels.

Each parser takes a cell and returns a value or raises ``ValidationError`` with a Greek message;
an empty cell is ``None`` before any parser sees it."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from platform_core.text import search_form

_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE]\+?\d+$")


def is_empty(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def text(cell: object) -> str:
    """The cell as text. A formula (``=HYPERLINK(…)``) is kept as the text it is, never run: what
    is written back into a spreadsheet later goes through ``platform_core.spreadsheets``."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def date(cell: object) -> datetime.date:
    """A date, day first. Two-digit years fall in the last hundred years (``31-12-80`` → 1980,
    ``01-02-05`` → 2005): nothing imported here lies in the future."""
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    value = text(cell)
    for fmt in get_format("DATE_INPUT_FORMATS", lang="el"):
        try:
            parsed = datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if "%y" in fmt and parsed > timezone.localdate():
            parsed = parsed.replace(year=parsed.year - 100)
        return parsed
    raise ValidationError(_("Η ημερομηνία «%(value)s» δεν διαβάζεται· γράψτε την ως ΗΗ/ΜΜ/ΕΕΕΕ (π.χ. 31/12/1980).")
                          % {"value": value[:20]}, code="date")


def amount(cell: object) -> Decimal:
    """An amount in euros: ``1.200,50``, ``1200,5``, ``1200.50``, ``€ 80`` or a number cell."""
    if isinstance(cell, int | float | Decimal) and not isinstance(cell, bool):
        return Decimal(str(cell)).quantize(Decimal("0.01"))
    value = text(cell).replace("€", "").replace(" ", "").replace("\u00a0", "")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        return Decimal(value).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValidationError(_("Το ποσό «%(value)s» δεν διαβάζεται (π.χ. 1.200,50).") % {"value": value[:20]},
                              code="amount") from None


def _digits(cell: object, length: int) -> str:
    """An identifier of ``length`` digits that Excel may have stored as a number: the leading
    zeros it dropped are put back, and ``1.2345678901E+10`` is read as the number it is."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        return f"{cell:0{length}d}"
    value = text(cell)
    if _SCIENTIFIC.match(value):
        try:
            return f"{int(Decimal(value.replace(',', '.'))):0{length}d}"
        except InvalidOperation:
            return value
    compact = re.sub(r"[\s.\-]", "", value)
    if compact.isdigit() and len(compact) < length:
        return compact.zfill(length)
    return compact


def amka(cell: object) -> str:
    return _digits(cell, 11)


def afm(cell: object) -> str:
    return _digits(cell, 9)


def phone(cell: object) -> str:
    value = _digits(cell, 10)
    return value


def choice(choices, aliases: dict[str, str] | None = None):
    """A parser of one of ``choices`` (a TextChoices), written as its value or its Greek label
    (accents and case ignored) or one of ``aliases``."""
    known: dict[str, str] = {}

    def parse(cell: object) -> str:
        if not known:  # once, in Greek: the labels of the templates and of the staff pages
            known.update({search_form(value): value for value in choices.values})
            with translation.override("el"):
                known.update({search_form(str(label)): value for value, label in choices.choices})
            known.update({search_form(alias): value for alias, value in (aliases or {}).items()})
        value = search_form(text(cell))
        if value in known:
            return known[value]
        with translation.override("el"):
            labels = ", ".join(f"«{label}»" for label in choices.labels)
        raise ValidationError(_("Η τιμή «%(value)s» δεν είναι μία από: %(labels)s.")
                              % {"value": text(cell)[:40], "labels": labels}, code="choice")
    return parse


def choices_list(choices):
    """Several of ``choices``, separated by commas, semicolons or slashes."""
    one = choice(choices)

    def parse(cell: object) -> list[str]:
        return list(dict.fromkeys(one(part) for part in re.split(r"[,;/]", text(cell)) if part.strip()))
    return parse
