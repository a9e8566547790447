"""A spreadsheet as a header and rows of cell values: XLSX through openpyxl (read-only, one row at
a time), CSV through the standard library in UTF-8 or Windows-1253, whichever decodes.

A file that is none of these, is empty, or does not start with a header row is refused with
``FileRefused`` and a sentence for the coordinator."""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
CSV_DELIMITERS = ";,\t|"
CSV_ENCODINGS = ("utf-8-sig", "cp1253")


class FileRefused(ValueError):
    """The file cannot be imported at all; ``str()`` is the sentence to show."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[object]]]  # (row number in the file, cells), data rows only
    # The last row number, where the file says it without being read through (an XLSX's
    # dimension); None otherwise.
    last_row: int | None = None

    def count_rows(self) -> int:
        """How many data rows there are: exact for CSV, from the sheet's dimension for XLSX
        (blank rows included), so that a large workbook is not parsed just to count it."""
        first = next(self.rows, None)
        if first is None:
            return 0
        if self.last_row is not None:
            return max(1, self.last_row - first[0] + 1)
        return 1 + sum(1 for _row in self.rows)


def _is_blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _looks_like_data(cell: object) -> bool:
    """A value a column name never is: a number, a date, or digits (an ΑΜΚΑ, a date typed as text)."""
    if isinstance(cell, bool | int | float | datetime.date):
        return True
    text = str(cell).strip().replace("/", "").replace("-", "").replace(".", "").replace(" ", "")
    return text.isdigit()


def _header_and_rows(rows: Iterator[tuple[int, list[object]]], last_row: int | None = None) -> Table:
    for _number, cells in rows:
        if all(_is_blank(cell) for cell in cells):
            continue
        if any(_looks_like_data(cell) for cell in cells if not _is_blank(cell)):
            raise FileRefused(_("Η πρώτη γραμμή του φύλλου πρέπει να έχει τα ονόματα των στηλών (π.χ. «Επώνυμο», "
                                "«Όνομα», «ΑΜΚΑ»)· εδώ έχει ήδη τιμές."), code="no_header")
        header = [("" if _is_blank(cell) else str(cell).strip()) for cell in cells]
        while header and not header[-1]:
            header.pop()
        named = [name for name in header if name]
        if len(set(named)) != len(named):
            raise FileRefused(_("Δύο στήλες έχουν το ίδιο όνομα· δώστε σε κάθε στήλη διαφορετικό όνομα."),
                              code="duplicate_header")
        width = len(header)
        data = ((n, row[:width]) for n, row in rows if not all(_is_blank(cell) for cell in row))
        return Table(header=header, rows=data, last_row=last_row)
    raise FileRefused(_("Το αρχείο δεν έχει γραμμές."), code="empty")


def _xlsx_rows(data: bytes) -> tuple[Iterator[tuple[int, list[object]]], int | None]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileRefused(_("Το αρχείο δεν είναι λογιστικό φύλλο XLSX που μπορεί να διαβαστεί."),
                          code="not_spreadsheet") from exc
    sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        raise FileRefused(_("Το αρχείο δεν έχει γραμμές."), code="empty")
    rows = ((number, list(cells)) for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1))
    try:
        sized = sheet.calculate_dimension(force=False) != "A1:A1"
    except ValueError:  # a workbook written without its dimension ("unsized")
        sized = False
    return rows, sheet.max_row if sized else None


def _decode(data: bytes) -> str:
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused(_("Το αρχείο CSV δεν είναι σε κωδικοποίηση UTF-8 ή Windows-1253 (Ελληνικά)."),
                      code="encoding")


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[object]]]:
    text = _decode(data)
    if "\x00" in text:
        raise FileRefused(_("Το αρχείο δεν είναι λογιστικό φύλλο (XLSX ή CSV)."), code="not_spreadsheet")
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
    except csv.Error:
        dialect = csv.excel
        # One column, or a delimiter the sniffer could not decide: Greek Excel writes ";".
        if sample.count(";") > sample.count(","):
            dialect = type("GreekExcel", (csv.excel,), {"delimiter": ";"})
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    return ((number, list(cells)) for number, cells in enumerate(reader, start=1))


def table_read(data: bytes) -> Table:
    """The first sheet of an XLSX, or a CSV file, as a header and its data rows (lazily)."""
    if not data.strip():
        raise FileRefused(_("Το αρχείο είναι κενό."), code="empty")
    if data.startswith(OLE_MAGIC):
        raise FileRefused(_("Τα παλιά αρχεία .xls δεν διαβάζονται· αποθηκεύστε το ως «Βιβλίο εργασίας Excel (.xlsx)» "
                            "ή ως CSV."), code="not_spreadsheet")
    if data.startswith(XLSX_MAGIC):
        return _header_and_rows(*_xlsx_rows(data))
    if b"\x00" in data[:4096] or data.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8")):
        raise FileRefused(_("Το αρχείο δεν είναι λογιστικό φύλλο (XLSX ή CSV)."), code="not_spreadsheet")
    return _header_and_rows(_csv_rows(data))
