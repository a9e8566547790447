"""Programmes' regional indicators (``regional.indicators``): participants, sessions held,
attendance marks and appointments kept or missed. Each runs in one centre's schema for one period
and returns counts only: no name or identifier leaves the schema."""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from casework.indicators import gender_and_age_counts
from notifications.reports.registry import period_bounds
from regional.indicators import AGE_GROUP, EVENTS, GENDER, PERSONS, Breakdown, indicator, period_rows
from regional.periods import Period

from .models import Appointment, Attendance, Programme
from .report_sections import held_sessions

PROGRAMME_KIND = Breakdown("programme_kind", _("Είδος προγράμματος"), tuple(Programme.Kind.choices))
# A person may take part in programmes of several kinds: the kinds do not add up to the total.
PARTICIPANT_KIND = Breakdown("programme_kind", _("Είδος προγράμματος"), tuple(Programme.Kind.choices),
                             partition=False)
MARK = Breakdown("mark", _("Παρουσία"), tuple(Attendance.Mark.choices))
APPOINTMENT_STATE = Breakdown("state", _("Κατάσταση"), tuple(Appointment.Status.choices))


def _marks(period: Period) -> list[tuple]:
    """(session start, mark, person, gender, birth date, programme kind) of every mark in the
    register of a session held in the period."""
    return period_rows("programme_marks", period, lambda date_from, date_to: Attendance.objects.filter(
        session__in=held_sessions(date_from, date_to)).values_list(
        "session__starts_at", "mark", "enrolment__person_id", "enrolment__person__gender",
        "enrolment__person__birth_date", "session__programme__kind"))


def _held(period: Period) -> list[tuple]:
    """(start, programme kind) of the sessions held in the period."""
    return period_rows("programme_sessions", period, lambda date_from, date_to: held_sessions(
        date_from, date_to).values_list("starts_at", "programme__kind"))


@indicator(code="programme_participants", label=_("Συμμετέχοντες σε προγράμματα (άτομα)"), unit=PERSONS,
           breakdowns=[GENDER, AGE_GROUP, PARTICIPANT_KIND], order=200, group="programs")
def programme_participants(*, period: Period) -> dict[str, int]:
    """People present at one session of the period or more."""
    people: dict = {}
    kinds: dict[str, set] = {}
    for _when, mark, person, gender, birth_date, kind in _marks(period):
        if mark != Attendance.Mark.PRESENT:
            continue
        people[person] = (gender, birth_date)
        kinds.setdefault(kind, set()).add(person)
    counts = gender_and_age_counts(people.values(), period.end)
    counts[""] = len(people)
    counts.update({f"programme_kind={kind}": len(members) for kind, members in kinds.items()})
    return counts


@indicator(code="programme_sessions", label=_("Συναντήσεις προγραμμάτων που πραγματοποιήθηκαν"), unit=EVENTS,
           breakdowns=[PROGRAMME_KIND], order=210, group="programs")
def programme_sessions(*, period: Period) -> dict[str, int]:
    held = _held(period)
    return Counter({"": len(held)}) + Counter(f"programme_kind={kind}" for _when, kind in held)


@indicator(code="programme_attendance", label=_("Καταγραφές παρουσίας σε συναντήσεις"), unit=EVENTS,
           breakdowns=[MARK], order=220, group="programs")
def programme_attendance(*, period: Period) -> dict[str, int]:
    """Marks of the register of sessions held: the attendance rate is present / (present + absent)."""
    marks = _marks(period)
    return Counter({"": len(marks)}) + Counter(f"mark={mark}" for _when, mark, *_rest in marks)


@indicator(code="appointments", label=_("Ραντεβού"), unit=EVENTS, breakdowns=[APPOINTMENT_STATE], order=230,
           group="programs")
def appointments(*, period: Period) -> dict[str, int]:
    """Appointments that began in the period, by state (kept = attended)."""
    def fetch(date_from, date_to):
        start, end = period_bounds(date_from, date_to)
        return Appointment.objects.filter(starts_at__gte=start, starts_at__lt=end).values_list("starts_at", "status")

    rows = period_rows("appointments", period, fetch)
    return Counter({"": len(rows)}) + Counter(f"state={state}" for _when, state in rows)
