"""Importing a register of people with their households and cases: the preview's counts, the
writes, matching by ΑΜΚΑ/ΑΦΜ and by names and birth date, and a second import changing nothing."""

import datetime

import pytest

from casework.factories import person_fields
from casework.models import Case, Household, HouseholdMember, ImportJob, Person
from casework.services.people import person_create

from .files import HEADER, person_row, xlsx_bytes
from .helpers import imported, previewed

BORN = datetime.date(1980, 12, 31)
CASE_HEADER = [*HEADER, "Ημερομηνία εισαγωγής φακέλου", "Ανάγκες"]


def family() -> list[list[object]]:
    return [
        person_row("Παπαδοπούλου", "Μαρία", BORN, household="Ο-1", relation="Υπεύθυνος/η νοικοκυριού"),
        person_row("Παπαδόπουλος", "Νίκος", datetime.date(2010, 5, 4), household="Ο-1", relation="Τέκνο"),
        person_row("Γεωργίου", "Ελένη", datetime.date(1955, 3, 1)),
    ]


@pytest.fixture
def centre(in_centre_a):
    return in_centre_a


def test_preview_counts_every_row_and_writes_nothing(centre, coordinator):
    before = Person.objects.count()

    job = previewed(xlsx_bytes(HEADER, family()), by=coordinator)

    assert job.status == ImportJob.Status.PREVIEWED
    assert job.preview["counts"]["create"] == 3
    assert job.preview["counts"]["refused"] == 0
    assert Person.objects.count() == before


def test_import_creates_people_their_household_with_its_head_and_entry_records(centre, coordinator):
    job = imported(xlsx_bytes(HEADER, family()), by=coordinator)

    assert job.status == ImportJob.Status.DONE, job.message
    maria = Person.objects.get(last_name="Παπαδοπούλου", first_name="Μαρία")
    assert maria.birth_date == BORN
    assert maria.participant_records.filter(stage="entry").exists()
    household = maria.membership.household
    assert household.name == "Οικογένεια Παπαδοπούλου"
    assert maria.membership.relation == HouseholdMember.Relation.HEAD
    assert set(household.members.values_list("person__first_name", flat=True)) == {"Μαρία", "Νίκος"}
    assert not hasattr(Person.objects.get(first_name="Ελένη", last_name="Γεωργίου"), "membership")


def test_the_same_file_imported_again_changes_nothing(centre, coordinator):
    data = xlsx_bytes(CASE_HEADER, [[*row, "15/01/2024", "Απασχόληση"] for row in family()])
    imported(data, by=coordinator)
    counts = (Person.objects.count(), Household.objects.count(), HouseholdMember.objects.count(), Case.objects.count())

    again = imported(data, by=coordinator)

    assert again.status == ImportJob.Status.DONE
    assert again.preview["counts"]["unchanged"] == 3
    assert again.preview["imported_before"]
    assert (Person.objects.count(), Household.objects.count(), HouseholdMember.objects.count(),
            Case.objects.count()) == counts


def test_a_row_with_a_registered_amka_updates_that_person_and_empty_cells_erase_nothing(centre, coordinator):
    row = person_row("Κωστάκη", "Άννα", BORN)
    person = person_create(by=coordinator, **person_fields(first_name="Άννα", last_name="Κωστάκη", birth_date=BORN,
                                                           amka=row[3], afm="", phone="6912345678"))
    row[4] = ""  # no ΑΦΜ in the file
    header = [*HEADER, "Πατρώνυμο"]

    job = imported(xlsx_bytes(header, [[*row, "Γιώργος"]]), by=coordinator)

    assert job.preview["counts"]["update"] == 1
    person.refresh_from_db()
    assert person.father_name == "Γιώργος"
    assert person.phone == "6912345678"


