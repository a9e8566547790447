"""Every XLSX the platform writes neutralises formula cells (``platform_core.spreadsheets``)."""

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from notifications.reports.registry import ReportSection
from notifications.reports.render import ReportHeading, report_xlsx
from platform_core.spreadsheets import safe_cell


def test_text_that_starts_like_a_formula_gets_an_apostrophe_and_values_keep_their_type():
    assert safe_cell('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert [safe_cell(value) for value in ("+30", "-", "@x", "\tx")] == ["'+30", "'-", "'@x", "'\tx"]
    assert safe_cell(Decimal("1.50")) == Decimal("1.50") and safe_cell(-3) == -3
    assert safe_cell(datetime.date(2026, 1, 1)) == datetime.date(2026, 1, 1)
    assert safe_cell("Χανιά") == "Χανιά" and safe_cell(None) is None


def test_the_monthly_report_writes_a_formula_in_a_row_as_text():
    section = ReportSection(title="=1+1", header=["Πρόγραμμα", "Συμμετέχοντες"], rows=[["=HYPERLINK(\"x\")", 4]])
    heading = ReportHeading(title="Αναφορά", period="Δεκέμβριος 2026", generated="06/12/2026")

    sheet = load_workbook(io.BytesIO(report_xlsx(heading=heading, sections=[section]))).worksheets[0]

    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type != "f" for cell in cells)
    assert "'=HYPERLINK(\"x\")" in [cell.value for cell in cells]
