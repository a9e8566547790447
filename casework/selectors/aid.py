"""Casework selectors: benefit applications, eligibility decisions, distribution rounds and
receipts; their timeline entries."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casework.models import AidEligibility, AidReceipt, AidRound, AidScheme, BenefitApplication, Household
from casework.selectors.assessments import url_or_blank
from casework.summary import SummaryFact, SummaryLine, summary_provider
from casework.timeline import TimelineEntry, as_datetime, timeline_provider
from platform_core.labels import day

RENEWAL_WARNING_DAYS = 30
Status = BenefitApplication.Status


def benefit_list(*, status: str = "", kind: str = "", person_id=None):
    qs = BenefitApplication.objects.select_related("person", "household", "handled_by")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    return qs


def renewal_state(application: BenefitApplication, *, today: datetime.date | None = None) -> str | None:
    """Where a running application stands to its renewal date: ``overdue``, ``today``, ``soon``
    (within the warning window) or ``later``; None when nothing is to be renewed."""
    if application.status not in (Status.SUBMITTED, Status.APPROVED) or application.renewal_due is None:
        return None
    today = today or timezone.localdate()
    if application.renewal_due < today:
        return "overdue"
    if application.renewal_due == today:
        return "today"
    return "soon" if application.renewal_due <= today + datetime.timedelta(days=RENEWAL_WARNING_DAYS) else "later"


def renewal_soon(application: BenefitApplication, *, today: datetime.date | None = None) -> bool:
    """Due for renewal within the warning window (or overdue) and still running."""
    return renewal_state(application, today=today) in ("overdue", "today", "soon")


def renewal_warning(application: BenefitApplication, *, today: datetime.date | None = None) -> str:
    """The mark beside a renewal date, worded for its side of today: «εκπρόθεσμη ανανέωση»,
    «ανανέωση σήμερα», «ανανέωση σε 12 ημέρες»; blank outside the warning window."""
    today = today or timezone.localdate()
    state = renewal_state(application, today=today)
    if state == "overdue":
        return _("εκπρόθεσμη ανανέωση")
    if state == "today":
        return _("ανανέωση σήμερα")
    if state == "soon":
        days = (application.renewal_due - today).days
        return ngettext("ανανέωση σε %(days)d ημέρα", "ανανέωση σε %(days)d ημέρες", days) % {"days": days}
    return ""


def benefits_renewal_due(*, today: datetime.date | None = None):
    today = today or timezone.localdate()
    return benefit_list().filter(status__in=[Status.SUBMITTED, Status.APPROVED],
                                 renewal_due__lte=today + datetime.timedelta(days=RENEWAL_WARNING_DAYS))


def aidround_list(*, kind: str = ""):
    qs = AidRound.objects.annotate(receipt_count=Count("receipts")).order_by("-distributed_on", "-created_at")
    return qs.filter(kind=kind) if kind else qs


def aid_receipt_list(*, round_id=None, household_id=None):
    qs = AidReceipt.objects.select_related("round", "household", "received_by", "recorded_by")
    if round_id is not None:
        qs = qs.filter(round_id=round_id)
    if household_id is not None:
        qs = qs.filter(household_id=household_id)
    return qs


def aid_households_due(*, aid_round: AidRound):
    """The households that may still receive in the round, by name: for a Social Grocery /
    Clothing bank round those whose latest decision made on or before the round's date makes them
    eligible on it (as ``services.aid.aid_eligibility_in_force`` decides for one), annotated with
    ``eligible_until``; for a ΤΕΒΑ round every household. Households that received are left out."""
    qs = (Household.objects.exclude(Exists(AidReceipt.objects.filter(round=aid_round, household=OuterRef("pk"))))
          .order_by("name", "created_at"))
    if aid_round.kind not in AidScheme.values:
        return qs
    latest = (AidEligibility.objects.filter(household=OuterRef("pk"), scheme=aid_round.kind,
                                            decided_on__lte=aid_round.distributed_on)
              .order_by("-decided_on", "-created_at"))
    return qs.annotate(latest_eligible=Subquery(latest.values("eligible")[:1]),
                       eligible_until=Subquery(latest.values("valid_until")[:1])).filter(
        latest_eligible=True, eligible_until__gte=aid_round.distributed_on)


def aid_eligibility_list(*, household_id=None, scheme: str = ""):
    qs = AidEligibility.objects.select_related("household", "decided_by")
    if household_id is not None:
        qs = qs.filter(household_id=household_id)
    return qs.filter(scheme=scheme) if scheme else qs


def _mine_or_household(qs, *, person, household, person_field: str):
    mine = Q(**{person_field: person})
    return qs.filter(mine | Q(household=household)) if household is not None else qs.filter(mine)


def _renewal_detail(application: BenefitApplication, *, today: datetime.date) -> str:
    if application.renewal_due is None:
        return ""
    if renewal_state(application, today=today) == "overdue":
        return _("εκπρόθεσμη ανανέωση, έως %(date)s") % {"date": day(application.renewal_due)}
    return _("ανανέωση έως %(date)s") % {"date": day(application.renewal_due)}


@summary_provider
def benefit_summary(*, person, household, user) -> list[SummaryFact]:
    """Applications still running (in preparation, submitted, approved) with their renewal date."""
    if not user.has_perm("casework.view_benefitapplication"):
        return []
    today = timezone.localdate()
    running = BenefitApplication.objects.filter(
        person=person, status__in=[Status.DRAFT, Status.SUBMITTED, Status.APPROVED],
    ).order_by("renewal_due", "-created_at")
    lines = [SummaryLine(
        text=f"{application.get_kind_display()} · {application.get_status_display()}",
        detail=_renewal_detail(application, today=today),
        url=url_or_blank("casework:benefit-detail", pk=application.pk)) for application in running]
    return [SummaryFact(order=20, key="benefits", label=_("Αιτήσεις παροχών σε εξέλιξη"), lines=lines,
                        empty=_("Καμία αίτηση σε εξέλιξη."))]


@summary_provider
def aid_eligibility_summary(*, person, household, user) -> list[SummaryFact]:
    """The household's eligibility for the Social Grocery / Clothing bank valid today, latest per scheme."""
    if not user.has_perm("casework.view_aideligibility"):
        return []
    current = {}
    if household is not None:
        today = timezone.localdate()
        decisions = AidEligibility.objects.filter(household=household, eligible=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)).order_by("-decided_on", "-created_at")
        for decision in decisions:
            current.setdefault(decision.scheme, decision)
    lines = [SummaryLine(
        text=decision.get_scheme_display(),
        detail=_("ισχύει έως %(date)s") % {"date": day(decision.valid_until)} if decision.valid_until else "",
        url=url_or_blank("casework:household-detail", pk=decision.household_id)) for decision in current.values()]
    return [SummaryFact(order=30, key="aid_eligibility", label=_("Επιλεξιμότητα για Παντοπωλείο / Ενδυματοπωλείο"),
                        lines=lines, empty=_("Καμία τρέχουσα επιλεξιμότητα."))]


