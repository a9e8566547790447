"""Double bookings: a staff member, a room or a person already taken (by a session or an
appointment) at an overlapping time. One query per kind of clash, however many slots are asked
about (a recurring series asks about all its sessions at once)."""

import datetime
import functools
import operator
from collections.abc import Iterable, Sequence

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

Slot = tuple[datetime.datetime, datetime.datetime]


def _overlapping(slots: Sequence[Slot]) -> Q:
    return functools.reduce(operator.or_, (Q(starts_at__lt=end, ends_at__gt=start) for start, end in slots))


def _when(start: datetime.datetime, end: datetime.datetime) -> str:
    start, end = timezone.localtime(start), timezone.localtime(end)
    return f"{formats.date_format(start, 'SHORT_DATE_FORMAT')} {start:%H:%M}–{end:%H:%M}"


def _session_label(session) -> str:
    return _("τη συνάντηση «%(programme)s» %(when)s") % {"programme": session.programme.title,
                                                          "when": _when(session.starts_at, session.ends_at)}


def _appointment_label(appointment) -> str:
    return _("ραντεβού %(when)s") % {"when": _when(appointment.starts_at, appointment.ends_at)}


def clash_errors(*, slots: Sequence[Slot], staff=None, room=None, person_ids: Iterable = (),
                 ignore_sessions: Iterable = (), ignore_appointments: Iterable = ()) -> dict[str, list[str]]:
    """Field errors (``staff``, ``room``, ``person``) naming the first clash of each; empty when
    nobody is double-booked."""
    from programs.models import Appointment, Enrolment, Session

    if not slots:
        return {}
    person_ids = list(person_ids)
    window = Q(starts_at__lt=max(end for _start, end in slots), ends_at__gt=min(start for start, _end in slots))
    overlap = window & _overlapping(slots)
    sessions = (Session.objects.filter(overlap, status=Session.Status.SCHEDULED).exclude(pk__in=list(ignore_sessions))
                .select_related("programme").order_by("starts_at"))
    appointments = (Appointment.objects.filter(overlap, status=Appointment.Status.BOOKED)
                    .exclude(pk__in=list(ignore_appointments)).order_by("starts_at"))
    errors: dict[str, list[str]] = {}

    def first(field: str, message: str, session_filter: Q | None, appointment_filter: Q | None, **names) -> None:
        found = []
        if session_filter is not None:
            session = sessions.filter(session_filter).first()
            if session:
                found.append((session.starts_at, _session_label(session)))
        if appointment_filter is not None:
            appointment = appointments.filter(appointment_filter).first()
            if appointment:
                found.append((appointment.starts_at, _appointment_label(appointment)))
        if found:
            errors[field] = [message % {**names, "clash": min(found)[1]}]

    if staff is not None:
        first("staff", _("Ο/Η %(name)s έχει ήδη %(clash)s."), Q(facilitator=staff), Q(staff=staff),
              name=staff.get_full_name() or staff.get_username())
    if room is not None:
        first("room", _("Η αίθουσα «%(room)s» είναι δεσμευμένη για %(clash)s."), Q(room=room), Q(room=room),
              room=room.name)
    if person_ids:
        from casework.models import Person

        enrolled = Enrolment.objects.filter(person_id__in=person_ids, status=Enrolment.Status.ENROLLED)
        session_filter = Q(programme__in=enrolled.values("programme"))
        clash_session = sessions.filter(session_filter).first()
        clash_appointment = appointments.filter(person_id__in=person_ids).first()
        if clash_session or clash_appointment:
            if clash_appointment and (clash_session is None or clash_appointment.starts_at <= clash_session.starts_at):
                who, label = clash_appointment.person_id, _appointment_label(clash_appointment)
            else:
                who = enrolled.filter(programme=clash_session.programme_id).values_list("person_id", flat=True)[0]
                label = _session_label(clash_session)
            person = Person.objects.get(pk=who)
            errors["person"] = [_("Ο/Η %(name)s έχει ήδη %(clash)s.") % {"name": person.full_name, "clash": label}]
    return errors
