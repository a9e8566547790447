"""Any regional view as CSV, XLSX or PDF: a list of sheets (title, header, rows of text and
numbers). Text that a spreadsheet would run as a formula is neutralised."""

import csv
import io
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl.styles import Font

from platform_core.downloads import private
from platform_core.pdf import PdfDocument
from platform_core.spreadsheets import XLSX_CONTENT_TYPE, new_workbook, safe_cell, sheet_append, workbook_bytes

__all__ = ["Sheet", "safe_cell", "sheets_csv", "sheets_pdf", "sheets_response", "sheets_xlsx"]
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": XLSX_CONTENT_TYPE,
    "pdf": "application/pdf",
}


@dataclass(frozen=True)
class Sheet:
    title: str
    header: list[str]
    rows: list[list[object]]


def sheets_csv(sheets: list[Sheet]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for number, sheet in enumerate(sheets):
        if number:
            writer.writerow([])
        writer.writerow([safe_cell(sheet.title)])
        writer.writerow([safe_cell(cell) for cell in sheet.header])
        writer.writerows([[safe_cell(cell) for cell in row] for row in sheet.rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: spreadsheets open it as UTF-8


def sheets_xlsx(sheets: list[Sheet]) -> bytes:
    book = new_workbook()
    for number, sheet in enumerate(sheets, start=1):
        # Sheet names: at most 31 characters, none of []:*?/\ .
        name = "".join(ch for ch in sheet.title if ch not in "[]:*?/\\")[:28] or "Sheet"
        page = book.create_sheet(f"{number} {name}"[:31])
        sheet_append(page, sheet.header)
        for cell in page[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            sheet_append(page, row)
        page.column_dimensions["A"].width = 60
    return workbook_bytes(book)


def sheets_pdf(sheets: list[Sheet], *, title: str, subtitle: str) -> bytes:
    document = PdfDocument(title=title, subtitle=subtitle, footer=title)
    for sheet in sheets:
        document.heading(sheet.title)
        document.table(sheet.header, [["" if cell is None else cell for cell in row] for row in sheet.rows])
    return document.output()


def sheets_response(sheets: list[Sheet], *, fmt: str, filename: str, title: str = "",
                    subtitle: str = "") -> HttpResponse:
    if fmt == "csv":
        body = sheets_csv(sheets)
    elif fmt == "xlsx":
        body = sheets_xlsx(sheets)
    else:
        body = sheets_pdf(sheets, title=title, subtitle=subtitle)
    return private(HttpResponse(body, content_type=CONTENT_TYPES[fmt]), f"{filename}.{fmt}")
