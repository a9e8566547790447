"""Programme and calendar reads: lists with their filters, the calendar's events (a fixed number of
queries however many events), registers and attendance rates."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from programs.models import Appointment, Attendance, Enrolment, Programme, Session


def programme_list(*, site=None, kind: str = "", status: str = "", query: str = "") -> QuerySet[Programme]:
    programmes = (Programme.objects.select_related("site", "room")
                  .annotate(enrolled=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)),
                            waitlisted=Count("enrolments",
                                             filter=Q(enrolments__status=Enrolment.Status.WAITLISTED))))
    if site is not None:
        programmes = programmes.filter(site=site)
    if kind:
        programmes = programmes.filter(kind=kind)
    if status:
        programmes = programmes.filter(status=status)
    if query:
        programmes = programmes.filter(title__icontains=query)
    return programmes.order_by("-starts_on", "title")


def session_list(*, date_from: datetime.date | None = None, date_to: datetime.date | None = None, staff=None,
                 site=None, programme=None, include_cancelled: bool = True) -> QuerySet[Session]:
    sessions = Session.objects.select_related("programme", "site", "room", "facilitator")
    if date_from is not None:
        sessions = sessions.filter(starts_at__gte=_day_start(date_from))
    if date_to is not None:
        sessions = sessions.filter(starts_at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    if staff is not None:
        sessions = sessions.filter(facilitator=staff)
    if site is not None:
        sessions = sessions.filter(site=site)
    if programme is not None:
        sessions = sessions.filter(programme=programme)
    if not include_cancelled:
        sessions = sessions.filter(status=Session.Status.SCHEDULED)
    return sessions.order_by("starts_at", "pk")


def appointment_list(*, date_from: datetime.date | None = None, date_to: datetime.date | None = None, staff=None,
                     site=None, person=None, status: str = "") -> QuerySet[Appointment]:
    appointments = Appointment.objects.select_related("person", "staff", "site", "room")
    if date_from is not None:
        appointments = appointments.filter(starts_at__gte=_day_start(date_from))
    if date_to is not None:
        appointments = appointments.filter(starts_at__lt=_day_start(date_to + datetime.timedelta(days=1)))
    for field, value in (("staff", staff), ("site", site), ("person", person)):
        if value is not None:
            appointments = appointments.filter(**{field: value})
    if status:
        appointments = appointments.filter(status=status)
    return appointments.order_by("starts_at", "pk")


def enrolment_list(*, programme=None, person=None, status: str = "") -> QuerySet[Enrolment]:
    enrolments = Enrolment.objects.select_related("person", "programme", "guardian", "case")
    if programme is not None:
        enrolments = enrolments.filter(programme=programme)
    if person is not None:
        enrolments = enrolments.filter(person=person)
    if status:
        enrolments = enrolments.filter(status=status)
    return enrolments.order_by("queued_at", "created_at")


def waitlist_of(programme: Programme) -> QuerySet[Enrolment]:
    return enrolment_list(programme=programme, status=Enrolment.Status.WAITLISTED)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# --- The calendar -------------------------------------------------------------------------------

@dataclass(frozen=True)
class CalendarEvent:
    """One line of the calendar, its texts made here from plain values (a week of a busy centre
    has hundreds of events; model instances for each would cost more than the page)."""

    kind: str  # "session" or "appointment"
    pk: object
    person_id: object  # an appointment's person (None for a session)
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title: str
    detail: str
    url: str
    site: str
    room: str
    staff: str
    status: str
    cancelled: bool

    @property
    def day(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def when(self) -> str:
        return f"{timezone.localtime(self.starts_at):%H:%M}–{timezone.localtime(self.ends_at):%H:%M}"

    @property
    def where(self) -> str:
        return " · ".join(part for part in (self.site, self.room, self.staff) if part)


def _url_maker(name: str):
    """``reverse`` once, then the object's id put in: the same URL, without resolving per event."""
    marker = "00000000-0000-0000-0000-000000000000"
    template = reverse(name, args=[marker])
    return lambda pk: template.replace(marker, str(pk))


def _staff_name(row: dict, prefix: str) -> str:
    full = f"{row[prefix + '__first_name'] or ''} {row[prefix + '__last_name'] or ''}".strip()
    return full or row[prefix + "__username"] or ""


