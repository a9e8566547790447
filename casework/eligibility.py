"""Eligibility rules as pure functions (no database): the ΚΕΑ/ΕΕΕ guaranteed amount, income and
property tests, and the Social Grocery / Clothing bank income thresholds.

Rules are passed in (``KeaRule`` / ``AidThreshold`` instances, saved or not, or any object with
the same attributes), so the arithmetic is testable by hand and the amounts stay data with
effective dates, never constants. Every result carries Greek, human-readable reasons that show
each rule applied with its numbers; the staff see them as they are.
"""

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from platform_core import labels
from platform_core.labels import money as euros  # ``1234.5`` → ``1.234,50 €``, the one number format

CENT = Decimal("0.01")




def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, the month's last day when it has no such day (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def rule_in_force(rules: Iterable[Any], on: datetime.date) -> Any | None:
    """The latest rule with ``effective_from`` on or before ``on`` (None before the first)."""
    candidates = [rule for rule in rules if rule.effective_from <= on]
    return max(candidates, key=lambda rule: rule.effective_from, default=None)


@dataclass(frozen=True)
class HouseholdFacts:
    """What the rules look at: composition, monthly income (all members, all sources), property."""

    adults: int
    minors: int = 0
    single_parent: bool = False
    monthly_income: Decimal = Decimal("0")
    real_estate_value: Decimal = Decimal("0")
    vehicle_value: Decimal = Decimal("0")

    @property
    def size(self) -> int:
        return self.adults + self.minors


@dataclass(frozen=True)
class KeaResult:
    rule: Any
    counted_adults: int
    counted_minors: int
    guaranteed_amount: Decimal
    income_months: int
    period_income: Decimal
    period_limit: Decimal
    income_ok: bool
    real_estate_limit: Decimal
    real_estate_ok: bool
    vehicle_ok: bool
    eligible: bool
    monthly_benefit: Decimal
    reasons: list[str] = field(default_factory=list)


def counted_members(*, adults: int, minors: int, single_parent: bool) -> tuple[int, int]:
    """(adults, minors) as ΚΕΑ counts them: in a single-parent household the oldest minor counts
    as an adult."""
    if single_parent and minors > 0:
        return adults + 1, minors - 1
    return adults, minors


def kea_guaranteed_amount(rule: Any, *, adults: int, minors: int, single_parent: bool) -> Decimal:
    """First adult + each further adult + each minor, at the rule's rates (€/month)."""
    counted_adults, counted_minors = counted_members(adults=adults, minors=minors, single_parent=single_parent)
    return (rule.first_adult + rule.extra_adult * max(counted_adults - 1, 0)
            + rule.minor * counted_minors).quantize(CENT)


def kea_real_estate_limit(rule: Any, *, household_size: int) -> Decimal:
    """Base for one person, plus the per-member amount for each further member, up to the cap."""
    return min(rule.real_estate_base + rule.real_estate_per_member * max(household_size - 1, 0),
               rule.real_estate_cap).quantize(CENT)


def kea_assess(rule: Any, facts: HouseholdFacts) -> KeaResult:
    counted_adults, counted_minors = counted_members(adults=facts.adults, minors=facts.minors,
                                                     single_parent=facts.single_parent)
    guaranteed = kea_guaranteed_amount(rule, adults=facts.adults, minors=facts.minors,
                                       single_parent=facts.single_parent)
    months = rule.income_months
    period_income = (facts.monthly_income * months).quantize(CENT)
    period_limit = (guaranteed * months).quantize(CENT)
    income_ok = period_income <= period_limit
    estate_limit = kea_real_estate_limit(rule, household_size=facts.size)
    estate_ok = facts.real_estate_value <= estate_limit
    vehicle_ok = facts.vehicle_value <= rule.vehicle_cap
    eligible = income_ok and estate_ok and vehicle_ok
    benefit = max(guaranteed - facts.monthly_income, Decimal("0")).quantize(CENT) if eligible else Decimal("0.00")

    reasons = [_("Κανόνας ΚΕΑ/ΕΕΕ σε ισχύ από %(date)s%(source)s.") % {
        "date": labels.day(rule.effective_from), "source": f" ({rule.source})" if rule.source else ""}]
    if counted_adults != facts.adults:
        reasons.append(_("Μονογονεϊκό νοικοκυριό: το μεγαλύτερο ανήλικο μετρά ως ενήλικας "
                         "(ενήλικες: %(adults)d, ανήλικοι: %(minors)d).") % {
            "adults": counted_adults, "minors": counted_minors})
    reasons.append(_("Εγγυημένο ποσό: %(first)s για τον πρώτο ενήλικα + %(extra_n)d × %(extra)s για κάθε επιπλέον "
                     "ενήλικα + %(minor_n)d × %(minor)s για κάθε ανήλικο = %(total)s τον μήνα.") % {
        "first": euros(rule.first_adult), "extra_n": max(counted_adults - 1, 0), "extra": euros(rule.extra_adult),
        "minor_n": counted_minors, "minor": euros(rule.minor), "total": euros(guaranteed)})
    reasons.append((_("Εισοδηματικό κριτήριο: εισόδημα %(months)d μηνών %(months)d × %(income)s = %(period)s, "
                      "όριο %(months)d × %(guaranteed)s = %(limit)s: %(verdict)s.")) % {
        "months": months, "income": euros(facts.monthly_income), "period": euros(period_income),
        "guaranteed": euros(guaranteed), "limit": euros(period_limit),
        "verdict": _("πληρείται") if income_ok else _("υπερβαίνει το όριο")})
    reasons.append(_("Ακίνητη περιουσία: %(value)s, όριο %(base)s + %(extra_n)d × %(per)s, έως %(cap)s = %(limit)s: "
                     "%(verdict)s.") % {
        "value": euros(facts.real_estate_value), "base": euros(rule.real_estate_base),
        "extra_n": max(facts.size - 1, 0), "per": euros(rule.real_estate_per_member),
        "cap": euros(rule.real_estate_cap),
        "limit": euros(estate_limit), "verdict": _("πληρείται") if estate_ok else _("υπερβαίνει το όριο")})
    reasons.append(_("Οχήματα: %(value)s, όριο %(cap)s: %(verdict)s.") % {
        "value": euros(facts.vehicle_value), "cap": euros(rule.vehicle_cap),
        "verdict": _("πληρείται") if vehicle_ok else _("υπερβαίνει το όριο")})
    if eligible:
        reasons.append(_("Επιλέξιμο. Μηνιαία παροχή: %(guaranteed)s − %(income)s εισόδημα = %(benefit)s.") % {
            "guaranteed": euros(guaranteed), "income": euros(facts.monthly_income), "benefit": euros(benefit)})
    else:
        reasons.append(_("Μη επιλέξιμο: δεν πληρούνται όλα τα κριτήρια."))
    return KeaResult(
        rule=rule, counted_adults=counted_adults, counted_minors=counted_minors, guaranteed_amount=guaranteed,
        income_months=months, period_income=period_income, period_limit=period_limit, income_ok=income_ok,
        real_estate_limit=estate_limit, real_estate_ok=estate_ok, vehicle_ok=vehicle_ok, eligible=eligible,
        monthly_benefit=benefit, reasons=reasons,
    )


