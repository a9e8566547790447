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
    """One line of the calendar, its texts made here: a week of a busy centre has hundreds, and
    the template only prints them."""

    kind: str  # "session" or "appointment"
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
    obj: object

    @property
    def day(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def when(self) -> str:
        return f"{timezone.localtime(self.starts_at):%H:%M}–{timezone.localtime(self.ends_at):%H:%M}"

    @property
    def where(self) -> str:
        return " · ".join(part for part in (self.site, self.room, self.staff) if part)


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _url_maker(name: str):
    """``reverse`` once, then the object's id put in: the same URL, without resolving per event."""
    marker = "00000000-0000-0000-0000-000000000000"
    template = reverse(name, args=[marker])
    return lambda pk: template.replace(marker, str(pk))


# What the calendar reads of each row (a person has some forty columns; the calendar needs two).
_PEOPLE = ("first_name", "last_name", "username")
CALENDAR_SESSION_FIELDS = ("starts_at", "ends_at", "status", "topic", "programme__title", "site__name", "room__name",
                           *(f"facilitator__{field}" for field in _PEOPLE))
CALENDAR_APPOINTMENT_FIELDS = ("starts_at", "ends_at", "status", "purpose", "person__first_name", "person__last_name",
                               "site__name", "room__name", *(f"staff__{field}" for field in _PEOPLE))


def calendar_events(*, date_from: datetime.date, date_to: datetime.date, staff=None, site=None,
                    show_people: bool = True) -> list[CalendarEvent]:
    """Sessions and appointments of the days [date_from, date_to], in time order: two queries.
    ``show_people``: appointments name the person (the caller logs the read)."""
    session_url, appointment_url = _url_maker("programs:session-detail"), _url_maker("programs:appointment-detail")
    session_status, appointment_status = dict(Session.Status.choices), dict(Appointment.Status.choices)
    staff_names: dict = {}

    def staff_name(user) -> str:
        if user is None:
            return ""
        if user.pk not in staff_names:
            staff_names[user.pk] = _name(user)
        return staff_names[user.pk]

    events = [
        CalendarEvent(kind="session", starts_at=session.starts_at, ends_at=session.ends_at,
                      title=session.programme.title, detail=session.topic, url=session_url(session.pk),
                      site=session.site.name, room=session.room.name if session.room else "",
                      staff=staff_name(session.facilitator), status=str(session_status[session.status]),
                      cancelled=session.status == Session.Status.CANCELLED, obj=session)
        for session in session_list(date_from=date_from, date_to=date_to, staff=staff, site=site).only(
            *CALENDAR_SESSION_FIELDS)
    ]
    events += [
        CalendarEvent(kind="appointment", starts_at=appointment.starts_at, ends_at=appointment.ends_at,
                      title=appointment.person.full_name if show_people else appointment.purpose,
                      detail=appointment.purpose, url=appointment_url(appointment.pk),
                      site=appointment.site.name, room=appointment.room.name if appointment.room else "",
                      staff=staff_name(appointment.staff), status=str(appointment_status[appointment.status]),
                      cancelled=appointment.status == Appointment.Status.CANCELLED, obj=appointment)
        for appointment in appointment_list(date_from=date_from, date_to=date_to, staff=staff, site=site).only(
            *CALENDAR_APPOINTMENT_FIELDS)
    ]
    return sorted(events, key=lambda event: (event.starts_at, event.kind))


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
