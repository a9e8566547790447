"""A file of cases of people already registered: found by ΑΜΚΑ or ΑΦΜ, refused when nobody has
the number, and the same file again opens nothing."""

import datetime

import pytest

from casework.factories import person_fields
from casework.models import Case, ImportJob
from casework.services.people import person_create

from .files import xlsx_bytes
from .helpers import imported, previewed

HEADER = ["ΑΜΚΑ", "Ημερομηνία εισαγωγής φακέλου", "Ανάγκες", "Περιγραφή αιτήματος"]


@pytest.fixture
def registered(in_centre_a, coordinator):
    return person_create(by=coordinator, **person_fields(birth_date=datetime.date(1980, 12, 31)))


def test_a_case_file_opens_cases_for_the_people_its_amka_names(registered, coordinator):
    job = imported(xlsx_bytes(HEADER, [[registered.amka, "01/03/2025", "Στέγαση", "Έξωση"]]), by=coordinator,
                   kind="cases")

    assert job.status == ImportJob.Status.DONE, job.message
    case = Case.objects.get(person=registered)
    assert (case.intake_date, case.needs, case.summary) == (datetime.date(2025, 3, 1), ["housing"], "Έξωση")


def test_an_amka_nobody_has_is_refused(registered, coordinator):
    job = previewed(xlsx_bytes(HEADER, [["01018012345", "01/03/2025", "Στέγαση", ""]]), by=coordinator, kind="cases")

    [row] = job.preview["rows"]
    assert row["action"] == "refused" and "ΑΜΚΑ" in row["errors"]


def test_the_same_case_file_again_opens_nothing(registered, coordinator):
    data = xlsx_bytes(HEADER, [[registered.amka, "01/03/2025", "Στέγαση", ""]])
    imported(data, by=coordinator, kind="cases")

    again = imported(data, by=coordinator, kind="cases")

    assert again.preview["counts"]["unchanged"] == 1
    assert Case.objects.filter(person=registered).count() == 1
