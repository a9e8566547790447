"""Reminders follow the thing they are about: scheduled once, updated when it changes, cancelled
with it, and never rescheduled once sent."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from notifications.models import Channel, Reminder
from notifications.services import reminder_create_custom, reminder_schedule, reminders_cancel

from .conftest import athens


def casework_reminders():
    """Reminders about casework objects (each centre also has a fixture reminder of its own)."""
    return Reminder.objects.filter(about_type__startswith="casework.")


def schedule_step_reminder(step, *, due_at=None):
    return reminder_schedule(
        about=step, purpose="due", staff=step.owner, channel=Channel.IN_APP,
        due_at=due_at or athens(2026, 11, 30, 9), template="pathway_step_due",
        context={"step_title": step.title, "due_date": step.due_date.isoformat()},
    )


def test_scheduling_a_pathway_step_reminder_creates_one_scheduled_row(pathway_step):
    reminder = schedule_step_reminder(pathway_step)

    assert reminder.state == Reminder.State.SCHEDULED
    assert reminder.kind == Reminder.Kind.PATHWAY_STEP
    assert (reminder.about_type, reminder.about_id) == ("casework.pathwaystep", pathway_step.pk)
    assert casework_reminders().count() == 1


def test_changing_the_steps_due_date_updates_the_same_reminder(pathway_step):
    first = schedule_step_reminder(pathway_step)
    pathway_step.due_date = datetime.date(2026, 12, 20)

    again = schedule_step_reminder(pathway_step, due_at=athens(2026, 12, 19, 9))

    assert again.pk == first.pk
    assert again.idempotency_key == first.idempotency_key
    assert casework_reminders().get().due_at == athens(2026, 12, 19, 9)
    assert casework_reminders().get().next_attempt_at == athens(2026, 12, 19, 9)


def test_the_idempotency_key_is_the_same_for_the_same_object_purpose_and_channel(pathway_step):
    first = schedule_step_reminder(pathway_step)
    casework_reminders().all().delete()

    assert schedule_step_reminder(pathway_step).idempotency_key == first.idempotency_key


def test_cancelling_the_step_cancels_its_reminder(pathway_step):
    schedule_step_reminder(pathway_step)

    cancelled = reminders_cancel(about=pathway_step)

    assert cancelled == 1
    assert casework_reminders().get().state == Reminder.State.CANCELLED


def test_a_cancelled_reminder_is_scheduled_again_when_the_step_is_reopened(pathway_step):
    schedule_step_reminder(pathway_step)
    reminders_cancel(about=pathway_step)

    reminder = schedule_step_reminder(pathway_step)

    assert reminder.state == Reminder.State.SCHEDULED
    assert casework_reminders().count() == 1


def test_a_sent_reminder_is_never_rescheduled(pathway_step):
    reminder = schedule_step_reminder(pathway_step)
    Reminder.objects.filter(pk=reminder.pk).update(state=Reminder.State.SENT)

    again = schedule_step_reminder(pathway_step, due_at=athens(2027, 1, 5, 9))

    assert again.state == Reminder.State.SENT
    assert casework_reminders().get().due_at == athens(2026, 11, 30, 9)


def test_a_sent_reminder_is_not_cancelled_with_its_step(pathway_step):
    reminder = schedule_step_reminder(pathway_step)
    Reminder.objects.filter(pk=reminder.pk).update(state=Reminder.State.SENT)

    assert reminders_cancel(about=pathway_step) == 0
    assert casework_reminders().get().state == Reminder.State.SENT


def test_benefit_renewal_reminder_follows_the_renewal_date(benefit_application):
    def schedule():
        return reminder_schedule(
            about=benefit_application, purpose="renewal", person=benefit_application.person, channel=Channel.SMS,
            due_at=athens(2026, 12, 1, 10) if benefit_application.renewal_due.day == 15 else athens(2027, 1, 1, 10),
            template="benefit_renewal",
            context={"benefit": "ΚΕΑ", "renewal_due": benefit_application.renewal_due.isoformat()},
        )

    first = schedule()
    benefit_application.renewal_due = datetime.date(2027, 1, 15)
    second = schedule()

    assert second.pk == first.pk
    assert second.kind == Reminder.Kind.BENEFIT_RENEWAL
    assert casework_reminders().get().context["renewal_due"] == "2027-01-15"


def test_cancelling_one_purpose_leaves_the_others(benefit_application):
    for purpose in ("renewal", "documents"):
        reminder_schedule(about=benefit_application, purpose=purpose, person=benefit_application.person,
                          channel=Channel.EMAIL, due_at=athens(2026, 12, 1, 10), template="benefit_renewal")

    reminders_cancel(about=benefit_application, purpose="documents")

    assert dict(casework_reminders().values_list("purpose", "state")) == {
        "renewal": Reminder.State.SCHEDULED, "documents": Reminder.State.CANCELLED}


def test_in_app_reminders_are_refused_for_a_person(pathway_step, person):
    with pytest.raises(ValidationError) as error:
        reminder_schedule(about=pathway_step, person=person, channel=Channel.IN_APP,
                          due_at=athens(2026, 12, 1, 10), template="pathway_step_due")

    assert "channel" in error.value.message_dict


def test_a_reminder_needs_exactly_one_recipient(pathway_step, person):
    with pytest.raises(ValidationError) as error:
        reminder_schedule(about=pathway_step, person=person, staff=pathway_step.owner, channel=Channel.EMAIL,
                          due_at=athens(2026, 12, 1, 10), template="pathway_step_due")

    assert "recipient" in error.value.message_dict


def test_custom_reminders_each_get_their_own_key(world_a, person):
    first = reminder_create_custom(by=world_a.coordinator, person=person, channel=Channel.SMS,
                                   due_at=athens(2026, 12, 1, 10), text="Φέρτε το εκκαθαριστικό.")
    second = reminder_create_custom(by=world_a.coordinator, person=person, channel=Channel.SMS,
                                    due_at=athens(2026, 12, 1, 10), text="Φέρτε το εκκαθαριστικό.")

    assert first.idempotency_key != second.idempotency_key
    assert first.kind == Reminder.Kind.CUSTOM


def test_scheduling_again_with_the_same_time_keeps_the_retry_schedule(pathway_step):
    reminder = schedule_step_reminder(pathway_step)
    later = athens(2026, 11, 30, 9, 4)
    Reminder.objects.filter(pk=reminder.pk).update(attempts=2, next_attempt_at=later)

    schedule_step_reminder(pathway_step)

    reminder.refresh_from_db()
    assert (reminder.attempts, reminder.next_attempt_at) == (2, later)
