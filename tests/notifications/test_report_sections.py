"""The casework sections of the centre report count what happened in the period, and only that."""

import datetime

import pytest
from django.utils import timezone

from casework.factories import (
    CaseFactory,
    ContactNoteFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    PersonFactory,
    ReceptionContactFactory,
)
from casework.models import AidReceipt, AidRound, BenefitApplication, Case, ContactNote, Gender, Topic
from notifications.reports import registry
from notifications.reports.registry import ReportSection, report_section, report_sections
from platform_core.accounts.roles import Role

MARCH = (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))


def at(day: int, month: int = 3, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2025, month, day, hour))


def section(title_start: str, period=MARCH) -> ReportSection:
    [found] = [s for s in report_sections(date_from=period[0], date_to=period[1]) if s.title.startswith(title_start)]
    return found


def value(found: ReportSection, label: str, column: int = 1):
    [row] = [row for row in found.rows if row[0] == label]
    return row[column]


@pytest.fixture
def worker(world_a, in_centre_a):
    return world_a.users[Role.SOCIAL_WORKER]


def test_three_contacts_by_topic_appear_under_their_topics(worker):
    for topic in (Topic.BENEFITS, Topic.BENEFITS, Topic.PENSIONS):
        ReceptionContactFactory(topic=topic, contacted_at=at(10), staff=worker)

    contacts = section("Επαφές υποδοχής")

    assert value(contacts, Topic.BENEFITS.label) == 2
    assert value(contacts, Topic.PENSIONS.label) == 1
    assert value(contacts, Topic.FOREIGNERS.label) == 0
    assert value(contacts, "Σύνολο") == 3


def test_contacts_on_the_periods_first_and_last_day_count_and_the_next_day_does_not(worker):
    ReceptionContactFactory(contacted_at=at(1, hour=0), staff=worker)
    ReceptionContactFactory(contacted_at=at(31, hour=23), staff=worker)
    ReceptionContactFactory(contacted_at=at(1, month=4, hour=0), staff=worker)

    assert value(section("Επαφές υποδοχής"), "Σύνολο") == 2


def test_a_person_with_activity_only_outside_the_period_is_not_counted(worker):
    ReceptionContactFactory(contacted_at=at(10), staff=worker, person=PersonFactory(gender=Gender.FEMALE))
    ContactNoteFactory(occurred_at=at(10, month=4), author=worker, person=PersonFactory(gender=Gender.MALE))

    people = section("Ωφελούμενοι")

    assert value(people, "Ωφελούμενοι (άτομα)") == 1
    assert value(people, "— " + Gender.FEMALE.label) == 1
    assert value(people, "— " + Gender.MALE.label) == 0


def test_people_are_counted_once_by_gender_and_families_are_their_households(worker):
    household = HouseholdFactory()
    mother = HouseholdMemberFactory(household=household).person
    son = HouseholdMemberFactory(household=household, relation="child", person=PersonFactory(gender=Gender.MALE)).person
    mother.gender = Gender.FEMALE
    mother.save()
    ReceptionContactFactory(contacted_at=at(3), staff=worker, person=mother)
    ContactNoteFactory(occurred_at=at(4), author=worker, person=mother)
    CaseFactory(person=son, intake_date=MARCH[0], assigned_worker=worker)
    ReceptionContactFactory(contacted_at=at(5), staff=worker, person=PersonFactory(gender=Gender.NON_BINARY))

    people = section("Ωφελούμενοι")

    assert value(people, "Ωφελούμενοι (άτομα)") == 3
    assert [value(people, "— " + g.label) for g in (Gender.FEMALE, Gender.MALE, Gender.NON_BINARY)] == [1, 1, 1]
    assert value(people, "Οικογένειες (νοικοκυριά)") == 1


def test_new_cases_and_closed_cases_by_reason(worker):
    CaseFactory(intake_date=datetime.date(2025, 3, 5), assigned_worker=worker)
    CaseFactory(intake_date=datetime.date(2025, 2, 5), assigned_worker=worker, status=Case.Status.CLOSED,
                closed_reason=Case.ClosedReason.GOALS_MET, closed_at=at(20))
    CaseFactory(intake_date=datetime.date(2025, 1, 5), assigned_worker=worker, status=Case.Status.CLOSED,
                closed_reason=Case.ClosedReason.MOVED, closed_at=at(20, month=4))

    cases = section("Φάκελοι")

    assert value(cases, "Νέοι φάκελοι") == 1
    assert value(cases, "Φάκελοι που έκλεισαν") == 1
    assert value(cases, "— " + Case.ClosedReason.GOALS_MET.label) == 1
    assert value(cases, "— " + Case.ClosedReason.MOVED.label) == 0
    assert value(cases, "Ενεργοί φάκελοι στο τέλος της περιόδου") == 2


