"""Casework services: socioeconomic assessments (computed and stored with the rules they used),
the centre's Social Grocery / Clothing bank thresholds, and the national ΚΕΑ/ΕΕΕ rule table."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework import eligibility
from casework.models import AidScheme, AidThreshold, Assessment, AssessmentIncome, Case, Housing, KeaRule, Person
from platform_core import bounds
from platform_core.labels import day
from platform_core.reference import reference_loader
from tenants.template import TEMPLATE_SCHEMA

OPEKA = "ΟΠΕΚΑ"
# National ΚΕΑ/ΕΕΕ amounts (Law 4389/2016 art. 235; ΚΥΑ Δ13/οικ.33461/2017 and the 8 % rise for
# applications from 1 December 2023), kept as rows with effective dates.
KEA_RULES = [
    {"effective_from": datetime.date(2017, 1, 1), "first_adult": Decimal("200"), "extra_adult": Decimal("100"),
     "minor": Decimal("50"), "income_months": 6, "real_estate_base": Decimal("90000"),
     "real_estate_per_member": Decimal("15000"), "real_estate_cap": Decimal("150000"),
     "vehicle_cap": Decimal("6000"),
     "source": f"{OPEKA}: Ν. 4389/2016 άρθρο 235, ΚΥΑ Δ13/οικ.33461/2017 (ΦΕΚ Β' 2315/2017)"},
    {"effective_from": datetime.date(2023, 12, 1), "first_adult": Decimal("216"), "extra_adult": Decimal("108"),
     "minor": Decimal("54"), "income_months": 6, "real_estate_base": Decimal("90000"),
     "real_estate_per_member": Decimal("15000"), "real_estate_cap": Decimal("150000"),
     "vehicle_cap": Decimal("6000"),
     "source": f"{OPEKA}: αύξηση 8 % για αιτήσεις από 1/12/2023"},
]

# Default Social Grocery / Clothing bank thresholds of a new centre, until its coordinator sets
# the municipality's own (page «Όρια επιλεξιμότητας»). Believable, not official: ΕΛΣΤΑΤ's poverty
# line (EU-SILC 2023: €6,010 a year for one person, about €500 a month) scaled by the modified
# OECD scale for two adults and children (1 + 0.5 + 0.3 per child), 6 or more members alike.
DEFAULT_THRESHOLDS_FROM = datetime.date(2016, 1, 1)
DEFAULT_THRESHOLDS = {1: Decimal("500"), 2: Decimal("750"), 3: Decimal("900"), 4: Decimal("1050"),
                      5: Decimal("1200"), 6: Decimal("1350")}
DEFAULT_VALIDITY_MONTHS = 6


@reference_loader
def kea_rules_load() -> None:
    """Upserts the national ΚΕΑ/ΕΕΕ rules (by effective date) and gives a centre without any
    grocery/clothing thresholds the defaults. Not in the centre template: rows copied from it
    would carry the same ids in every centre."""
    if connection.schema_name == TEMPLATE_SCHEMA:
        KeaRule.objects.all().delete()
        AidThreshold.objects.all().delete()
        return
    for rule in KEA_RULES:
        KeaRule.objects.update_or_create(effective_from=rule["effective_from"], defaults=rule)
    for scheme in AidScheme.values:
        if not AidThreshold.objects.filter(scheme=scheme).exists():
            AidThreshold.objects.bulk_create([
                AidThreshold(scheme=scheme, effective_from=DEFAULT_THRESHOLDS_FROM, household_size=size,
                             max_monthly_income=amount, validity_months=DEFAULT_VALIDITY_MONTHS)
                for size, amount in DEFAULT_THRESHOLDS.items()
            ])


@transaction.atomic
def aid_threshold_set(*, scheme: str, effective_from: datetime.date, by, validity_months: int,
                      limits: dict[int, Decimal]) -> list[AidThreshold]:
    """A new set of the scheme's thresholds (household size → monthly income ceiling) in force from
    a date; a set with the same date is replaced (a correction)."""
    if not limits:
        raise ValidationError({"limits": _("Δώστε τουλάχιστον ένα όριο.")})
    rows = [AidThreshold(scheme=scheme, effective_from=effective_from, household_size=size,
                         max_monthly_income=amount, validity_months=validity_months)
            for size, amount in sorted(limits.items())]
    for row in rows:
        row.full_clean(validate_constraints=False)
    AidThreshold.objects.filter(scheme=scheme, effective_from=effective_from).delete()
    return AidThreshold.objects.bulk_create(rows)


def _money(value) -> str:
    return str(Decimal(value).quantize(eligibility.CENT))


def assessment_outcome(*, facts: eligibility.HouseholdFacts, on: datetime.date, kea_rules: Iterable[KeaRule],
                       thresholds: Iterable[AidThreshold]) -> dict:
    """The stored, explainable result: amounts, eligibility per scheme, reasons and the rule rows."""
    outcome: dict = {"monthly_income": _money(facts.monthly_income), "household_size": facts.size}
    rule = eligibility.rule_in_force(kea_rules, on)
    if rule is None:
        outcome["kea"] = {"eligible": False, "rule": None, "reasons": [
            _("Δεν υπάρχει κανόνας ΚΕΑ/ΕΕΕ σε ισχύ στις %(date)s.") % {"date": day(on)}]}
    else:
        kea = eligibility.kea_assess(rule, facts)
        outcome["kea"] = {
            "eligible": kea.eligible, "guaranteed_amount": _money(kea.guaranteed_amount),
            "monthly_benefit": _money(kea.monthly_benefit), "counted_adults": kea.counted_adults,
            "counted_minors": kea.counted_minors, "income_months": kea.income_months,
            "period_income": _money(kea.period_income), "period_limit": _money(kea.period_limit),
            "income_ok": kea.income_ok, "real_estate_limit": _money(kea.real_estate_limit),
            "real_estate_ok": kea.real_estate_ok, "vehicle_ok": kea.vehicle_ok, "reasons": kea.reasons,
            "rule": {"id": str(rule.pk), "effective_from": rule.effective_from.isoformat(), "source": rule.source},
        }
    thresholds = list(thresholds)
    outcome["schemes"] = {}
    for scheme, label in AidScheme.choices:
        result = eligibility.scheme_assess(thresholds, scheme=scheme, scheme_label=str(label), facts=facts, on=on)
        row = result.threshold
        outcome["schemes"][scheme] = {
            "eligible": result.eligible,
            "valid_until": result.valid_until.isoformat() if result.valid_until else None,
            "reasons": result.reasons,
            "threshold": None if row is None else {
                "id": str(row.pk), "effective_from": row.effective_from.isoformat(),
                "household_size": row.household_size, "max_monthly_income": _money(row.max_monthly_income),
                "validity_months": row.validity_months},
        }
    return outcome


@transaction.atomic
def assessment_record(*, person: Person, by, assessed_on: datetime.date, adults: int, minors: int = 0,
                      single_parent: bool = False, housing: str = Housing.DECLINED,
                      incomes: Iterable[tuple[str, Decimal]] = (), monthly_rent: Decimal = Decimal("0"),
                      debts: Decimal = Decimal("0"), real_estate_value: Decimal = Decimal("0"),
                      vehicle_value: Decimal = Decimal("0"), health_notes: str = "", notes: str = "",
                      case: Case | None = None) -> Assessment:
    """Records an assessment of the person's household and computes its eligibility (ΚΕΑ/ΕΕΕ,
    Social Grocery, Clothing bank) with the rules in force at ``assessed_on``."""
    errors: dict[str, list[str]] = {}
    if assessed_on and assessed_on > timezone.localdate():
        errors.setdefault("assessed_on", []).append(_("Η ημερομηνία αξιολόγησης δεν μπορεί να είναι μελλοντική."))
    if single_parent and not minors:
        errors.setdefault("single_parent", []).append(
            _("Μονογονεϊκό νοικοκυριό χωρίς ανήλικα μέλη: δηλώστε τα ανήλικα ή αφαιρέστε την επιλογή."))
    if case is not None and case.person_id != person.pk:
        errors.setdefault("case", []).append(_("Ο φάκελος ανήκει σε άλλον/η ωφελούμενο/η."))
    assessment = Assessment(
        person=person, household=person.household, case=case, assessed_on=assessed_on, assessed_by=by,
        adults=adults, minors=minors, single_parent=single_parent, housing=housing, monthly_rent=monthly_rent,
        debts=debts, real_estate_value=real_estate_value, vehicle_value=vehicle_value,
        health_notes=health_notes, notes=notes,
    )
    try:
        assessment.full_clean(exclude=["outcome"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    income_rows = [AssessmentIncome(assessment=assessment, source=source, monthly_amount=amount)
                   for source, amount in incomes]
    if len(income_rows) > bounds.INCOME_LINES_MAX:
        # Checked before each line is: 10,000 lines used to take seconds to refuse or to store.
        raise ValidationError({"incomes": [_("Το πολύ %(n)d γραμμές εισοδήματος ανά αξιολόγηση.")
                                           % {"n": bounds.INCOME_LINES_MAX}]})
    for index, row in enumerate(income_rows, start=1):
        try:
            row.full_clean(exclude=["assessment"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault("incomes", []).extend(
                    _("Εισόδημα %(n)d, %(field)s: %(message)s") % {
                        "n": index, "field": AssessmentIncome._meta.get_field(name).verbose_name, "message": message}
                    for message in messages)
    if errors:
        raise ValidationError(errors)

    facts = eligibility.HouseholdFacts(
        adults=adults, minors=minors, single_parent=single_parent,
        monthly_income=sum((row.monthly_amount for row in income_rows), Decimal("0")),
        real_estate_value=real_estate_value, vehicle_value=vehicle_value,
    )
    assessment.outcome = assessment_outcome(facts=facts, on=assessed_on, kea_rules=KeaRule.objects.all(),
                                            thresholds=AidThreshold.objects.all())
    assessment.save()
    AssessmentIncome.objects.bulk_create(income_rows)
    return assessment
