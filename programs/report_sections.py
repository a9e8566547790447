"""Programmes' sections of the centre report: sessions held and participants by programme kind,
participants by gender and age group, attendance rate, appointments kept or missed, each by site.
Counts only, never names or identifiers."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import Gender, Person, Site
from notifications.reports.registry import ReportSection, period_bounds, report_section
from programs.models import Appointment, Attendance, Programme, Session

SUB = "— "
# ESF+ common indicators count participants under 18, 18–29 and 55 and over.
AGE_GROUPS = [
    (gettext_lazy("κάτω των 18"), None, 17),
    (gettext_lazy("18–29"), 18, 29),
    (gettext_lazy("30–54"), 30, 54),
    (gettext_lazy("55 και άνω"), 55, None),
]


def held_sessions(date_from, date_to, site=None):
    """Sessions of the period (at ``site``, if given) that took place: not cancelled and begun."""
    start, end = period_bounds(date_from, date_to)
    sessions = Session.objects.filter(starts_at__gte=start, starts_at__lt=min(end, timezone.now()),
                                      status=Session.Status.SCHEDULED)
    return sessions.filter(site=site) if site is not None else sessions


def _sites(site):
    return [site] if site is not None else Site.objects.order_by("kind", "name")


def _rate(present: int, absent: int) -> str:
    return f"{100 * present / (present + absent):.1f}%" if present + absent else "—"


@report_section(order=300, by_site=True)
def sessions_by_kind(*, date_from: datetime.date, date_to: datetime.date, site=None) -> ReportSection:
    held = held_sessions(date_from, date_to, site)
    marks = Attendance.objects.filter(session__in=held)
    sessions = dict(held.values_list("programme__kind").annotate(n=Count("pk")))
    by_kind = {row["session__programme__kind"]: row for row in marks.values("session__programme__kind").annotate(
        people=Count("enrolment__person", distinct=True, filter=Q(mark=Attendance.Mark.PRESENT)),
        present=Count("pk", filter=Q(mark=Attendance.Mark.PRESENT)),
        absent=Count("pk", filter=Q(mark=Attendance.Mark.ABSENT)))}
    rows = []
    for value, label in Programme.Kind.choices:
        row = by_kind.get(value, {})
        rows.append([label, sessions.get(value, 0), row.get("people", 0),
                     _rate(row.get("present", 0), row.get("absent", 0))])
    totals = marks.aggregate(people=Count("enrolment__person", distinct=True, filter=Q(mark=Attendance.Mark.PRESENT)),
                             present=Count("pk", filter=Q(mark=Attendance.Mark.PRESENT)),
                             absent=Count("pk", filter=Q(mark=Attendance.Mark.ABSENT)))
    rows.append([_("Σύνολο"), held.count(), totals["people"], _rate(totals["present"], totals["absent"])])
    by_site = dict(held.values_list("site__name").annotate(n=Count("pk")))
    rows += [[SUB + each.name, by_site.get(each.name, 0), "", ""] for each in _sites(site)]
    return ReportSection(
        title=_("Προγράμματα: συναντήσεις και συμμετέχοντες"),
        header=[_("Είδος προγράμματος"), _("Συναντήσεις"), _("Συμμετέχοντες"), _("Ποσοστό παρουσίας")], rows=rows,
        notes=[_("Συμμετέχοντες: άτομα παρόντα σε τουλάχιστον μία συνάντηση της περιόδου. Ποσοστό παρουσίας: "
                 "παρουσίες προς παρουσίες και αδικαιολόγητες απουσίες. Οι γραμμές με παύλα είναι οι "
                 "συναντήσεις ανά δομή.")])


@report_section(order=310, by_site=True)
def participants_by_gender_and_age(*, date_from: datetime.date, date_to: datetime.date, site=None) -> ReportSection:
    present = Attendance.objects.filter(session__in=held_sessions(date_from, date_to, site),
                                        mark=Attendance.Mark.PRESENT)
    people = Person.objects.filter(pk__in=present.values("enrolment__person"))
    by_gender = dict(people.order_by().values_list("gender").annotate(n=Count("pk")))
    rows: list[list[object]] = [[_("Συμμετέχοντες"), people.count()]]
    rows += [[SUB + label, by_gender.get(value, 0)] for value, label in Gender.choices]
    for label, youngest, oldest in AGE_GROUPS:
        group = people.filter(birth_date__isnull=False)
        if youngest is not None:
            group = group.filter(birth_date__lte=_born_by(date_to, youngest))
        if oldest is not None:
            group = group.filter(birth_date__gt=_born_by(date_to, oldest + 1))
        rows.append([SUB + str(label), group.count()])
    rows.append([SUB + _("χωρίς ημερομηνία γέννησης"), people.filter(birth_date__isnull=True).count()])
    return ReportSection(title=_("Συμμετέχοντες σε προγράμματα κατά φύλο και ηλικία"),
                         header=[_("Μέγεθος"), _("Αριθμός")], rows=rows,
                         notes=[_("Ηλικία στο τέλος της περιόδου.")])


def _born_by(day: datetime.date, years: int) -> datetime.date:
    """The latest birth date of someone ``years`` old on ``day``."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@report_section(order=320, by_site=True)
def appointments_kept(*, date_from: datetime.date, date_to: datetime.date, site=None) -> ReportSection:
    start, end = period_bounds(date_from, date_to)
    appointments = Appointment.objects.filter(starts_at__gte=start, starts_at__lt=end)
    if site is not None:
        appointments = appointments.filter(site=site)
    counts = {"status": dict(appointments.values_list("status").annotate(n=Count("pk")))}
    rows: list[list[object]] = [[label, counts["status"].get(value, 0)] for value, label in Appointment.Status.choices]
    rows.append([_("Σύνολο"), appointments.count()])
    def by_site(status: str) -> dict:
        return dict(appointments.filter(status=status).values_list("site__name").annotate(n=Count("pk")))

    kept, missed = by_site(Appointment.Status.ATTENDED), by_site(Appointment.Status.MISSED)
    rows += [[SUB + _("%(site)s: πραγματοποιήθηκαν / χάθηκαν") % {"site": each.name},
              f"{kept.get(each.name, 0)} / {missed.get(each.name, 0)}"]
             for each in _sites(site)]
    return ReportSection(title=_("Ραντεβού"), header=[_("Κατάσταση"), _("Αριθμός")], rows=rows)
