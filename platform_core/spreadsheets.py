"""The one way the platform writes spreadsheets: every cell goes through ``safe_cell``, so a text
that Excel or LibreOffice would run as a formula (``=HYPERLINK(…)`` typed into a name, or taken
from an imported file) is written as text with a leading apostrophe, in XLSX and CSV alike."""

import io
from collections.abc import Iterable
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: object) -> object:
    """Numbers, dates and empty cells stay what they are; a text starting like a formula gets a
    leading apostrophe."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if hasattr(value, "isoformat"):  # date, datetime, time: openpyxl writes them as dates
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(value) for value in values]


def sheet_append(sheet: Worksheet, values: Iterable[object]) -> None:
    """Appends one row to an openpyxl sheet, every text cell neutralised."""
    sheet.append(safe_row(values))


def new_workbook() -> Workbook:
    """An empty workbook (no default sheet): callers add theirs with ``create_sheet``."""
    book = Workbook()
    book.remove(book.active)
    return book


def workbook_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
