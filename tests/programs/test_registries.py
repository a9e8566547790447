"""Programmes where the platform already looks: the person's timeline, their data export, the
monthly report's sections (counts only) and the staff pages' menu."""

import datetime

import pytest
from django.utils import timezone

from casework.export import export_json
from casework.factories import PersonFactory
from casework.timeline import person_timeline
from notifications.reports.registry import report_sections
from programs.services.appointments import appointment_book, appointment_mark
from programs.services.attendance import attendance_record
from programs.services.enrolments import enrolment_create
from programs.services.sessions import session_add

from .conftest import at


@pytest.fixture
def history(programme, person, coordinator, worker):
    """The person enrolled, marked present once, and an appointment they missed, all last week."""
    day = timezone.localdate() - datetime.timedelta(days=7)
    enrolment = enrolment_create(programme=programme, person=person, by=coordinator)
    session = session_add(programme=programme, by=coordinator, starts_at=at(day, 10), ends_at=at(day, 11))
    attendance_record(session=session, by=coordinator, all_present=True, marks={})
    appointment = appointment_book(by=coordinator, person=person, staff=worker, starts_at=at(day, 12),
                                   ends_at=at(day, 13), purpose="Αίτηση ΕΕΕ")
    appointment_mark(appointment=appointment, by=coordinator, status="missed")
    return {"enrolment": enrolment, "session": session, "appointment": appointment, "day": day}


def test_the_timeline_shows_appointments_enrolments_and_attendance(history, person, coordinator):
    kinds = {entry.kind for entry in person_timeline(person=person, user=coordinator)}
    assert {"appointment", "enrolment", "attendance"} <= kinds


def test_the_export_has_the_enrolments_with_attendance_and_the_appointments(history, person, coordinator):
    sections = export_json(person=person, user=coordinator)["sections"]
    assert sections["enrolments"]["records"][0]["programme"] == "Βιωματικό σεμινάριο"
    assert sections["enrolments"]["records"][0]["attendance"][0]["mark"] == "present"
    assert sections["appointments"]["records"][0]["status"] == "missed"


def test_the_report_counts_sessions_participants_and_appointments(request, in_centre_a):
    """What ``history`` adds to the report: the shared world may already hold other programmes."""
    day = timezone.localdate() - datetime.timedelta(days=7)

    def report():
        sections = report_sections(date_from=day.replace(day=1), date_to=day + datetime.timedelta(1))
        return {s.title: s for s in sections}

    def row(sections, title, label):
        return next(row for row in sections[title].rows if row[0] == label)

    before = report()
    history = request.getfixturevalue("history")
    person = history["enrolment"].person
    sections = report()

    held = "Προγράμματα: συναντήσεις και συμμετέχοντες"
    workshop, workshop_before = row(sections, held, "Βιωματικό εργαστήριο"), row(before, held, "Βιωματικό εργαστήριο")
    assert workshop[1] - workshop_before[1] == 1  # one session held
    assert workshop[2] - workshop_before[2] == 1  # one more person present
    people = "Συμμετέχοντες σε προγράμματα κατά φύλο και ηλικία"
    assert row(sections, people, "Συμμετέχοντες")[1] - row(before, people, "Συμμετέχοντες")[1] == 1
    assert row(sections, "Ραντεβού", "Δεν προσήλθε")[1] - row(before, "Ραντεβού", "Δεν προσήλθε")[1] == 1
    assert all(person.last_name not in str(cell) for s in sections.values() for row in s.rows for cell in row)


def test_the_menu_has_programmes_and_the_calendar(world_a):
    page = world_a.client().get("/").content.decode()
    assert 'href="/programmes/"' in page
    assert 'href="/calendar/"' in page


def test_an_auditor_reads_programmes_but_cannot_enrol(world_a, programme):
    from platform_core.accounts.roles import Role

    api = world_a.api(Role.AUDITOR)
    assert api.get("/api/v1/programs/").status_code == 200
    response = api.post("/api/v1/enrolments/", {"program": str(programme.pk), "person": str(PersonFactory().pk)},
                        format="json")
    assert response.status_code == 403


def test_reception_books_appointments_and_enrols(world_a, programme, worker):
    from platform_core.accounts.roles import Role

    api, person = world_a.api(Role.RECEPTION), PersonFactory()
    assert api.post("/api/v1/enrolments/", {"program": str(programme.pk), "person": str(person.pk)},
                    format="json").status_code == 201
    day = timezone.localdate() + datetime.timedelta(days=3)
    assert api.post("/api/v1/appointments/", {
        "person": str(person.pk), "staff": str(worker.pk), "starts_at": at(day, 9).isoformat(),
        "ends_at": at(day, 10).isoformat(), "purpose": "Ενημέρωση"}, format="json").status_code == 201