@dataclass(frozen=True)
class SchemeResult:
    scheme: str
    eligible: bool
    threshold: Any | None  # the threshold row applied
    valid_until: datetime.date | None
    reasons: list[str] = field(default_factory=list)


def threshold_set_in_force(thresholds: Iterable[Any], *, scheme: str, on: datetime.date) -> list[Any]:
    """The scheme's rows with the latest ``effective_from`` on or before ``on``."""
    rows = [row for row in thresholds if row.scheme == scheme and row.effective_from <= on]
    if not rows:
        return []
    latest = max(row.effective_from for row in rows)
    return sorted((row for row in rows if row.effective_from == latest), key=lambda row: row.household_size)


def threshold_for_size(rows: Sequence[Any], household_size: int) -> Any | None:
    """The row for the size; the largest listed size below it when it is not listed (so the
    largest size covers every bigger household); the smallest listed for a smaller household."""
    if not rows:
        return None
    at_or_below = [row for row in rows if row.household_size <= household_size]
    if at_or_below:
        return max(at_or_below, key=lambda row: row.household_size)
    return min(rows, key=lambda row: row.household_size)


def scheme_assess(thresholds: Iterable[Any], *, scheme: str, scheme_label: str, facts: HouseholdFacts,
                  on: datetime.date) -> SchemeResult:
    """Social Grocery / Clothing bank: eligible when the monthly income is at most the centre's
    threshold for the household size; valid until ``on`` + the threshold's validity months."""
    row = threshold_for_size(threshold_set_in_force(thresholds, scheme=scheme, on=on), facts.size)
    if row is None:
        return SchemeResult(scheme=scheme, eligible=False, threshold=None, valid_until=None, reasons=[
            _("%(scheme)s: το κέντρο δεν έχει ορίσει όρια εισοδήματος σε ισχύ στις %(date)s.") % {
                "scheme": scheme_label, "date": labels.day(on)}])
    eligible = facts.monthly_income <= row.max_monthly_income
    size_note = ("" if row.household_size == facts.size else
                 _(" (ισχύει το όριο για %(size)d μέλη)") % {"size": row.household_size})
    reasons = [_("%(scheme)s: όρια του κέντρου σε ισχύ από %(date)s, νοικοκυριό %(members)d μελών%(note)s: "
                 "μηνιαίο εισόδημα %(income)s, όριο %(limit)s: %(verdict)s.") % {
        "scheme": scheme_label, "date": labels.day(row.effective_from), "members": facts.size,
        "note": size_note, "income": euros(facts.monthly_income), "limit": euros(row.max_monthly_income),
        "verdict": _("επιλέξιμο") if eligible else _("μη επιλέξιμο")}]
    valid_until = add_months(on, row.validity_months) if eligible else None
    if valid_until:
        reasons.append(_("Ισχύει έως %(until)s (%(months)d μήνες από την αξιολόγηση).") % {
            "until": labels.day(valid_until), "months": row.validity_months})
    return SchemeResult(scheme=scheme, eligible=eligible, threshold=row, valid_until=valid_until, reasons=reasons)