def test_counselling_sessions_are_counted_by_kind_with_people_and_no_note_text(worker):
    person = PersonFactory()
    ContactNoteFactory(occurred_at=at(6), author=worker, person=person, text="απόρρητο κείμενο", sensitive=True)
    ContactNoteFactory(occurred_at=at(7), author=worker, person=person)
    ContactNoteFactory(occurred_at=at(8), author=worker, kind=ContactNote.Kind.HOME_VISIT)

    counselling = section("Συνεδρίες")

    assert counselling.rows[0] == [ContactNote.Kind.COUNSELLING.label, 2, 1]
    assert value(counselling, "Σύνολο", 1) == 3
    assert value(counselling, "Σύνολο", 2) == 2
    assert "απόρρητο" not in repr(counselling)
    assert person.last_name not in repr(report_sections(date_from=MARCH[0], date_to=MARCH[1]))


def test_kea_applications_submitted_approved_rejected_and_renewals_due(worker):
    def application(**fields):
        return BenefitApplication.objects.create(person=PersonFactory(), handled_by=worker, **fields)

    application(status=BenefitApplication.Status.SUBMITTED, submitted_on=datetime.date(2025, 3, 2))
    application(status=BenefitApplication.Status.APPROVED, submitted_on=datetime.date(2025, 2, 2),
                decided_on=datetime.date(2025, 3, 12), renewal_due=datetime.date(2025, 9, 12))
    application(status=BenefitApplication.Status.REJECTED, submitted_on=datetime.date(2025, 3, 3),
                decided_on=datetime.date(2025, 3, 20))
    application(status=BenefitApplication.Status.APPROVED, decided_on=datetime.date(2024, 9, 25),
                renewal_due=datetime.date(2025, 3, 25))
    application(kind=BenefitApplication.Kind.HOUSING, status=BenefitApplication.Status.SUBMITTED,
                submitted_on=datetime.date(2025, 3, 2))

    kea = section("Αιτήσεις ΚΕΑ")

    assert [row[1] for row in kea.rows] == [2, 1, 1, 1]


def test_aid_receipts_are_counted_per_round_kind_with_households(worker):
    teba = AidRound.objects.create(kind=AidRound.Kind.TEBA, title="ΤΕΒΑ Μαρτίου", distributed_on=MARCH[0])
    grocery = AidRound.objects.create(kind=AidRound.Kind.GROCERY, title="Παντοπωλείο", distributed_on=MARCH[0])
    first, second = HouseholdFactory(), HouseholdFactory()
    for aid_round, household in ((teba, first), (teba, second), (grocery, first)):
        AidReceipt.objects.create(round=aid_round, household=household, received_at=at(15), recorded_by=worker)

    aid = section("Υλική συνδρομή")

    assert value(aid, AidRound.Kind.TEBA.label, 2) == 2
    assert value(aid, AidRound.Kind.GROCERY.label, 3) == 1
    assert aid.rows[-1] == ["Σύνολο", 2, 3, 2]
    assert value(section("Ωφελούμενοι"), "Οικογένειες (νοικοκυριά)") == 2


@pytest.fixture
def restored_registry():
    saved = list(registry._builders)
    yield
    registry._builders[:] = saved


def test_another_apps_section_takes_its_place_in_the_report_by_order(restored_registry, in_centre_a):
    before = [s.title for s in report_sections(date_from=MARCH[0], date_to=MARCH[1])]
    # A section ordered between casework's last (160) and programmes' first (300).
    @report_section(order=250)
    def workshops(*, date_from, date_to):
        return ReportSection(title="Εργαστήρια δοκιμής", header=["Πρόγραμμα", "Συμμετοχές"], rows=[["Σεμινάρια", 4]])

    @report_section(order=105)
    def nothing_to_show(*, date_from, date_to):
        return None

    titles = [s.title for s in report_sections(date_from=MARCH[0], date_to=MARCH[1])]

    assert titles[0].startswith("Ωφελούμενοι")
    assert len(titles) == len(before) + 1  # the declining section adds nothing
    position = titles.index("Εργαστήρια δοκιμής")
    assert titles[:position] + titles[position + 1:] == before
    assert titles[position - 1] == "Παραπομπές και κλείσιμο του κύκλου"  # casework's last, order 160
    assert titles[position + 1].startswith("Προγράμματα:")  # programmes' first, order 300
