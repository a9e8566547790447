"""Entry and exit snapshots of the ESF characteristics."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.factories import person_fields
from casework.models import EmploymentStatus, ParticipantRecord
from casework.services.people import person_create, person_record_exit
from platform_core.accounts.roles import Role


@pytest.fixture
def person(in_centre_a, coordinator):
    return person_create(by=coordinator, **person_fields(employment_status=EmploymentStatus.UNEMPLOYED))


def test_registration_records_the_entry_snapshot(person):
    entry = person.participant_records.get()

    assert (entry.stage, entry.employment_status, entry.recorded_on) == (
        ParticipantRecord.Stage.ENTRY, EmploymentStatus.UNEMPLOYED, timezone.localdate())


def test_exit_records_the_situation_at_exit_and_keeps_the_entry(person, coordinator):
    person_record_exit(person=person, by=coordinator, on=timezone.localdate(),
                       employment_status=EmploymentStatus.EMPLOYED)

    stages = dict(person.participant_records.values_list("stage", "employment_status"))
    assert stages == {"entry": EmploymentStatus.UNEMPLOYED, "exit": EmploymentStatus.EMPLOYED}


def test_exit_before_entry_is_refused(person, coordinator):
    with pytest.raises(ValidationError) as caught:
        person_record_exit(person=person, by=coordinator, on=timezone.localdate() - datetime.timedelta(days=3))

    assert "recorded_on" in caught.value.message_dict


def test_exit_page_records_the_exit(person, world_a):
    response = world_a.client(Role.SOCIAL_WORKER).post(f"/people/{person.pk}/exit/", {
        "recorded_on": timezone.localdate().isoformat(), "citizenship": person.citizenship,
        "foreign_background": "no", "minority": "none", "disability": "no", "employment_status": "employed",
        "education": person.education, "housing": person.housing, "rural_area": "no"})

    assert response.status_code == 302
    assert person.participant_records.get(stage="exit").employment_status == "employed"
