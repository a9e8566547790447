"""Casework keeps its reminders in step: pathway steps remind their owner, ΚΕΑ/ΕΕΕ renewals
remind the person and the worker, and a change or an end to the thing updates or cancels them."""

import datetime

import pytest
from django.utils import timezone

from casework.factories import PersonFactory
from casework.services import aid, cases
from notifications.models import Reminder
from platform_core.accounts.roles import Role


@pytest.fixture
def worker(world_a, in_centre_a):
    return world_a.users[Role.SOCIAL_WORKER]


@pytest.fixture
def goal(world_a, worker):
    case = cases.case_open(person=PersonFactory(), by=world_a.coordinator, assigned_worker=worker,
                           needs=["employment"])
    return cases.goal_add(case=case, by=worker, title="Εύρεση εργασίας", area="employment")


def reminders_about(obj):
    return Reminder.objects.filter(about_id=obj.pk)


def local(moment: datetime.datetime) -> tuple:
    moment = timezone.localtime(moment)
    return moment.date(), moment.time()


def test_a_new_step_reminds_its_owner_in_the_app_on_the_morning_it_is_due(goal, worker):
    due = timezone.localdate() + datetime.timedelta(days=10)

    step = cases.step_add(goal=goal, by=worker, title="Ραντεβού στη ΔΥΠΑ", owner=worker, due_date=due)

    [reminder] = reminders_about(step)
    assert (reminder.staff, reminder.channel, reminder.state) == (worker, "in_app", "scheduled")
    assert local(reminder.due_at) == (due, datetime.time(8, 30))
    assert reminder.context["step_title"] == "Ραντεβού στη ΔΥΠΑ"


def test_moving_a_step_moves_its_reminder_and_hands_it_to_the_new_owner(goal, worker, world_a):
    step = cases.step_add(goal=goal, by=worker, title="Βιογραφικό", owner=worker,
                          due_date=timezone.localdate() + datetime.timedelta(days=3))
    psychologist, later = world_a.users[Role.PSYCHOLOGIST], timezone.localdate() + datetime.timedelta(days=20)

    cases.step_update(step=step, by=worker, due_date=later, owner=psychologist)

    [reminder] = reminders_about(step)
    assert local(reminder.due_at)[0] == later and reminder.staff == psychologist


def test_a_completed_or_cancelled_step_reminds_nobody(goal, worker):
    done = cases.step_add(goal=goal, by=worker, title="Α", owner=worker, due_date=timezone.localdate())
    dropped = cases.step_add(goal=goal, by=worker, title="Β", owner=worker, due_date=timezone.localdate())

    cases.step_complete(step=done, by=worker)
    cases.step_cancel(step=dropped, by=worker)

    assert set(Reminder.objects.filter(about_id__in=[done.pk, dropped.pk]).values_list("state", flat=True)) == {
        "cancelled"}


def test_closing_a_case_cancels_the_reminders_of_its_open_steps(goal, worker):
    step = cases.step_add(goal=goal, by=worker, title="Α", owner=worker,
                          due_date=timezone.localdate() + datetime.timedelta(days=5))

    cases.case_close(case=goal.plan.case, by=worker, reason="goals_met")

    assert reminders_about(step).get().state == "cancelled"


def test_a_submitted_kea_application_reminds_the_person_by_sms_and_the_worker_two_weeks_before_renewal(worker):
    person = PersonFactory(phone="6912345678")
    application = aid.benefit_create(person=person, by=worker)
    submitted = timezone.localdate() - datetime.timedelta(days=30)

    aid.benefit_submit(application=application, by=worker, submitted_on=submitted)

    reminders = {reminder.channel: reminder for reminder in reminders_about(application)}
    assert reminders["sms"].person == person and reminders["in_app"].staff == worker
    expected_day = application.renewal_due - datetime.timedelta(days=14)
    assert {local(reminder.due_at)[0] for reminder in reminders.values()} == {expected_day}
    assert reminders["sms"].context["renewal_due"] == application.renewal_due.isoformat()


def test_a_rejected_application_cancels_its_renewal_reminders(worker):
    application = aid.benefit_create(person=PersonFactory(phone="6912345678"), by=worker)
    aid.benefit_submit(application=application, by=worker, submitted_on=timezone.localdate())

    aid.benefit_decide(application=application, by=worker, approved=False, decided_on=timezone.localdate())

    assert set(reminders_about(application).values_list("state", flat=True)) == {"cancelled"}


def test_a_person_without_phone_or_email_gets_no_renewal_message_but_the_worker_is_reminded(worker):
    application = aid.benefit_create(person=PersonFactory(phone="", email=""), by=worker)

    aid.benefit_submit(application=application, by=worker, submitted_on=timezone.localdate())

    assert list(reminders_about(application).values_list("channel", flat=True)) == ["in_app"]