def test_same_names_and_birth_date_wait_for_the_coordinator_and_are_skipped_unless_confirmed(centre, coordinator):
    registered = person_create(by=coordinator, **person_fields(first_name="Σοφία", last_name="Δημητρίου",
                                                               birth_date=BORN, amka="", afm=""))
    rows = [["Δημητρίου", "Σοφία", "31/12/1980", "", "", "", "", "Τηλέφωνο που άλλαξε"]]
    header = [*HEADER, "Παρατηρήσεις"]

    job = imported(xlsx_bytes(header, rows), by=coordinator)

    assert job.preview["counts"]["duplicate"] == 1
    [row] = job.preview["rows"]
    assert row["candidates"] == [str(registered.pk)]
    assert job.result["skipped"] == 1
    assert Person.objects.filter(last_name="Δημητρίου").count() == 1
    assert job.errors_file


def test_a_confirmed_possible_duplicate_updates_the_person_it_matched(centre, coordinator):
    registered = person_create(by=coordinator, **person_fields(first_name="Σοφία", last_name="Δημητρίου",
                                                               birth_date=BORN, amka="", afm=""))
    rows = [["ΔΗΜΗΤΡΙΟΥ", "Σοφια", "31/12/1980", "", "", "", "", "Νέα σημείωση"]]
    data = xlsx_bytes([*HEADER, "Παρατηρήσεις"], rows)
    job = previewed(data, by=coordinator)
    row = job.preview["rows"][0]["row"]
    from casework.services import imports

    imports.import_confirm(job=job, by=coordinator, decisions={str(row): "same"})
    job = imports.import_run(job_id=job.pk)

    registered.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert registered.notes == "Νέα σημείωση"
    assert Person.objects.filter(search_last_name="δημητριου").count() == 1


def test_refused_rows_stop_the_whole_file_unless_skipped(centre, coordinator):
    rows = [*family(), ["Λάθος", "ΑΜΚΑ", "01/01/1990", "01019012340", "", "", ""]]
    data = xlsx_bytes(HEADER, rows)
    job = previewed(data, by=coordinator)
    from django.core.exceptions import ValidationError

    from casework.services import imports

    with pytest.raises(ValidationError) as refused:
        imports.import_confirm(job=job, by=coordinator)

    assert "skip_refused" in refused.value.message_dict
    assert not Person.objects.filter(last_name="Παπαδοπούλου").exists()
    [row] = [row for row in job.preview["rows"] if row["action"] == "refused"]
    assert row["row"] == 5 and "ΑΜΚΑ" in row["errors"]


def test_skipping_refused_rows_imports_the_rest_and_lists_the_refused_in_an_xlsx(centre, coordinator):
    from openpyxl import load_workbook

    rows = [*family(), ["Λάθος", "ΑΜΚΑ", "01/01/1990", "01019012340", "", "", ""]]

    job = imported(xlsx_bytes(HEADER, rows), by=coordinator, skip_refused=True)

    assert job.status == ImportJob.Status.DONE
    assert job.result["people_created"] == 3 and job.result["refused"] == 1
    with job.errors_file.open("rb") as handle:
        sheet = load_workbook(handle).worksheets[0]
    lines = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert lines[0][0] == "Γραμμή"
    assert lines[1][0] == 5 and lines[1][1] == "Λάθος"
    assert "ΑΜΚΑ" in lines[1][-1]


def test_cases_are_opened_for_the_rows_that_give_an_intake_date(centre, coordinator):
    rows = [[*family()[0], "15/01/2024", "Απασχόληση, Στέγαση"], [*family()[2], "", ""]]

    job = imported(xlsx_bytes(CASE_HEADER, rows), by=coordinator)

    assert job.result["cases_opened"] == 1
    case = Case.objects.get(person__last_name="Παπαδοπούλου", person__first_name="Μαρία")
    assert case.intake_date == datetime.date(2024, 1, 15)
    assert case.needs == ["employment", "housing"]
    assert case.number.startswith("2024/")
    assert case.household == case.person.membership.household
    assert case.events.filter(kind="opened").exists()
