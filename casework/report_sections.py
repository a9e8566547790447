"""Casework's sections of the centre report: people and families served, cases, reception
contacts, counselling, ΚΕΑ/ΕΕΕ applications and aid. Counts only, never names or identifiers."""

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from notifications.reports.registry import ReportSection, period_bounds, report_section

from .models import (
    AidReceipt,
    AidRound,
    BenefitApplication,
    Case,
    CaseEvent,
    ContactNote,
    Gender,
    HouseholdMember,
    IncomingReferral,
    Person,
    ReceptionContact,
    Topic,
)

SUB = "— "  # marks a breakdown row under its total


def _counts(queryset, field: str) -> dict[str, int]:
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))


def _breakdown(queryset, field: str, choices, **aggregates) -> list[list[object]]:
    """One row per choice (zeros included) with each aggregate, then the total row, computed over
    the whole queryset since distinct counts do not add up."""
    grouped = {row[field]: row for row in queryset.order_by().values(field).annotate(**aggregates)}
    rows: list[list[object]] = [[label, *(grouped.get(value, {}).get(name, 0) for name in aggregates)]
                                for value, label in choices]
    totals = queryset.aggregate(**aggregates)
    rows.append([_("Σύνολο"), *(totals[name] for name in aggregates)])
    return rows


def _at(site, field: str = "site") -> Q:
    """Records of ``site`` (no filter for the whole centre)."""
    return Q(**{field: site}) if site is not None else Q()


def person_activity(*, date_from: datetime.date, date_to: datetime.date, site=None) -> list[tuple]:
    """(date or moment, person id) of every activity of the period: a reception contact, a note,
    a case opened, changed or closed, a benefit application submitted or decided, or an aid
    receipt. Of one site: its contacts, and the cases it holds with their notes and events."""
    start, end = period_bounds(date_from, date_to)
    days = (date_from, date_to)
    rows: list[tuple] = []
    rows += ReceptionContact.objects.filter(_at(site), contacted_at__gte=start, contacted_at__lt=end,
                                            person__isnull=False).values_list("contacted_at", "person_id")
    rows += (ContactNote.objects.filter(_at(site, "case__site"), occurred_at__gte=start, occurred_at__lt=end)
             .values_list("occurred_at", "person_id"))
    rows += Case.objects.filter(_at(site), intake_date__range=days).values_list("intake_date", "person_id")
    rows += (Case.objects.filter(_at(site), closed_at__gte=start, closed_at__lt=end)
             .values_list("closed_at", "person_id"))
    rows += (CaseEvent.objects.filter(_at(site, "case__site"), at__gte=start, at__lt=end)
             .values_list("at", "case__person_id"))
    if site is not None:
        return rows
    rows += BenefitApplication.objects.filter(submitted_on__range=days).values_list("submitted_on", "person_id")
    rows += BenefitApplication.objects.filter(decided_on__range=days).values_list("decided_on", "person_id")
    rows += (AidReceipt.objects.filter(received_at__gte=start, received_at__lt=end, received_by__isnull=False)
             .values_list("received_at", "received_by_id"))
    return rows


def served_person_ids(*, date_from: datetime.date, date_to: datetime.date, site=None) -> set:
    """People with any activity in the period (``person_activity``)."""
    return {person for _when, person in person_activity(date_from=date_from, date_to=date_to, site=site)}


@report_section(order=100, by_site=True)
def people_and_families(*, date_from: datetime.date, date_to: datetime.date, site=None) -> ReportSection:
    start, end = period_bounds(date_from, date_to)
    person_ids = served_person_ids(date_from=date_from, date_to=date_to, site=site)
    by_gender = _counts(Person.objects.filter(pk__in=person_ids), "gender")
    households = set(HouseholdMember.objects.filter(person_id__in=person_ids).values_list("household_id", flat=True))
    if site is None:
        households.update(AidReceipt.objects.filter(received_at__gte=start, received_at__lt=end)
                          .values_list("household_id", flat=True))
    rows: list[list[object]] = [[_("Ωφελούμενοι (άτομα)"), len(person_ids)]]
    rows += [[SUB + label, by_gender.get(value, 0)] for value, label in Gender.choices]
    rows.append([_("Οικογένειες (νοικοκυριά)"), len(households)])
    return ReportSection(
        title=_("Ωφελούμενοι και οικογένειες"), header=[_("Μέγεθος"), _("Αριθμός")], rows=rows,
        notes=[_("Άτομα με οποιαδήποτε δραστηριότητα στην περίοδο (επαφή, σημείωση, φάκελος, αίτηση "
                 "παροχής, υλική συνδρομή)· οικογένειες είναι τα νοικοκυριά τους και όσα έλαβαν υλική "
                 "συνδρομή.")],
    )


