"""Programmes' regional indicators (``regional.indicators``): participants, sessions held,
attendance marks and appointments kept or missed. Each runs in one centre's schema for one period
and returns counts only: no name or identifier leaves the schema."""

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from casework.indicators import age_group_key, gender_key
from notifications.reports.registry import period_bounds
from regional.indicators import AGE_GROUP, EVENTS, GENDER, PERSONS, Breakdown, indicator, shared
from regional.periods import Period

from .models import Appointment, Attendance, Programme
from .report_sections import held_sessions

PROGRAMME_KIND = Breakdown("programme_kind", _("Είδος προγράμματος"), tuple(Programme.Kind.choices))
# A person may take part in programmes of several kinds: the kinds do not add up to the total.
PARTICIPANT_KIND = Breakdown("programme_kind", _("Είδος προγράμματος"), tuple(Programme.Kind.choices),
                             partition=False)
MARK = Breakdown("mark", _("Παρουσία"), tuple(Attendance.Mark.choices))
APPOINTMENT_STATE = Breakdown("state", _("Κατάσταση"), tuple(Appointment.Status.choices))


def _present(period: Period) -> list[tuple]:
    """(person, gender, birth date, programme kind) of every presence at a session held in the period."""
    return shared(("programme_present", period.code), lambda: list(
        Attendance.objects.filter(session__in=held_sessions(period.start, period.end), mark=Attendance.Mark.PRESENT)
        .values_list("enrolment__person_id", "enrolment__person__gender", "enrolment__person__birth_date",
                     "session__programme__kind").distinct()))


@indicator(code="programme_participants", label=_("Συμμετέχοντες σε προγράμματα (άτομα)"), unit=PERSONS,
           breakdowns=[GENDER, AGE_GROUP, PARTICIPANT_KIND], order=200, group="programs")
def programme_participants(*, period: Period) -> dict[str, int]:
    """People present at one session of the period or more."""
    people: dict = {}
    kinds: dict[str, set] = {}
    for person, gender, birth_date, kind in _present(period):
        people[person] = (gender, birth_date)
        kinds.setdefault(kind, set()).add(person)
    counts: Counter = Counter({"": len(people)})
    for gender, birth_date in people.values():
        counts[gender_key(gender)] += 1
        counts[age_group_key(birth_date, period.end)] += 1
    counts.update({f"programme_kind={kind}": len(members) for kind, members in kinds.items()})
    return counts


@indicator(code="programme_sessions", label=_("Συναντήσεις προγραμμάτων που πραγματοποιήθηκαν"), unit=EVENTS,
           breakdowns=[PROGRAMME_KIND], order=210, group="programs")
def programme_sessions(*, period: Period) -> dict[str, int]:
    held = held_sessions(period.start, period.end)
    by_kind = dict(held.order_by().values_list("programme__kind").annotate(n=Count("pk")))
    return {"": sum(by_kind.values()), **{f"programme_kind={kind}": n for kind, n in by_kind.items()}}


@indicator(code="programme_attendance", label=_("Καταγραφές παρουσίας σε συναντήσεις"), unit=EVENTS,
           breakdowns=[MARK], order=220, group="programs")
def programme_attendance(*, period: Period) -> dict[str, int]:
    """Marks of the register of sessions held: the attendance rate is present / (present + absent)."""
    by_mark = dict(Attendance.objects.filter(session__in=held_sessions(period.start, period.end)).order_by()
                   .values_list("mark").annotate(n=Count("pk")))
    return {"": sum(by_mark.values()), **{f"mark={mark}": n for mark, n in by_mark.items()}}


@indicator(code="appointments", label=_("Ραντεβού"), unit=EVENTS, breakdowns=[APPOINTMENT_STATE], order=230,
           group="programs")
def appointments(*, period: Period) -> dict[str, int]:
    """Appointments that began in the period, by state (kept = attended)."""
    start, end = period_bounds(period.start, period.end)
    by_state = dict(Appointment.objects.filter(starts_at__gte=start, starts_at__lt=end).order_by()
                    .values_list("status").annotate(n=Count("pk")))
    return {"": sum(by_state.values()), **{f"state={state}": n for state, n in by_state.items()}}
