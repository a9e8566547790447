"""Appointments: booked with a reminder the day before on the person's channel; moving moves it,
cancelling (saying who) cancels it; a missed appointment is rebooked in one step; reception's
«ορίστηκε ραντεβού» opens the form."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from casework.factories import PersonFactory
from notifications.models import Channel, ChannelOptOut, Reminder
from programs.models import Appointment
from programs.services.appointments import (
    appointment_book,
    appointment_cancel,
    appointment_mark,
    appointment_move,
    appointment_rebook,
)

from .conftest import at, next_weekday


@pytest.fixture
def appointment(person, coordinator, worker):
    day = next_weekday(1)
    return appointment_book(by=coordinator, person=person, staff=worker, starts_at=at(day, 10),
                            ends_at=at(day, 10, 45), purpose="Αίτηση ΕΕΕ")


def test_the_person_is_reminded_by_sms_the_day_before(appointment):
    reminder = Reminder.objects.get(about_id=appointment.pk)
    assert (reminder.kind, reminder.channel, reminder.person_id) == ("appointment", Channel.SMS, appointment.person_id)
    assert reminder.due_at == at(appointment.starts_at.date() - datetime.timedelta(days=1), 10)


def test_a_person_who_declined_sms_is_reminded_by_email(person, coordinator, worker):
    ChannelOptOut.objects.create(person=person, channel=Channel.SMS)
    day = next_weekday(1)
    appointment = appointment_book(by=coordinator, person=person, staff=worker, starts_at=at(day, 12),
                                   ends_at=at(day, 13), purpose="Συνεδρία")
    assert Reminder.objects.get(about_id=appointment.pk).channel == Channel.EMAIL


def test_moving_the_appointment_moves_the_reminder(appointment, coordinator):
    later = appointment.starts_at.date() + datetime.timedelta(days=2)
    appointment_move(appointment=appointment, by=coordinator, starts_at=at(later, 11))
    reminder = Reminder.objects.get(about_id=appointment.pk, state=Reminder.State.SCHEDULED)
    assert reminder.due_at == at(later - datetime.timedelta(days=1), 10)
    appointment.refresh_from_db()
    assert appointment.ends_at - appointment.starts_at == datetime.timedelta(minutes=45)


def test_cancelling_says_who_and_cancels_the_reminder(appointment, coordinator):
    appointment_cancel(appointment=appointment, by=coordinator, cancelled_by=Appointment.CancelledBy.PERSON)
    appointment.refresh_from_db()
    assert (appointment.status, appointment.cancelled_by, appointment.cancelled_by_user) == (
        "cancelled", "person", coordinator)
    assert not Reminder.objects.filter(about_id=appointment.pk, state=Reminder.State.SCHEDULED).exists()


def test_a_missed_appointment_is_rebooked_in_one_step(appointment, coordinator):
    appointment_mark(appointment=appointment, by=coordinator, status=Appointment.Status.MISSED)
    day = next_weekday(1, weeks=2)
    new = appointment_rebook(appointment=appointment, by=coordinator, starts_at=at(day, 9))
    assert (new.person, new.staff, new.purpose, new.rebooked_from, new.status) == (
        appointment.person, appointment.staff, appointment.purpose, appointment, "booked")
    assert new.ends_at == at(day, 9, 45)


def test_a_booked_appointment_cannot_be_rebooked(appointment, coordinator):
    with pytest.raises(ValidationError):
        appointment_rebook(appointment=appointment, by=coordinator, starts_at=at(next_weekday(2), 9))


def test_an_end_before_the_start_is_a_field_error(person, coordinator, worker):
    day = next_weekday(1)
    with pytest.raises(ValidationError) as error:
        appointment_book(by=coordinator, person=person, staff=worker, starts_at=at(day, 10), ends_at=at(day, 9),
                         purpose="Συνεδρία")
    assert "ends_at" in error.value.message_dict
    assert not Appointment.objects.filter(person=person).exists()


def test_an_appointment_lands_at_the_main_office_by_default(appointment):
    assert appointment.site.kind == "main_office"


# --- API and pages -----------------------------------------------------------------------------

def test_api_appointment_fields(world_a, person, worker):
    day = next_weekday(3)
    response = world_a.api().post("/api/v1/appointments/", {
        "person": str(person.pk), "staff": str(worker.pk), "starts_at": at(day, 10).isoformat(),
        "ends_at": at(day, 11).isoformat(), "purpose": "Συνεδρία"}, format="json")
    assert response.status_code == 201
    assert {"person", "staff", "starts_at", "ends_at", "purpose", "status"} <= set(response.json())
    assert response.json()["status"] == "booked"


def test_api_end_before_start_is_400(world_a, person, worker):
    day = next_weekday(3)
    response = world_a.api().post("/api/v1/appointments/", {
        "person": str(person.pk), "staff": str(worker.pk), "starts_at": at(day, 10).isoformat(),
        "ends_at": at(day, 9).isoformat(), "purpose": "Συνεδρία"}, format="json")
    assert (response.status_code, list(response.json())) == (400, ["ends_at"])


def test_api_cancel_and_rebook(world_a, appointment):
    api = world_a.api()
    assert api.post(f"/api/v1/appointments/{appointment.pk}/mark/", {"status": "missed"},
                    format="json").status_code == 200
    response = api.post(f"/api/v1/appointments/{appointment.pk}/rebook/",
                        {"starts_at": at(next_weekday(4, weeks=2), 12).isoformat()}, format="json")
    assert response.status_code == 201
    assert response.json()["rebooked_from"] == str(appointment.pk)


def test_reception_outcome_appointment_opens_the_booking_form(world_a, person):
    from platform_core.accounts.roles import Role

    response = world_a.client(Role.RECEPTION).post("/reception/", {
        "person": str(person.pk), "contacted_at": "2026-01-05T10:00", "channel": "in_person", "topic": "social",
        "outcome": "appointment", "summary": ""})
    assert response.status_code == 302
    assert response["Location"] == f"/appointments/new/?person={person.pk}"


def test_the_booking_form_from_the_person_page(world_a, person, worker):
    client = world_a.client()
    assert client.get(f"/appointments/new/?person={person.pk}").status_code == 200
    day = next_weekday(2)
    response = client.post(f"/appointments/new/?person={person.pk}", {
        "person": str(person.pk), "staff": str(worker.pk), "starts_at": f"{day}T10:00", "ends_at": f"{day}T11:00",
        "purpose": "Συνεδρία"})
    assert response.status_code == 302
    assert Appointment.objects.filter(person=person).count() == 1


def test_the_booking_form_shows_a_clash(world_a, appointment):
    other = PersonFactory()
    day = appointment.starts_at.date()
    response = world_a.client().post("/appointments/new/", {
        "person": str(other.pk), "staff": str(appointment.staff_id), "starts_at": f"{day}T10:15",
        "ends_at": f"{day}T11:00", "purpose": "Συνεδρία"})
    assert response.status_code == 400
    assert "ραντεβού" in response.content.decode()
