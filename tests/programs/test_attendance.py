"""Attendance registers: all present then the exceptions; a person not enrolled is refused with
nothing written; rates per participant and programme; N absences in a row alert the case worker;
the sign-in sheet (PDF, Greek) and the signed scan."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.factories import TINY_PDF, CaseFactory, PersonFactory
from casework.models import AccessLog
from notifications.models import Channel, Reminder
from programs.models import Attendance
from programs.selectors import attendance_rate_of, attendance_rates
from programs.services.attendance import attendance_record, programme_settings_update, signed_sheet_upload
from programs.services.enrolments import enrolment_create
from programs.services.sessions import session_add
from programs.sheets import attendance_sheet_pdf

from .conftest import at


@pytest.fixture
def past_sessions(programme, coordinator):
    """Four weekly sessions already held."""
    first = datetime.date.today() - datetime.timedelta(days=29)
    return [session_add(programme=programme, by=coordinator, starts_at=at(first + datetime.timedelta(weeks=n), 10),
                        ends_at=at(first + datetime.timedelta(weeks=n), 11)) for n in range(4)]


@pytest.fixture
def participants(programme, coordinator):
    return [enrolment_create(programme=programme, person=PersonFactory(), by=coordinator) for _n in range(3)]


def test_all_present_then_the_exceptions(past_sessions, participants, coordinator):
    absent = participants[1].person_id
    attendance_record(session=past_sessions[0], by=coordinator, all_present=True, marks={str(absent): "absent"})
    marks = dict(Attendance.objects.filter(session=past_sessions[0]).values_list("enrolment__person_id", "mark"))
    assert marks == {participants[0].person_id: "present", absent: "absent", participants[2].person_id: "present"}


def test_attendance_for_a_person_not_enrolled_is_refused_and_nothing_written(past_sessions, participants,
                                                                            coordinator):
    stranger = PersonFactory()
    with pytest.raises(ValidationError) as error:
        attendance_record(session=past_sessions[0], by=coordinator, all_present=True,
                          marks={str(stranger.pk): "present"})
    assert "marks" in error.value.message_dict
    assert not Attendance.objects.filter(session=past_sessions[0]).exists()


def test_rates_per_participant_and_programme(programme, past_sessions, participants, coordinator):
    person = str(participants[0].person_id)
    for session, mark in zip(past_sessions, ["present", "absent", "excused", "present"], strict=True):
        attendance_record(session=session, by=coordinator, all_present=True, marks={person: mark})
    assert attendance_rate_of(enrolment=participants[0]) == pytest.approx(66.7)
    assert attendance_rates(programme=programme)["programme"] == pytest.approx(100 * 10 / 11, abs=0.1)


def test_three_absences_in_a_row_notify_the_case_worker_once(past_sessions, participants, coordinator, worker):
    enrolment = participants[0]
    CaseFactory(person=enrolment.person, assigned_worker=worker)
    person = str(enrolment.person_id)
    for session in past_sessions:
        attendance_record(session=session, by=coordinator, all_present=True, marks={person: "absent"})
    notices = Reminder.objects.filter(about_id=enrolment.pk, template="programme_absences")
    assert [(n.channel, n.staff, n.context["count"]) for n in notices] == [(Channel.IN_APP, worker, 3)]


def test_the_absence_threshold_is_a_centre_setting(past_sessions, participants, coordinator, worker):
    programme_settings_update(by=coordinator, absence_alert_after=2)
    enrolment = participants[0]
    CaseFactory(person=enrolment.person, assigned_worker=worker)
    for session in past_sessions[:2]:
        attendance_record(session=session, by=coordinator, marks={str(enrolment.person_id): "absent"})
    assert Reminder.objects.filter(about_id=enrolment.pk, template="programme_absences").count() == 1


def test_a_future_session_cannot_be_marked_yet(programme, participants, coordinator):
    day = datetime.date.today() + datetime.timedelta(days=3)
    session = session_add(programme=programme, by=coordinator, starts_at=at(day, 10), ends_at=at(day, 11))
    with pytest.raises(ValidationError):
        attendance_record(session=session, by=coordinator, all_present=True, marks={})


def test_the_sign_in_sheet_is_a_pdf_with_the_participants(past_sessions, participants, coordinator):
    pdf = attendance_sheet_pdf(session=past_sessions[0], user=coordinator)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 2000


def test_the_signed_scan_is_stored_under_the_centres_folder(media, past_sessions, coordinator):
    upload = SimpleUploadedFile("scan.pdf", TINY_PDF, content_type="application/pdf")
    session = signed_sheet_upload(session=past_sessions[0], upload=upload, by=coordinator)
    assert session.signed_sheet.name.startswith("centres/alpha/attendance/")
    assert session.signed_sheet_type == "application/pdf"


def test_a_scan_that_is_not_pdf_or_image_is_refused(media, past_sessions, coordinator):
    upload = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00" * 10, content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        signed_sheet_upload(session=past_sessions[0], upload=upload, by=coordinator)
    assert "file" in error.value.message_dict


# --- API and pages -----------------------------------------------------------------------------

def test_api_register_get_and_put(world_a, past_sessions, participants):
    api, session = world_a.api(), past_sessions[0]
    url = f"/api/v1/sessions/{session.pk}/attendance/"
    before = api.get(url).json()["results"]
    assert {row["mark"] for row in before} == {None}
    response = api.put(url, {"all_present": True, "marks": [{"person": str(participants[2].person_id),
                                                            "mark": "excused"}]}, format="json")
    assert response.status_code == 200
    assert sorted(row["mark"] for row in response.json()["results"]) == ["excused", "present", "present"]


def test_api_put_with_a_stranger_is_400(world_a, past_sessions, participants):
    response = world_a.api().put(f"/api/v1/sessions/{past_sessions[0].pk}/attendance/",
                                 {"marks": [{"person": str(PersonFactory().pk), "mark": "present"}]}, format="json")
    assert response.status_code == 400
    assert "marks" in response.json()


def test_the_register_page_logs_reading_each_participant(world_a, past_sessions, participants):
    response = world_a.client().get(f"/sessions/{past_sessions[0].pk}/")
    assert response.status_code == 200
    assert participants[0].person.last_name in response.content.decode()
    assert AccessLog.objects.filter(person=participants[0].person, object_type="enrolment").exists()


def test_the_register_page_all_present_button(world_a, past_sessions, participants):
    response = world_a.client().post(f"/sessions/{past_sessions[0].pk}/attendance/",
                                     {"all_present": "1", f"mark-{participants[0].person_id}": "absent"})
    assert response.status_code == 302
    assert Attendance.objects.filter(session=past_sessions[0], mark="present").count() == 2


def test_the_sheet_download_is_a_private_pdf(world_a, past_sessions, participants):
    response = world_a.client().get(f"/sessions/{past_sessions[0].pk}/sheet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
