"""Every indicator against a hand-counted fixture: one month (May 2023) in centre A, with
records just inside and just outside it."""

import datetime
import uuid

import pytest
from django.utils import timezone

from casework.factories import CaseFactory, ContactNoteFactory, PersonFactory, ReceptionContactFactory
from casework.models import (
    AidReceipt,
    AidRound,
    BenefitApplication,
    Household,
    HouseholdMember,
    ParticipantRecord,
)
from notifications.models import Reminder
from platform_core.accounts.roles import Role
from regional.indicators import indicator_values, indicators
from regional.periods import period_parse

MAY = period_parse("2023-05")


def at(day: int, month: int = 5) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2023, month, day, 10, 0))


def entry(person, on: datetime.date, **fields) -> ParticipantRecord:
    defaults = {"gender": person.gender, "birth_date": person.birth_date, "citizenship": "greek",
                "foreign_background": "no", "minority": "none", "disability": "no", "employment_status": "employed",
                "education": "isced_3_4", "housing": "rented", "rural_area": "no"}
    return ParticipantRecord.objects.create(person=person, stage="entry", recorded_on=on, **{**defaults, **fields})


@pytest.fixture
def may_2023(world_a, in_centre_a):
    worker, reception = world_a.users[Role.SOCIAL_WORKER], world_a.users[Role.RECEPTION]
    p1 = PersonFactory(gender="female", birth_date=datetime.date(1990, 1, 1))
    p2 = PersonFactory(gender="male", birth_date=datetime.date(2010, 6, 1))
    p3 = PersonFactory(gender="non_binary", birth_date=datetime.date(1960, 1, 1))
    p4 = PersonFactory(gender="declined", birth_date=None, amka="", amka_hash="")
    outsider = PersonFactory(gender="female", birth_date=datetime.date(1980, 1, 1))
    h1, h2 = Household.objects.create(name="h1"), Household.objects.create(name="h2")
    HouseholdMember.objects.create(household=h1, person=p1, relation="head")
    HouseholdMember.objects.create(household=h1, person=p2, relation="child")
    HouseholdMember.objects.create(household=h2, person=p3, relation="head")
    # Reception: p1 twice on benefits, an unregistered visitor on pensions; June is outside.
    ReceptionContactFactory(person=p1, staff=reception, contacted_at=at(3), topic="benefits")
    ReceptionContactFactory(person=p1, staff=reception, contacted_at=at(10), topic="benefits")
    ReceptionContactFactory(person=None, visitor_name="Επισκέπτης", staff=reception, contacted_at=at(11),
                            topic="pensions")
    ReceptionContactFactory(person=outsider, staff=reception, contacted_at=at(1, month=6), topic="social")
    # Notes: one individual and one group session of p3; a phone call of p1 (not counselling).
    ContactNoteFactory(person=p3, author=worker, occurred_at=at(15), kind="counselling")
    ContactNoteFactory(person=p3, author=worker, occurred_at=at(16), kind="group")
    ContactNoteFactory(person=p1, author=worker, occurred_at=at(17), kind="phone")
    # Cases: p1 opened in May; p2 and p4 closed in May (goals met, moved).
    CaseFactory(person=p1, assigned_worker=worker, intake_date=datetime.date(2023, 5, 2))
    CaseFactory(person=p2, assigned_worker=worker, intake_date=datetime.date(2023, 4, 1), status="closed",
                closed_reason="goals_met", closed_at=at(20))
    CaseFactory(person=p4, assigned_worker=worker, intake_date=datetime.date(2022, 1, 1), status="closed",
                closed_reason="moved", closed_at=at(25))
    CaseFactory(person=outsider, assigned_worker=worker, intake_date=datetime.date(2023, 4, 30))
    # ΚΕΑ: h1 submitted in May; p3 (no household on the application) approved in May.
    BenefitApplication.objects.create(person=p1, household=h1, kind="kea", status="submitted",
                                      submitted_on=datetime.date(2023, 5, 4), handled_by=worker)
    BenefitApplication.objects.create(person=p3, kind="kea", status="approved", submitted_on=datetime.date(2023, 3, 1),
                                      decided_on=datetime.date(2023, 5, 20), handled_by=worker)
    BenefitApplication.objects.create(person=outsider, kind="kea", status="rejected",
                                      submitted_on=datetime.date(2023, 1, 1), decided_on=datetime.date(2023, 6, 2),
                                      handled_by=worker)
    # Aid: h1 at the grocery and in the ΤΕΒΑ round, h2 in the ΤΕΒΑ round.
    grocery = AidRound.objects.create(kind="grocery", title="Π", distributed_on=datetime.date(2023, 5, 5))
    teba = AidRound.objects.create(kind="teba", title="Τ", distributed_on=datetime.date(2023, 5, 6))
    AidReceipt.objects.create(round=grocery, household=h1, received_by=p1, received_at=at(5), recorded_by=reception)
    AidReceipt.objects.create(round=teba, household=h1, received_at=at(6), recorded_by=reception)
    AidReceipt.objects.create(round=teba, household=h2, received_at=at(6), recorded_by=reception)
    # ESF entries: p1 long-term unemployed woman of 33; p2 a boy of 12 in education; p3 entered in April.
    entry(p1, datetime.date(2023, 5, 2), employment_status="unemployed", unemployed_since=datetime.date(2021, 1, 1))
    entry(p2, datetime.date(2023, 5, 3), employment_status="inactive_education", education="isced_0")
    entry(p3, datetime.date(2023, 4, 30), employment_status="unemployed")
    # Reminders: two SMS and one e-mail sent in May, one SMS still scheduled.
    for channel, state, sent in [("sms", "sent", at(7)), ("sms", "sent", at(8)), ("email", "sent", at(9)),
                                 ("sms", "scheduled", None)]:
        Reminder.objects.create(channel=channel, state=state, sent_at=sent, due_at=at(7), next_attempt_at=at(7),
                                template="custom", idempotency_key=uuid.uuid4().hex, staff=worker)
    return {code: {b: v for _p, c, b, v in rows} for code, rows in _by_code(indicator_values(periods=[MAY])).items()}