@report_section(order=110, by_site=True)
def cases(*, date_from: datetime.date, date_to: datetime.date, site=None) -> ReportSection:
    start, end = period_bounds(date_from, date_to)
    held = Case.objects.filter(_at(site))
    opened = held.filter(intake_date__range=(date_from, date_to)).count()
    closed = held.filter(status=Case.Status.CLOSED, closed_at__gte=start, closed_at__lt=end)
    by_reason = _counts(closed, "closed_reason")
    still_open = held.filter(intake_date__lte=date_to).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=end)).count()
    rows: list[list[object]] = [[_("Νέοι φάκελοι"), opened], [_("Φάκελοι που έκλεισαν"), sum(by_reason.values())]]
    rows += [[SUB + label, by_reason.get(value, 0)] for value, label in Case.ClosedReason.choices]
    rows.append([_("Ενεργοί φάκελοι στο τέλος της περιόδου"), still_open])
    return ReportSection(title=_("Φάκελοι"), header=[_("Μέγεθος"), _("Αριθμός")], rows=rows)


@report_section(order=120, by_site=True)
def reception_contacts(*, date_from: datetime.date, date_to: datetime.date, site=None) -> ReportSection:
    start, end = period_bounds(date_from, date_to)
    contacts = ReceptionContact.objects.filter(_at(site), contacted_at__gte=start, contacted_at__lt=end)
    return ReportSection(title=_("Επαφές υποδοχής ανά θέμα"), header=[_("Θέμα"), _("Επαφές")],
                         rows=_breakdown(contacts, "topic", Topic.choices, contacts=Count("pk")))


@report_section(order=130, by_site=True)
def counselling(*, date_from: datetime.date, date_to: datetime.date, site=None) -> ReportSection:
    start, end = period_bounds(date_from, date_to)
    notes = ContactNote.objects.filter(_at(site, "case__site"), occurred_at__gte=start, occurred_at__lt=end)
    rows = _breakdown(notes, "kind", ContactNote.Kind.choices,
                      sessions=Count("pk"), people=Count("person", distinct=True))
    return ReportSection(title=_("Συνεδρίες συμβουλευτικής και επαφές ανά είδος"),
                         header=[_("Είδος"), _("Συνεδρίες / επαφές"), _("Άτομα")], rows=rows)


@report_section(order=140)
def kea_applications(*, date_from: datetime.date, date_to: datetime.date) -> ReportSection:
    kea = BenefitApplication.objects.filter(kind=BenefitApplication.Kind.KEA)
    decided = kea.filter(decided_on__range=(date_from, date_to))
    rows: list[list[object]] = [
        [_("Υποβλήθηκαν"), kea.filter(submitted_on__range=(date_from, date_to)).count()],
        [_("Εγκρίθηκαν"), decided.filter(status=BenefitApplication.Status.APPROVED).count()],
        [_("Απορρίφθηκαν"), decided.filter(status=BenefitApplication.Status.REJECTED).count()],
        [_("Ανανεώσεις με προθεσμία στην περίοδο"),
         kea.filter(status=BenefitApplication.Status.APPROVED, renewal_due__range=(date_from, date_to)).count()],
    ]
    return ReportSection(title=_("Αιτήσεις ΚΕΑ / ΕΕΕ"), header=[_("Μέγεθος"), _("Αιτήσεις")], rows=rows)


@report_section(order=150)
def aid_distributed(*, date_from: datetime.date, date_to: datetime.date) -> ReportSection:
    start, end = period_bounds(date_from, date_to)
    receipts = AidReceipt.objects.filter(received_at__gte=start, received_at__lt=end)
    rows = _breakdown(receipts, "round__kind", AidRound.Kind.choices, rounds=Count("round", distinct=True),
                      receipts=Count("pk"), households=Count("household", distinct=True))
    return ReportSection(title=_("Υλική συνδρομή (ΤΕΒΑ, Κοινωνικό Παντοπωλείο, Ενδυματοπωλείο)"),
                         header=[_("Είδος διανομής"), _("Διανομές"), _("Παραλαβές"), _("Νοικοκυριά")], rows=rows)


@report_section(order=160)
def referrals_loop(*, date_from: datetime.date, date_to: datetime.date) -> ReportSection:
    """Referrals sent in the period per recipient, and how many closed the loop (counts only)."""
    from casework.selectors.referrals import figure_header, referral_loop_figures

    incoming = IncomingReferral.objects.filter(received_on__range=(date_from, date_to))
    return ReportSection(
        title=_("Παραπομπές και κλείσιμο του κύκλου"), header=figure_header(),
        rows=[row.as_row() for row in referral_loop_figures(date_from=date_from, date_to=date_to)],
        notes=[_("Παραπομπές που εστάλησαν στην περίοδο· «εκπρόθεσμες» όσες δεν έχουν απάντηση μετά την "
                 "προθεσμία. Εισερχόμενες παραπομπές στην περίοδο: %(count)s.") % {"count": incoming.count()}])
