"""Double bookings: a staff member, a room or a person already taken at that time (by a session
or an appointment) is refused with a message naming the clash."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from casework.services.sites import main_office, room_add
from programs.models import Session
from programs.services.appointments import appointment_book
from programs.services.enrolments import enrolment_create
from programs.services.sessions import session_add, sessions_schedule

from .conftest import at, next_weekday


def test_a_staff_member_in_a_session_cannot_be_booked_for_an_appointment(programme, person, coordinator,
                                                                         psychologist):
    day = next_weekday(1)
    session_add(programme=programme, by=coordinator, starts_at=at(day, 17), ends_at=at(day, 19))
    with pytest.raises(ValidationError) as error:
        appointment_book(by=coordinator, person=person, staff=psychologist, starts_at=at(day, 18),
                         ends_at=at(day, 18, 30), purpose="Συνεδρία")
    assert "Βιωματικό σεμινάριο" in error.value.message_dict["staff"][0]


def test_a_room_taken_by_an_appointment_refuses_a_session(programme, person, coordinator, worker):
    room = room_add(site=main_office(), by=coordinator, name="Αίθουσα 1")
    day = next_weekday(3)
    appointment_book(by=coordinator, person=person, staff=worker, starts_at=at(day, 17, 30), ends_at=at(day, 18),
                     purpose="Ενημέρωση", room=room)
    with pytest.raises(ValidationError) as error:
        session_add(programme=programme, by=coordinator, starts_at=at(day, 17), ends_at=at(day, 19), room=room)
    assert "Αίθουσα 1" in error.value.message_dict["room"][0]


def test_an_enrolled_person_cannot_be_booked_during_a_session(programme, person, coordinator, worker):
    enrolment_create(programme=programme, person=person, by=coordinator)
    day = next_weekday(2)
    session_add(programme=programme, by=coordinator, starts_at=at(day, 17), ends_at=at(day, 19))
    with pytest.raises(ValidationError) as error:
        appointment_book(by=coordinator, person=person, staff=worker, starts_at=at(day, 18), ends_at=at(day, 19),
                         purpose="Συνεδρία")
    assert person.full_name in error.value.message_dict["person"][0]


def test_back_to_back_bookings_do_not_clash(programme, person, coordinator, psychologist):
    day = next_weekday(1)
    session_add(programme=programme, by=coordinator, starts_at=at(day, 17), ends_at=at(day, 19))
    appointment_book(by=coordinator, person=person, staff=psychologist, starts_at=at(day, 19), ends_at=at(day, 19, 30),
                     purpose="Συνεδρία")


def test_one_clash_in_a_series_refuses_the_whole_series(programme, person, coordinator, psychologist):
    second_tuesday = next_weekday(1, weeks=2)
    appointment_book(by=coordinator, person=person, staff=psychologist, starts_at=at(second_tuesday, 17, 30),
                     ends_at=at(second_tuesday, 18), purpose="Συνεδρία")
    with pytest.raises(ValidationError) as error:
        sessions_schedule(programme=programme, by=coordinator, rule="FREQ=WEEKLY;BYDAY=TU;COUNT=4",
                          first_starts_at=at(next_weekday(1), 17), duration_minutes=120)
    assert "staff" in error.value.message_dict
    assert not Session.objects.filter(programme=programme).exists()


def test_api_double_booking_is_400_naming_the_clash(world_a, person, worker):
    day = next_weekday(4)
    body = {"person": str(person.pk), "staff": str(worker.pk), "starts_at": at(day, 10).isoformat(),
            "ends_at": at(day, 11).isoformat(), "purpose": "Συνεδρία"}
    assert world_a.api().post("/api/v1/appointments/", body, format="json").status_code == 201
    body["person"] = str(type(person).objects.exclude(pk=person.pk).first().pk)
    body["starts_at"] = (at(day, 10) + datetime.timedelta(minutes=30)).isoformat()
    response = world_a.api().post("/api/v1/appointments/", body, format="json")
    assert response.status_code == 400
    assert "ραντεβού" in response.json()["staff"][0]
