"""Casework selectors: consents, referrals out and in, their timeline entries, and the
loop-closure figures (sent, accepted, declined, completed successfully, open past due, median
days to answer) per organisation or category, which the referrals page, the monthly report and
later the regional rollup read."""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Consent, IncomingReferral, Referral, ReferralEvent, category_labels, centre_label
from casework.summary import SummaryFact, SummaryLine, summary_provider
from casework.timeline import TimelineEntry, as_datetime, timeline_provider
from platform_core.labels import day


def consent_list() -> QuerySet[Consent]:
    return Consent.objects.select_related("person", "organization", "centre__municipality", "recorded_by", "revoked_by")


def consents_of(*, person) -> QuerySet[Consent]:
    return consent_list().filter(person=person)


@summary_provider
def consents_summary(*, person, household, user) -> list[SummaryFact]:
    """The consents valid today: to whom, which data, until when."""
    if not user.has_perm("casework.view_consent"):
        return []
    today = timezone.localdate()
    active = [consent for consent in consents_of(person=person).filter(revoked_on__isnull=True, given_on__lte=today)
              if consent.is_valid_on(today)]
    lines = [SummaryLine(text=consent.recipient_name, detail=consent.categories_display + (
        " · " + _("έως %(date)s") % {"date": day(consent.expires_on)} if consent.expires_on else ""),
        url=reverse("casework:person-consents", args=[person.pk])) for consent in active]
    return [SummaryFact(order=50, key="consents", label=_("Ενεργές συγκαταθέσεις"), lines=lines,
                        empty=_("Καμία ενεργή συγκατάθεση."))]


def referral_list() -> QuerySet[Referral]:
    """Every referral out of the centre (the connection's schema: another centre's ids find nothing)."""
    return Referral.objects.select_related("person", "case", "service__organization", "centre__municipality", "consent",
                                           "worker")


def referrals_of(*, person) -> QuerySet[Referral]:
    return referral_list().filter(person=person)


def referral_events(*, referral: Referral) -> QuerySet[ReferralEvent]:
    return referral.events.select_related("by").order_by("at")


def incoming_list() -> QuerySet[IncomingReferral]:
    return IncomingReferral.objects.select_related("source_organization", "source_centre__municipality", "person",
                                                   "case",
                                                   "recorded_by", "decided_by")


def referrals_overdue(*, worker=None) -> QuerySet[Referral]:
    referrals = referral_list().filter(status=Referral.Status.SENT, due_on__lt=timezone.localdate())
    return referrals.filter(worker=worker) if worker is not None else referrals


# --- loop-closure figures ------------------------------------------------------------------------

@dataclass(frozen=True)
class LoopFigures:
    key: str
    label: str
    sent: int = 0
    accepted: int = 0
    declined: int = 0
    completed_successfully: int = 0
    open_past_due: int = 0
    median_days_to_answer: float | None = None

    def as_row(self) -> list:
        return [self.label, self.sent, self.accepted, self.declined, self.completed_successfully,
                self.open_past_due, self.median_days_to_answer if self.median_days_to_answer is not None else "—"]


FIGURE_HEADER_KEYS = ("sent", "accepted", "declined", "completed_successfully", "open_past_due",
                      "median_days_to_answer")


def figure_header() -> list[str]:
    return [_("Αποδέκτης"), _("Εστάλησαν"), _("Έγιναν δεκτές"), _("Απορρίφθηκαν"), _("Ολοκληρώθηκαν επιτυχώς"),
            _("Ανοιχτές εκπρόθεσμες"), _("Διάμεσος χρόνος απάντησης (ημέρες)")]


def _figures(key: str, label: str, referrals: list[Referral], today: datetime.date) -> LoopFigures:
    answered = [(referral.answered_on - referral.sent_on).days for referral in referrals
                if referral.answered_on and referral.sent_on]
    return LoopFigures(
        key=key, label=label,
        sent=sum(1 for referral in referrals if referral.sent_on),
        accepted=sum(1 for referral in referrals if referral.status == Referral.Status.ACCEPTED
                     or (referral.status == Referral.Status.COMPLETED and referral.answered_on)),
        declined=sum(1 for referral in referrals if referral.status == Referral.Status.DECLINED),
        completed_successfully=sum(1 for referral in referrals if referral.status == Referral.Status.COMPLETED
                                   and referral.outcome == Referral.Outcome.SUCCESSFUL),
        open_past_due=sum(1 for referral in referrals if referral.status == Referral.Status.SENT
                          and referral.due_on < today),
        median_days_to_answer=round(statistics.median(answered), 1) if answered else None,
    )


def referral_loop_figures(*, by: str = "organization", date_from: datetime.date | None = None,
                          date_to: datetime.date | None = None) -> list[LoopFigures]:
    """One row per recipient organisation (or centre), or per directory category (``by="category"``;
    a service of two categories counts in both), then the centre's total. Referrals are those
    sent in the period (both days included; no period: all). Counts only, never a person."""
    referrals = referral_list().exclude(sent_on__isnull=True).prefetch_related("service__categories")
    if date_from:
        referrals = referrals.filter(sent_on__gte=date_from)
    if date_to:
        referrals = referrals.filter(sent_on__lte=date_to)
    referrals = list(referrals)
    groups: dict[str, tuple[str, list[Referral]]] = {}
    for referral in referrals:
        if by == "category":
            keys = ([(term.code, term.name) for term in referral.service.categories.all()] if referral.service_id
                    else [("centre", _("Κέντρα Κοινότητας"))]) or [("none", _("Χωρίς κατηγορία"))]
        elif referral.service_id:
            keys = [(str(referral.service.organization_id), str(referral.service.organization))]
        else:
            keys = [(referral.centre.slug, centre_label(referral.centre))]
        for key, label in keys:
            groups.setdefault(key, (label, []))[1].append(referral)
    today = timezone.localdate()
    rows = sorted((_figures(key, label, members, today) for key, (label, members) in groups.items()),
                  key=lambda row: row.label)
    return [*rows, _figures("total", _("Σύνολο"), referrals, today)]


# --- timeline ------------------------------------------------------------------------------------

def _url(name: str, pk) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


@timeline_provider
def referral_entries(*, person, household, user) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    if user.has_perm("casework.view_referral"):
        entries += [TimelineEntry(at=referral.created_at, kind="referral", label=_("Παραπομπή"),
                                  title=referral.recipient_name, url=_url("casework:referral-detail", referral.pk),
                                  detail=referral.get_status_display())
                    for referral in referrals_of(person=person)]
    if user.has_perm("casework.view_consent"):
        entries += [TimelineEntry(at=as_datetime(consent.given_on), kind="consent", label=_("Συγκατάθεση"),
                                  title=consent.recipient_name, url=_url("casework:person-consents", person.pk),
                                  detail=category_labels(consent.categories)
                                  + (f" · {_('ανακλήθηκε')}" if consent.revoked_on else ""))
                    for consent in consents_of(person=person)]
    if user.has_perm("casework.view_incomingreferral"):
        entries += [TimelineEntry(at=as_datetime(incoming.received_on), kind="incoming_referral",
                                  label=_("Εισερχόμενη παραπομπή"), title=incoming.source_label,
                                  url=_url("casework:incoming-detail", incoming.pk),
                                  detail=incoming.get_status_display())
                    for incoming in incoming_list().filter(person=person)]
    return entries
