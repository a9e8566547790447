"""A report's sections as an XLSX workbook (openpyxl) and a PDF (``platform_core.pdf``)."""

from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from platform_core.pdf import PdfDocument
from platform_core.spreadsheets import sheet_append, workbook_bytes

from .registry import ReportSection

HEADER_FILL = PatternFill("solid", fgColor="E6ECF0")


@dataclass(frozen=True)
class ReportHeading:
    """What the report is: the title (with the centre), the period line and the footer."""

    title: str
    period: str
    generated: str


def report_xlsx(*, heading: ReportHeading, sections: list[ReportSection]) -> bytes:
    """One sheet: the title, then each section as a block (title, header, rows, notes)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Αναφορά"
    sheet_append(sheet, [heading.title])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=14)
    sheet_append(sheet, [heading.period])
    sheet_append(sheet, [heading.generated])
    for section in sections:
        sheet.append([])
        sheet_append(sheet, [section.title])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=12)
        sheet_append(sheet, section.header)
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill = Font(bold=True), HEADER_FILL
        for row in section.rows:
            sheet_append(sheet, row)
        for note in section.notes:
            sheet_append(sheet, [note])
            sheet.cell(row=sheet.max_row, column=1).font = Font(italic=True)
    sheet.column_dimensions["A"].width = 60
    for column in "BCDEF":
        sheet.column_dimensions[column].width = 16
    return workbook_bytes(workbook)


def report_pdf(*, heading: ReportHeading, sections: list[ReportSection]) -> bytes:
    document = PdfDocument(title=heading.title, subtitle=f"{heading.period}\n{heading.generated}",
                           footer=heading.title)
    for section in sections:
        document.heading(section.title)
        widths = (3, *([1] * (len(section.header) - 1))) if section.header else None
        document.table(section.header, section.rows, col_widths=widths)
        for note in section.notes:
            document.paragraph(note)
    return document.output()
