"""Demo programmes for ``seed_demo``: a tutoring class (Κοινωνικό Φροντιστήριο) for the demo's
children and an experiential self-sufficiency workshop for adults, each with recurring sessions,
enrolments (the workshop with a waitlist), attendance of the sessions already held, and a few
appointments this week. Built through the services, once per centre."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from casework.models import Case, Person
from platform_core.accounts.roles import Role
from platform_core.demo import demo_seeder
from programs.models import Attendance, Programme
from programs.services import appointments, attendance, enrolments, programmes, sessions


def _age(person: Person, today: datetime.date) -> int | None:
    born = person.birth_date
    return None if born is None else today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@demo_seeder
def programmes_demo(*, centre, staff) -> int:
    if Programme.objects.exists():
        return 0
    worker, psychologist, coordinator = staff[Role.SOCIAL_WORKER], staff[Role.PSYCHOLOGIST], staff[Role.COORDINATOR]
    today = timezone.localdate()
    start, end = today - datetime.timedelta(weeks=5), today + datetime.timedelta(weeks=16)
    people = list(Person.objects.order_by("last_name", "first_name"))
    children = [person for person in people if (_age(person, today) or 99) < 18]
    adults = [person for person in people if (_age(person, today) or 0) >= 18]
    created = 0

    tutoring = programmes.programme_create(
        by=coordinator, kind=Programme.Kind.TUTORING, title="Κοινωνικό Φροντιστήριο", capacity=8,
        starts_on=start, ends_on=end, facilitators=[worker], status=Programme.Status.RUNNING,
        description="Δωρεάν ενισχυτική διδασκαλία για μαθητές δημοτικού και γυμνασίου.",
        target_group="Μαθητές οικογενειών που εξυπηρετεί το κέντρο", age_min=6, age_max=17)
    workshop = programmes.programme_create(
        by=coordinator, kind=Programme.Kind.WORKSHOP, title="Βιωματικό σεμινάριο αυτάρκειας", capacity=5,
        starts_on=start, ends_on=end, facilitators=[psychologist], status=Programme.Status.RUNNING,
        description="Βιωματικές συναντήσεις για την ενδυνάμωση και την αυτάρκεια.", target_group="Ενήλικες")
    created += 2
    tutoring_sessions, _skipped = sessions.sessions_schedule(
        programme=tutoring, by=coordinator, rule="FREQ=WEEKLY;BYDAY=TU,TH", first_starts_at=_at(start, 17),
        duration_minutes=120)
    workshop_sessions, _skipped = sessions.sessions_schedule(
        programme=workshop, by=coordinator, rule="FREQ=WEEKLY;BYDAY=WE", first_starts_at=_at(start, 10),
        duration_minutes=90)
    created += len(tutoring_sessions) + len(workshop_sessions)

    for programme, group in ((tutoring, children[:8]), (workshop, adults[:7])):
        for person in group:
            try:
                enrolments.enrolment_create(programme=programme, person=person, by=worker)
                created += 1
            except ValidationError:
                continue

    now = timezone.now()
    for index, session in enumerate(s for s in workshop_sessions + tutoring_sessions if s.ends_at < now):
        absent = {str(e.person_id) for n, e in enumerate(session.programme.enrolments.filter(status="enrolled"))
                  if (n + index) % 5 == 0}
        attendance.attendance_record(session=session, by=coordinator, all_present=True,
                                     marks={person_id: Attendance.Mark.ABSENT for person_id in absent})
        created += 1

    monday = today - datetime.timedelta(days=today.weekday())
    cases = list(Case.objects.filter(status=Case.Status.OPEN).select_related("person", "assigned_worker")[:6])
    purposes = ["Συνεδρία συμβουλευτικής", "Αίτηση ΕΕΕ", "Ενημέρωση για ΚΕΑ", "Επανεκτίμηση αναγκών"]
    for index, case in enumerate(cases):
        day = monday + datetime.timedelta(days=index % 5)
        starts = _at(day, 9 + (index % 3) * 2, 0)
        try:
            appointments.appointment_book(by=coordinator, person=case.person, staff=case.assigned_worker,
                                          starts_at=starts, ends_at=starts + datetime.timedelta(minutes=45),
                                          purpose=purposes[index % len(purposes)], case=case)
            created += 1
        except ValidationError:
            continue
    return created