def _by_code(rows):
    grouped = {}
    for row in rows:
        grouped.setdefault(row[1], []).append(row)
    return grouped


def test_people_served_by_gender_and_age_group(may_2023):
    assert may_2023["people_served"] == {
        "": 4, "gender=women": 1, "gender=men": 1, "gender=non_binary": 1, "gender=undeclared": 1,
        "age_group=30-54": 1, "age_group=0-17": 1, "age_group=55+": 1, "age_group=unknown": 1}


def test_families_served_are_the_households_of_the_people_served_and_of_aid(may_2023):
    assert may_2023["families_served"] == {"": 2}


def test_cases_opened_in_the_month(may_2023):
    assert may_2023["cases_opened"] == {"": 1, "gender=women": 1}


def test_cases_closed_by_reason(may_2023):
    assert may_2023["cases_closed"] == {"": 2, "reason=goals_met": 1, "reason=moved": 1}


def test_reception_contacts_by_topic_include_unregistered_visitors(may_2023):
    assert may_2023["reception_contacts"] == {"": 3, "topic=benefits": 2, "topic=pensions": 1}


def test_counselling_sessions_count_individual_and_group_sessions_only(may_2023):
    assert may_2023["counselling_sessions"] == {"": 2}


def test_kea_applications_by_state_count_households(may_2023):
    assert may_2023["kea_applications"] == {"": 2, "state=submitted": 1, "state=approved": 1}


def test_aid_households_by_kind_count_a_household_once_in_the_total(may_2023):
    assert may_2023["aid_households"] == {"": 2, "aid_kind=grocery": 1, "aid_kind=teba": 2}


def test_reminders_sent_by_channel(may_2023):
    assert may_2023["reminders_sent"] == {"": 3, "channel=sms": 2, "channel=email": 1}


@pytest.mark.parametrize(("code", "expected"), [
    ("esf21_total", {"": 2, "gender=women": 1, "gender=men": 1}),
    ("esf21_unemployed", {"": 1, "gender=women": 1}),
    ("esf21_long_term_unemployed", {"": 1, "gender=women": 1}),
    ("esf21_inactive", {"": 1, "gender=men": 1}),
    ("esf21_below_18", {"": 1, "gender=men": 1}),
    ("esf21_isced_0_2", {"": 1, "gender=men": 1}),
    ("esf21_isced_3_4", {"": 1, "gender=women": 1}),
    ("esf14_below_25", {"": 1, "gender=men": 1}),
    ("esf14_unemployed", {"": 1, "gender=women": 1}),
    ("esf14_total", {"": 2, "gender=women": 1, "gender=men": 1}),
])
def test_esf_common_indicators_from_entry_records_in_the_month(may_2023, code, expected):
    assert may_2023[code] == expected


@pytest.mark.parametrize("code", ["esf21_employed", "esf21_age_55_plus", "esf14_inactive_not_in_education",
                                  "esf14_isced_1_2", "esf21_disabilities", "esf21_third_country"])
def test_esf_indicators_nobody_entering_matches_are_zero(may_2023, code):
    assert code not in may_2023


def test_every_indicator_has_a_greek_label_and_a_known_unit():
    for item in indicators():
        assert str(item.label) and item.unit in ("persons", "households", "events")


ROLLUP_PERIODS = [period_parse(code) for code in ("2023-04", "2023-05", "2023-06", "2023-Q2", "2023")]


def test_periods_computed_together_equal_each_computed_alone(may_2023):
    """The rollup fetches the rows of all its periods at once and slices them per period: the
    figures must be those of each period computed on its own (a centre's page asks for one)."""
    together = sorted(indicator_values(periods=ROLLUP_PERIODS))
    alone = sorted(row for period in ROLLUP_PERIODS for row in indicator_values(periods=[period]))
    assert together == alone
    by_period = {period: {(c, b): v for p, c, b, v in together if p == period} for period in ("2023-05", "2023-Q2")}
    assert by_period["2023-05"][("reception_contacts", "")] == 3
    assert by_period["2023-Q2"][("reception_contacts", "")] == 4  # June's contact joins the quarter


def test_more_periods_cost_no_more_queries(may_2023):
    """One query per kind of record whatever the number of periods (the rollup's 20 periods
    cost what one does)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        indicator_values(periods=[MAY])
    with CaptureQueriesContext(connection) as five:
        indicator_values(periods=ROLLUP_PERIODS)
    assert len(five) == len(one)
