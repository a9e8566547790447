"""The spreadsheets the import hands out: a blank template per kind (Greek headers, and a sheet
explaining each column) and a file's refused rows with their errors. Written through
``platform_core.spreadsheets``, so no cell is ever run as a formula."""

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from platform_core.spreadsheets import new_workbook, sheet_append, workbook_bytes

from .kinds import DUPLICATE, RowPlan, columns_of


def template_xlsx(kind: str) -> bytes:
    book = new_workbook()
    sheet = book.create_sheet(_("Δεδομένα"))
    columns = columns_of(kind)
    sheet_append(sheet, [str(column.label) for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, len(str(column.label)) + 4)
    help_sheet = book.create_sheet(_("Οδηγίες"))
    sheet_append(help_sheet, [_("Στήλη"), _("Υποχρεωτική"), _("Παράδειγμα"), _("Άλλα ονόματα που αναγνωρίζονται")])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for column in columns:
        sheet_append(help_sheet, [str(column.label), _("Ναι") if column.required else "", column.example,
                                  ", ".join(column.aliases)])
    help_sheet.column_dimensions["A"].width = 36
    help_sheet.column_dimensions["C"].width = 28
    help_sheet.column_dimensions["D"].width = 48
    sheet_append(help_sheet, [])
    for line in (_("Ημερομηνίες ως ΗΗ/ΜΜ/ΕΕΕΕ (31/12/1980) ή ΗΗ-ΜΜ-ΕΕ (31-12-80)."),
                 _("ΑΜΚΑ και ΑΦΜ μπορούν να είναι αριθμοί: τα μηδενικά μπροστά συμπληρώνονται."),
                 _("Ποσά με υποδιαστολή το κόμμα (1.200,50)."),
                 _("Γραμμές με τον ίδιο «Κωδικό νοικοκυριού» γίνονται ένα νοικοκυριό.")):
        sheet_append(help_sheet, [line])
    return workbook_bytes(book)


def errors_xlsx(*, header: list[str], rows: list[RowPlan]) -> bytes:
    """The rows left out, as they were in the file, with the row number and what was wrong."""
    with translation.override("el"):
        book = new_workbook()
        sheet = book.create_sheet(_("Λάθη"))
        sheet_append(sheet, [_("Γραμμή"), *header, _("Λάθη")])
        for row in rows:
            if row.action == DUPLICATE:
                problems = _("Πιθανή διπλοεγγραφή χωρίς επιβεβαίωση: δεν καταχωρίστηκε.")
            else:
                problems = " · ".join(f"{where}: {' '.join(messages)}" if where else " ".join(messages)
                                     for where, messages in row.errors.items())
            cells = [*row.cells[:len(header)], *[None] * (len(header) - len(row.cells))]
            sheet_append(sheet, [row.row, *cells, problems])
        return workbook_bytes(book)
