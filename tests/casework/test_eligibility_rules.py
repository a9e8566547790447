"""The eligibility rules against hand-worked cases, and their properties (hypothesis). Pure
functions: no database."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from casework.eligibility import (
    HouseholdFacts,
    add_months,
    euros,
    kea_assess,
    kea_guaranteed_amount,
    rule_in_force,
    scheme_assess,
)
from casework.models import AidThreshold, KeaRule
from casework.services.assessments import KEA_RULES

D = Decimal
RULE_2017, RULE_2023 = (KeaRule(**rule) for rule in KEA_RULES)


def _thresholds(effective_from=datetime.date(2026, 1, 1), scheme="grocery", limits=None, months=6):
    limits = limits or {1: D("500"), 2: D("750"), 3: D("900")}
    return [AidThreshold(scheme=scheme, effective_from=effective_from, household_size=size, max_monthly_income=amount,
                         validity_months=months) for size, amount in limits.items()]


def test_one_person_without_income_gets_the_whole_2017_guaranteed_amount():
    result = kea_assess(RULE_2017, HouseholdFacts(adults=1))

    # 200 for the first adult; 0 income → benefit 200 − 0 = 200.
    assert (result.eligible, result.guaranteed_amount, result.monthly_benefit) == (True, D("200.00"), D("200.00"))


def test_couple_with_two_children_from_december_2023_gets_guaranteed_amount_minus_income():
    result = kea_assess(RULE_2023, HouseholdFacts(adults=2, minors=2, monthly_income=D("150")))

    # 216 + 1 × 108 + 2 × 54 = 432; 6 × 150 = 900 ≤ 6 × 432 = 2,592; benefit 432 − 150 = 282.
    assert result.guaranteed_amount == D("432.00")
    assert (result.period_income, result.period_limit) == (D("900.00"), D("2592.00"))
    assert (result.eligible, result.monthly_benefit) == (True, D("282.00"))


def test_in_a_single_parent_household_the_oldest_minor_counts_as_an_adult():
    amount = kea_guaranteed_amount(RULE_2023, adults=1, minors=3, single_parent=True)

    # counted as 2 adults and 2 minors: 216 + 108 + 2 × 54 = 432 (not 216 + 3 × 54 = 378).
    assert amount == D("432.00")


def test_income_over_six_times_the_guaranteed_amount_fails_the_income_test():
    result = kea_assess(RULE_2023, HouseholdFacts(adults=1, monthly_income=D("216.01")))

    # 6 × 216.01 = 1,296.06 > 6 × 216 = 1,296.
    assert (result.income_ok, result.eligible, result.monthly_benefit) == (False, False, D("0.00"))


def test_income_equal_to_the_guaranteed_amount_passes_with_no_benefit():
    result = kea_assess(RULE_2023, HouseholdFacts(adults=1, monthly_income=D("216")))

    assert (result.eligible, result.monthly_benefit) == (True, D("0.00"))


def test_real_estate_limit_grows_by_member_up_to_the_cap():
    three = kea_assess(RULE_2017, HouseholdFacts(adults=2, minors=1, real_estate_value=D("120000")))
    three_over = kea_assess(RULE_2017, HouseholdFacts(adults=2, minors=1, real_estate_value=D("120000.01")))
    six = kea_assess(RULE_2017, HouseholdFacts(adults=2, minors=4))

    # 90,000 + 2 × 15,000 = 120,000; six members: 90,000 + 5 × 15,000 = 165,000 → cap 150,000.
    assert (three.real_estate_limit, three.real_estate_ok, three.eligible) == (D("120000.00"), True, True)
    assert (three_over.real_estate_ok, three_over.eligible) == (False, False)
    assert six.real_estate_limit == D("150000.00")


def test_vehicles_worth_more_than_the_cap_make_the_household_ineligible():
    at_cap = kea_assess(RULE_2017, HouseholdFacts(adults=1, vehicle_value=D("6000")))
    over = kea_assess(RULE_2017, HouseholdFacts(adults=1, vehicle_value=D("6000.01")))

    assert (at_cap.eligible, over.eligible, over.vehicle_ok) == (True, False, False)


def test_reasons_show_each_rule_with_its_numbers():
    reasons = " ".join(kea_assess(RULE_2023, HouseholdFacts(adults=2, minors=2, monthly_income=D("150"))).reasons)

    assert "01/12/2023" in reasons and "ΟΠΕΚΑ" in reasons
    assert "216,00 €" in reasons and "1 × 108,00 €" in reasons and "2 × 54,00 €" in reasons and "432,00 €" in reasons
    assert "2.592,00 €" in reasons and "282,00 €" in reasons


def test_the_rule_in_force_is_the_latest_effective_on_or_before_the_date():
    rules = [RULE_2017, RULE_2023]

    assert rule_in_force(rules, datetime.date(2023, 11, 30)) is RULE_2017
    assert rule_in_force(rules, datetime.date(2023, 12, 1)) is RULE_2023
    assert rule_in_force(rules, datetime.date(2016, 12, 31)) is None


def test_grocery_threshold_of_the_largest_listed_size_applies_to_bigger_households():
    result = scheme_assess(_thresholds(), scheme="grocery", scheme_label="Παντοπωλείο",
                           facts=HouseholdFacts(adults=2, minors=3, monthly_income=D("900")),
                           on=datetime.date(2026, 8, 31))

    # 5 members, sizes 1–3 listed → the limit for 3 (900); 900 ≤ 900; valid 6 months → 28 Feb 2027.
    assert (result.eligible, result.threshold.household_size) == (True, 3)
    assert result.valid_until == datetime.date(2027, 2, 28)


def test_grocery_income_above_the_threshold_is_not_eligible_and_has_no_validity():
    result = scheme_assess(_thresholds(), scheme="grocery", scheme_label="Παντοπωλείο",
                           facts=HouseholdFacts(adults=1, monthly_income=D("500.01")), on=datetime.date(2026, 3, 1))

    assert (result.eligible, result.valid_until) == (False, None)


def test_grocery_uses_the_threshold_set_in_force_at_the_assessment_date():
    old = _thresholds(datetime.date(2025, 1, 1), limits={1: D("400")})
    new = _thresholds(datetime.date(2026, 1, 1), limits={1: D("500")})
    facts = HouseholdFacts(adults=1, monthly_income=D("450"))

    before = scheme_assess(old + new, scheme="grocery", scheme_label="", facts=facts, on=datetime.date(2025, 12, 31))
    after = scheme_assess(old + new, scheme="grocery", scheme_label="", facts=facts, on=datetime.date(2026, 1, 1))

    assert (before.eligible, after.eligible) == (False, True)


def test_a_scheme_without_thresholds_is_not_eligible_and_says_why():
    result = scheme_assess([], scheme="clothing", scheme_label="Ενδυματοπωλείο", facts=HouseholdFacts(adults=1),
                           on=datetime.date(2026, 1, 1))

    assert not result.eligible and "δεν έχει ορίσει" in result.reasons[0]


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert add_months(datetime.date(2026, 3, 15), 6) == datetime.date(2026, 9, 15)
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2027, 8, 31), 6) == datetime.date(2028, 2, 29)


def test_euros_uses_greek_separators():
    assert euros(D("1234.5")) == "1.234,50 €"


# --- properties ----------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)
households = st.builds(
    HouseholdFacts, adults=st.integers(1, 6), minors=st.integers(0, 6), single_parent=st.booleans(),
    monthly_income=money, real_estate_value=st.decimals(min_value=0, max_value=300_000, places=2),
    vehicle_value=st.decimals(min_value=0, max_value=20_000, places=2),
).filter(lambda facts: facts.minors > 0 or not facts.single_parent)


def _with_income(facts: HouseholdFacts, income: Decimal) -> HouseholdFacts:
    return HouseholdFacts(adults=facts.adults, minors=facts.minors, single_parent=facts.single_parent,
                          monthly_income=income, real_estate_value=facts.real_estate_value,
                          vehicle_value=facts.vehicle_value)


@given(facts=households, extra=money, rule=st.sampled_from([RULE_2017, RULE_2023]))
def test_more_income_never_makes_a_household_more_eligible_for_kea_nor_raises_its_benefit(facts, extra, rule):
    poorer, richer = kea_assess(rule, facts), kea_assess(rule, _with_income(facts, facts.monthly_income + extra))

    assert poorer.eligible or not richer.eligible
    assert richer.monthly_benefit <= poorer.monthly_benefit


@given(facts=households, extra=money, scheme=st.sampled_from(["grocery", "clothing"]))
def test_more_income_never_makes_a_household_eligible_for_grocery_or_clothing(facts, extra, scheme):
    thresholds = _thresholds(scheme=scheme, limits={1: D("500"), 2: D("750"), 4: D("1050"), 6: D("1350")})
    on = datetime.date(2026, 6, 1)

    poorer = scheme_assess(thresholds, scheme=scheme, scheme_label="", facts=facts, on=on)
    richer = scheme_assess(thresholds, scheme=scheme, scheme_label="",
                           facts=_with_income(facts, facts.monthly_income + extra), on=on)

    assert poorer.eligible or not richer.eligible


@given(adults=st.integers(1, 6), minors=st.integers(0, 8), single_parent=st.booleans(),
       rule=st.sampled_from([RULE_2017, RULE_2023]))
def test_adding_a_minor_never_lowers_the_guaranteed_amount(adults, minors, single_parent, rule):
    before = kea_guaranteed_amount(rule, adults=adults, minors=minors, single_parent=single_parent and minors > 0)
    after = kea_guaranteed_amount(rule, adults=adults, minors=minors + 1, single_parent=single_parent)

    assert after >= before


@given(dates=st.lists(st.dates(min_value=datetime.date(2010, 1, 1), max_value=datetime.date(2040, 1, 1)),
                      min_size=1, max_size=6, unique=True),
       on=st.dates(min_value=datetime.date(2009, 1, 1), max_value=datetime.date(2041, 1, 1)))
def test_the_rule_chosen_for_a_date_is_in_force_and_no_later_rule_is(dates, on):
    rules = [KeaRule(effective_from=day) for day in dates]

    chosen = rule_in_force(rules, on)

    if chosen is None:
        assert all(rule.effective_from > on for rule in rules)
    else:
        assert chosen.effective_from <= on
        assert not any(chosen.effective_from < rule.effective_from <= on for rule in rules)
