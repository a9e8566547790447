"""The indicators of programmes (participants, sessions held, attendance, appointments) and of
referrals (by state, service category and days to answer), hand-counted over last month in
centre A, with records just outside it. The test world has records of its own: the tests compare
what the records added."""

import datetime
from collections import Counter

import pytest
from django.utils import timezone

from casework.factories import PersonFactory
from casework.models import Referral, Site
from casework.services import referrals
from platform_core.accounts.roles import Role
from programs.models import Appointment, Attendance, Enrolment, Programme, Session
from regional.indicators import indicator_values
from regional.periods import period_parse
from tests.casework.referral_fixtures import due, organization, service  # noqa: F401

TODAY = timezone.localdate()
LAST_MONTH_END = TODAY.replace(day=1) - datetime.timedelta(days=1)
LAST_MONTH = period_parse(f"{LAST_MONTH_END:%Y-%m}")


def at(day: int, *, month_end: datetime.date = LAST_MONTH_END) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(month_end.year, month_end.month, day, 10, 0))


CODES = ["programme_participants", "programme_sessions", "programme_attendance", "appointments", "referrals_sent"]


def all_values() -> dict[str, Counter]:
    found: dict[str, Counter] = {code: Counter() for code in CODES}
    for _period, code, breakdown, value in indicator_values(periods=[LAST_MONTH], codes=CODES):
        found[code][breakdown] = value
    return found


@pytest.fixture
def added(in_centre_a):
    """``added(code)``: what the test's records added to the indicator, zeros left out."""
    before = all_values()

    def delta(code: str) -> dict[str, int]:
        after = all_values()[code]
        after.subtract(before[code])
        return {key: value for key, value in after.items() if value}

    return delta


@pytest.fixture
def worker(world_a):
    return world_a.users[Role.SOCIAL_WORKER]


@pytest.fixture
def person(in_centre_a):
    return PersonFactory(gender="female", birth_date=datetime.date(1990, 1, 1))


@pytest.fixture
def programmes_last_month(added, in_centre_a, coordinator, worker, person):
    site = Site.objects.order_by("created_at").first()
    boy = PersonFactory(gender="male", birth_date=TODAY - datetime.timedelta(days=365 * 12))
    absent = PersonFactory(gender="male", birth_date=datetime.date(1950, 1, 1))
    dates = {"starts_on": LAST_MONTH.start - datetime.timedelta(days=40),
             "ends_on": TODAY + datetime.timedelta(days=60)}
    workshop = Programme.objects.create(kind="workshop", title="Σεμινάριο", capacity=10, site=site, status="running",
                                        **dates)
    tutoring = Programme.objects.create(kind="tutoring", title="Φροντιστήριο", capacity=10, site=site,
                                        status="running", **dates)

    def session(programme, day, **fields):
        start = at(day)
        return Session.objects.create(programme=programme, site=site, starts_at=start,
                                      ends_at=start + datetime.timedelta(hours=2), **fields)

    def enrol(programme, who):
        return Enrolment.objects.create(programme=programme, person=who, status="enrolled", by=coordinator)

    w1, w2 = session(workshop, 5), session(workshop, 12)
    t1 = session(tutoring, 6)
    cancelled = session(workshop, 19, status=Session.Status.CANCELLED)
    after = Session.objects.create(programme=workshop, site=site, starts_at=at(1, month_end=TODAY) + datetime.timedelta(
        days=32), ends_at=at(1, month_end=TODAY) + datetime.timedelta(days=32, hours=2))
    ew, eb, ea, et = enrol(workshop, person), enrol(workshop, boy), enrol(workshop, absent), enrol(tutoring, person)
    marks = [(w1, ew, "present"), (w2, ew, "present"), (w1, eb, "present"), (w2, eb, "excused"),
             (w1, ea, "absent"), (w2, ea, "absent"), (t1, et, "present"), (cancelled, ea, "present"),
             (after, ea, "present")]
    for held, enrolment, mark in marks:
        Attendance.objects.create(session=held, enrolment=enrolment, mark=mark, marked_by=coordinator)
    for day, status in [(3, "attended"), (4, "attended"), (7, "missed"), (8, "cancelled")]:
        Appointment.objects.create(person=person, staff=worker, site=site, starts_at=at(day),
                                   ends_at=at(day) + datetime.timedelta(hours=1), purpose="Συνάντηση", status=status,
                                   booked_by=worker)
    Appointment.objects.create(person=person, staff=worker, site=site, starts_at=at(1, month_end=TODAY),
                               ends_at=at(1, month_end=TODAY) + datetime.timedelta(hours=1),
                               purpose="Σε αυτόν τον μήνα", booked_by=worker)


def test_participants_are_people_present_at_a_held_session_by_gender_age_and_kind(programmes_last_month, added):
    # The woman (both kinds) and the boy; the man only absent, or present at a cancelled session.
    assert added("programme_participants") == {
        "": 2, "gender=women": 1, "gender=men": 1, "age_group=30-54": 1, "age_group=0-17": 1,
        "programme_kind=workshop": 2, "programme_kind=tutoring": 1}


def test_sessions_held_exclude_cancelled_ones_and_other_months(programmes_last_month, added):
    assert added("programme_sessions") == {"": 3, "programme_kind=workshop": 2, "programme_kind=tutoring": 1}


def test_attendance_marks_of_held_sessions(programmes_last_month, added):
    assert added("programme_attendance") == {"": 7, "mark=present": 4, "mark=excused": 1, "mark=absent": 2}


def test_appointments_of_the_month_by_state(programmes_last_month, added):
    assert added("appointments") == {"": 4, "state=attended": 2, "state=missed": 1, "state=cancelled": 1}


def test_referrals_sent_by_state_category_and_days_to_answer(added, in_centre_a, person, worker, service):  # noqa: F811
    referrals.consent_record(person=person, by=worker, organization=service.organization, purpose="Παραπομπή",
                             categories=["identity"], given_on=LAST_MONTH.start)

    def sent(day: int, **changes) -> None:
        referral = referrals.referral_create(person=person, by=worker, service=service, categories=["identity"],
                                             reason="x", due_on=due())
        referral = referrals.referral_send(referral=referral, by=worker)
        Referral.objects.filter(pk=referral.pk).update(sent_on=at(day).date(), **changes)

    sent(2)
    sent(3, status="accepted", answered_on=at(5).date())
    sent(4, status="declined", answered_on=at(20).date())
    sent(5, status="completed", outcome="successful", answered_on=at(6).date())
    sent(1, status="accepted", answered_on=at(1).date() + datetime.timedelta(days=40))
    Referral.objects.filter(sent_on=at(1).date()).update(sent_on=TODAY)  # this month: outside

    assert added("referrals_sent") == {
        "": 4, "state=sent": 1, "state=accepted": 1, "state=declined": 1, "state=successful": 1,
        "answer_days=unanswered": 1, "answer_days=0-7": 2, "answer_days=8-30": 1, "category=mental_health": 4}
