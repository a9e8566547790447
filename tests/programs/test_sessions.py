"""Sessions: one-off or from an RRULE that skips Greek public holidays (moveable ones included)
and closure days; outside the programme's dates, a rule giving nothing, an end before the start
are field errors; moving or cancelling updates the participants' reminders."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from notifications.models import Reminder
from programs.models import ClosureDay, Session
from programs.recurrence import occurrences
from programs.services.enrolments import enrolment_create
from programs.services.sessions import session_add, session_cancel, session_move, sessions_schedule

from .conftest import at, next_weekday


def test_a_daily_rule_in_2027_skips_the_moveable_orthodox_holidays(in_centre_a):
    starts, skipped = occurrences(rule="FREQ=DAILY;UNTIL=20270630", first_starts_at=at(datetime.date(2027, 3, 1), 17),
                                  last_day=datetime.date(2027, 6, 30))
    days = {start.date() for start in starts}
    for holiday in (datetime.date(2027, 3, 15),  # Καθαρά Δευτέρα
                    datetime.date(2027, 4, 30),  # Μεγάλη Παρασκευή
                    datetime.date(2027, 5, 3),   # Δευτέρα του Πάσχα
                    datetime.date(2027, 6, 21),  # Αγίου Πνεύματος
                    datetime.date(2027, 3, 25), datetime.date(2027, 5, 1)):
        assert holiday not in days
    assert datetime.date(2027, 3, 16) in days
    assert {item.day for item in skipped} >= {datetime.date(2027, 3, 15), datetime.date(2027, 6, 21)}


def test_a_closure_day_is_skipped(in_centre_a):
    ClosureDay.objects.create(day=datetime.date(2027, 3, 9), reason="Απολύμανση")
    starts, skipped = occurrences(rule="FREQ=WEEKLY;BYDAY=TU", first_starts_at=at(datetime.date(2027, 3, 2), 17),
                                  last_day=datetime.date(2027, 3, 31))
    assert [start.date().day for start in starts] == [2, 16, 23, 30]
    assert skipped[0].reason == "Απολύμανση"


def test_sessions_keep_the_wall_clock_time_across_the_summer_time_change(in_centre_a):
    starts, _skipped = occurrences(rule="FREQ=WEEKLY;BYDAY=TH", first_starts_at=at(datetime.date(2027, 3, 18), 17),
                                   last_day=datetime.date(2027, 4, 8))
    assert {start.astimezone(at(datetime.date(2027, 1, 1), 0).tzinfo).hour for start in starts} == {17}
    assert len({start.utcoffset() for start in starts}) == 2


def test_tuesday_and_thursday_rule_makes_the_series_to_the_programmes_end(make_programme, coordinator):
    programme = make_programme(starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 3, 31))
    sessions, skipped = sessions_schedule(programme=programme, by=coordinator, rule="FREQ=WEEKLY;BYDAY=TU,TH",
                                          first_starts_at=at(datetime.date(2027, 3, 2), 17), duration_minutes=120)
    assert [s.starts_at.date().day for s in sessions] == [2, 4, 9, 11, 16, 18, 23, 30]  # 25/3 is a holiday
    assert [item.day.day for item in skipped] == [25]
    assert all(s.ends_at - s.starts_at == datetime.timedelta(hours=2) for s in sessions)


def test_a_rule_that_gives_no_session_is_a_field_error(make_programme, coordinator):
    programme = make_programme(starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 3, 31))
    with pytest.raises(ValidationError) as error:
        sessions_schedule(programme=programme, by=coordinator, rule="FREQ=WEEKLY;BYDAY=TH;COUNT=1",
                          first_starts_at=at(datetime.date(2027, 3, 25), 17), duration_minutes=60)
    assert "rule" in error.value.message_dict
    assert not Session.objects.filter(programme=programme).exists()


def test_a_malformed_rule_is_a_field_error(make_programme, coordinator):
    with pytest.raises(ValidationError) as error:
        sessions_schedule(programme=make_programme(), by=coordinator, rule="FREQ=SOMETIMES",
                          first_starts_at=at(next_weekday(1), 17), duration_minutes=60)
    assert "rule" in error.value.message_dict


def test_a_session_outside_the_programmes_dates_is_a_field_error(make_programme, coordinator):
    programme = make_programme(starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 3, 31))
    with pytest.raises(ValidationError) as error:
        session_add(programme=programme, by=coordinator, starts_at=at(datetime.date(2027, 4, 6), 17),
                    ends_at=at(datetime.date(2027, 4, 6), 19))
    assert "starts_at" in error.value.message_dict


def test_a_series_running_past_the_programmes_end_writes_nothing(make_programme, coordinator):
    programme = make_programme(starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 3, 31))
    with pytest.raises(ValidationError):
        sessions_schedule(programme=programme, by=coordinator, rule="FREQ=WEEKLY;BYDAY=TU;UNTIL=20270430",
                          first_starts_at=at(datetime.date(2027, 3, 2), 17), duration_minutes=60)
    assert not Session.objects.filter(programme=programme).exists()


def test_an_end_before_the_start_is_a_field_error(programme, coordinator):
    day = next_weekday(2)
    with pytest.raises(ValidationError) as error:
        session_add(programme=programme, by=coordinator, starts_at=at(day, 17), ends_at=at(day, 16))
    assert "ends_at" in error.value.message_dict


def test_enrolled_people_are_reminded_the_day_before_each_session(programme, person, coordinator):
    enrolment_create(programme=programme, person=person, by=coordinator)
    day = next_weekday(2)
    session = session_add(programme=programme, by=coordinator, starts_at=at(day, 17), ends_at=at(day, 19))
    reminder = Reminder.objects.get(about_id=session.pk)
    assert (reminder.kind, reminder.person, reminder.channel) == ("programme_session", person, "sms")
    assert reminder.due_at == at(day - datetime.timedelta(days=1), 10)


def test_moving_a_session_moves_its_reminders(programme, person, coordinator):
    enrolment_create(programme=programme, person=person, by=coordinator)
    day = next_weekday(2)
    session = session_add(programme=programme, by=coordinator, starts_at=at(day, 17), ends_at=at(day, 19))
    later = day + datetime.timedelta(days=2)
    session_move(session=session, by=coordinator, starts_at=at(later, 17), ends_at=at(later, 19))
    assert Reminder.objects.get(about_id=session.pk).due_at == at(later - datetime.timedelta(days=1), 10)


def test_cancelling_a_session_cancels_its_reminders(programme, person, coordinator):
    enrolment_create(programme=programme, person=person, by=coordinator)
    day = next_weekday(2)
    session = session_add(programme=programme, by=coordinator, starts_at=at(day, 17), ends_at=at(day, 19))
    session_cancel(session=session, by=coordinator)
    assert Reminder.objects.get(about_id=session.pk).state == Reminder.State.CANCELLED


def test_a_person_enrolled_later_is_reminded_of_the_future_sessions(programme, person, coordinator):
    day = next_weekday(2)
    sessions = [session_add(programme=programme, by=coordinator, starts_at=at(day + datetime.timedelta(days=7 * n), 17),
                            ends_at=at(day + datetime.timedelta(days=7 * n), 19)) for n in range(3)]
    enrolment_create(programme=programme, person=person, by=coordinator)
    assert Reminder.objects.filter(about_id__in=[s.pk for s in sessions], person=person).count() == 3


# --- API ------------------------------------------------------------------------------------

def test_api_creates_a_recurring_series_and_reports_the_skipped_days(world_a, make_programme):
    programme = make_programme(starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 3, 31))
    response = world_a.api().post("/api/v1/sessions/", {
        "program": str(programme.pk), "rule": "FREQ=WEEKLY;BYDAY=TH", "first_starts_at": "2027-03-04T17:00:00+02:00",
        "duration_minutes": 90}, format="json")
    assert response.status_code == 201
    assert [s["starts_at"][:10] for s in response.json()["sessions"]] == ["2027-03-04", "2027-03-11", "2027-03-18"]
    assert response.json()["skipped"][0]["day"] == "2027-03-25"


def test_api_lists_sessions_between_two_days_for_one_staff_member(world_a, make_programme, psychologist, worker):
    mine, other = make_programme(facilitators=[psychologist]), make_programme(facilitators=[worker])
    day = next_weekday(1)
    for programme in (mine, other):
        for offset in (0, 14):
            session_add(programme=programme, by=world_a.coordinator, starts_at=at(day + datetime.timedelta(offset), 9),
                        ends_at=at(day + datetime.timedelta(offset), 10),
                        facilitator=programme.facilitators.first(), room=None)
    response = world_a.api().get("/api/v1/sessions/", {"from": day.isoformat(),
                                                       "to": (day + datetime.timedelta(days=6)).isoformat(),
                                                       "staff": str(psychologist.pk)})
    assert response.status_code == 200
    assert [row["program"] for row in response.json()["results"]] == [str(mine.pk)]


def test_api_session_outside_the_dates_is_400(world_a, make_programme):
    programme = make_programme(starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 3, 31))
    response = world_a.api().post("/api/v1/sessions/", {
        "program": str(programme.pk), "starts_at": "2027-05-04T17:00:00+03:00", "ends_at": "2027-05-04T18:00:00+03:00"},
        format="json")
    assert response.status_code == 400
    assert "starts_at" in response.json()