@timeline_provider
def benefit_timeline(*, person, household, user) -> list[TimelineEntry]:
    if not user.has_perm("casework.view_benefitapplication"):
        return []
    entries, today = [], timezone.localdate()
    qs = _mine_or_household(BenefitApplication.objects.select_related("person"), person=person,
                            household=household, person_field="person")
    for application in qs:
        about_household = application.person_id != person.pk
        whose = f" ({application.person})" if about_household else ""
        common = {"kind": "benefit", "label": _("Παροχή"), "about_household": about_household,
                  "url": url_or_blank("casework:benefit-detail", pk=application.pk)}
        kind = application.get_kind_display()
        if application.submitted_on is None:
            entries.append(TimelineEntry(at=application.created_at, title=_("%(kind)s: αίτηση σε προετοιμασία") % {
                "kind": kind} + whose, **common))
            continue
        entries.append(TimelineEntry(at=as_datetime(application.submitted_on), title=_(
            "%(kind)s: υποβολή αίτησης") % {"kind": kind} + whose, **common))
        if application.decided_on is not None:
            verdict = _("απορρίφθηκε") if application.status == Status.REJECTED else _("εγκρίθηκε")
            entries.append(TimelineEntry(at=as_datetime(application.decided_on), title=_(
                "%(kind)s: %(verdict)s") % {"kind": kind, "verdict": verdict} + whose, **common))
        state = renewal_state(application, today=today)
        if state is not None:
            wording = {"overdue": _("%(kind)s: έληξε, απαιτείται ανανέωση"),
                       "today": _("%(kind)s: λήγει σήμερα, απαιτείται ανανέωση")}.get(
                state, _("%(kind)s: λήγει, ανανέωση έως αυτή την ημέρα"))
            entries.append(TimelineEntry(at=as_datetime(application.renewal_due),
                                         title=wording % {"kind": kind} + whose, **common))
    return entries


@timeline_provider
def aid_timeline(*, person, household, user) -> list[TimelineEntry]:
    """Eligibility decisions and receipts are the household's (about_household), except a receipt
    the person collected themselves."""
    if household is None:
        return []
    entries = []
    if user.has_perm("casework.view_aideligibility"):
        for decision in AidEligibility.objects.filter(household=household):
            title = (_("%(scheme)s: επιλέξιμο έως %(until)s") % {
                "scheme": decision.get_scheme_display(), "until": day(decision.valid_until)}
                if decision.eligible else _("%(scheme)s: μη επιλέξιμο") % {"scheme": decision.get_scheme_display()})
            entries.append(TimelineEntry(at=as_datetime(decision.decided_on), kind="aid",
                                         label=_("Απόφαση επιλεξιμότητας"), title=title, about_household=True,
                                         url=url_or_blank("casework:household-detail", pk=household.pk)))
    if user.has_perm("casework.view_aidreceipt"):
        for receipt in AidReceipt.objects.filter(household=household).select_related("round"):
            entries.append(TimelineEntry(
                at=receipt.received_at, kind="aid", label=_("Παραλαβή βοήθειας"),
                title=f"{receipt.round.get_kind_display()}: {receipt.round.title}", detail=receipt.items,
                about_household=receipt.received_by_id != person.pk,
                url=url_or_blank("casework:aidround-detail", pk=receipt.round_id)))
    return entries