_PEOPLE = ("first_name", "last_name", "username")
CALENDAR_SESSION_FIELDS = ("pk", "starts_at", "ends_at", "status", "topic", "programme__title", "site__name",
                           "room__name", *(f"facilitator__{field}" for field in _PEOPLE))
CALENDAR_APPOINTMENT_FIELDS = ("pk", "person_id", "starts_at", "ends_at", "status", "purpose", "person__first_name",
                               "person__last_name", "site__name", "room__name",
                               *(f"staff__{field}" for field in _PEOPLE))


def calendar_events(*, date_from: datetime.date, date_to: datetime.date, staff=None, site=None,
                    show_people: bool = True) -> list[CalendarEvent]:
    """Sessions and appointments of the days [date_from, date_to], in time order: two queries.
    ``show_people``: appointments name the person (the caller logs the read)."""
    session_url, appointment_url = _url_maker("programs:session-detail"), _url_maker("programs:appointment-detail")
    session_status, appointment_status = dict(Session.Status.choices), dict(Appointment.Status.choices)
    sessions = session_list(date_from=date_from, date_to=date_to, staff=staff, site=site)
    appointments = appointment_list(date_from=date_from, date_to=date_to, staff=staff, site=site)
    events = [
        CalendarEvent(kind="session", pk=row["pk"], person_id=None, starts_at=row["starts_at"], ends_at=row["ends_at"],
                      title=row["programme__title"], detail=row["topic"], url=session_url(row["pk"]),
                      site=row["site__name"], room=row["room__name"] or "", staff=_staff_name(row, "facilitator"),
                      status=str(session_status[row["status"]]), cancelled=row["status"] == Session.Status.CANCELLED)
        for row in sessions.values(*CALENDAR_SESSION_FIELDS)
    ]
    events += [
        CalendarEvent(kind="appointment", pk=row["pk"], person_id=row["person_id"], starts_at=row["starts_at"],
                      ends_at=row["ends_at"],
                      title=(f"{row['person__first_name']} {row['person__last_name']}" if show_people
                             else row["purpose"]),
                      detail=row["purpose"], url=appointment_url(row["pk"]), site=row["site__name"],
                      room=row["room__name"] or "", staff=_staff_name(row, "staff"),
                      status=str(appointment_status[row["status"]]),
                      cancelled=row["status"] == Appointment.Status.CANCELLED)
        for row in appointments.values(*CALENDAR_APPOINTMENT_FIELDS)
    ]
    return sorted(events, key=lambda event: (event.starts_at, event.kind))


def calendar_reads(events: list[CalendarEvent]) -> list[tuple]:
    """The (person, appointment) reads a calendar showing ``events`` makes, for the access log."""
    return [(event.person_id, event.pk) for event in events if event.person_id is not None]


# --- Attendance ---------------------------------------------------------------------------------

def _rate(present: int, absent: int) -> float | None:
    """Present over sessions marked present or absent (excused absences count in neither)."""
    return round(100 * present / (present + absent), 1) if present + absent else None


def attendance_rates(*, programme: Programme) -> dict:
    """The programme's rate and each participant's (by enrolment id): ``{"programme": %, "by_enrolment": {...}}``."""
    counts = (Attendance.objects.filter(session__programme=programme).values("enrolment_id")
              .annotate(present=Count("pk", filter=Q(mark=Attendance.Mark.PRESENT)),
                        absent=Count("pk", filter=Q(mark=Attendance.Mark.ABSENT))))
    by_enrolment = {row["enrolment_id"]: _rate(row["present"], row["absent"]) for row in counts}
    present = sum(row["present"] for row in counts)
    absent = sum(row["absent"] for row in counts)
    return {"programme": _rate(present, absent), "by_enrolment": by_enrolment}


def attendance_rate_of(*, enrolment: Enrolment) -> float | None:
    marks = Attendance.objects.filter(enrolment=enrolment).aggregate(
        present=Count("pk", filter=Q(mark=Attendance.Mark.PRESENT)),
        absent=Count("pk", filter=Q(mark=Attendance.Mark.ABSENT)))
    return _rate(marks["present"], marks["absent"])


def register_of(session: Session) -> list[dict]:
    """The session's register: each enrolment on it with its mark (None while unmarked)."""
    from programs.services.attendance import register_enrolments

    marks = dict(session.attendance.values_list("enrolment_id", "mark"))
    return [{"enrolment": enrolment, "person": enrolment.person, "mark": marks.get(enrolment.pk)}
            for enrolment in register_enrolments(session)]
