"""Dispatch in-process: what is due goes out once through its channel, with the centre's name;
quiet hours hold SMS; opt-outs and missing addresses fail for good; the provider's temporary
failures are retried with backoff."""

import datetime

import pytest
from django.test import override_settings

from casework.factories import PersonFactory
from notifications.dispatch import reminders_dispatch, retry_delay
from notifications.models import Channel, DeliveryAttempt, Reminder, StaffNotification
from notifications.services import channel_opt_out, reminder_create_custom

from .conftest import athens

NOW = athens(2026, 11, 30, 12)


def custom(world, *, channel=Channel.EMAIL, person=None, staff=None, due_at=None, text="Φέρτε το ΑΦΜ σας."):
    return reminder_create_custom(by=world.coordinator, person=person, staff=staff, channel=channel,
                                  due_at=due_at or NOW - datetime.timedelta(minutes=5), text=text)


@pytest.fixture
def sms_file(tmp_path, settings):
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = str(tmp_path / "sms.jsonl")
    return tmp_path / "sms.jsonl"


def sms_lines(path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def test_a_due_email_reminder_is_sent_once_with_the_centres_name(world_a, person, mailoutbox):
    reminder = custom(world_a, person=person)

    reminders_dispatch(now=NOW)
    reminders_dispatch(now=NOW + datetime.timedelta(minutes=1))

    [message] = mailoutbox
    assert message.to == ["maria@example.org"]
    assert world_a.centre.name in message.body
    assert "Φέρτε το ΑΦΜ σας." in message.body
    assert reminder.idempotency_key in message.extra_headers["Message-ID"]
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT
    assert reminder.sent_at == NOW


def test_a_sent_reminder_has_one_sent_delivery_attempt(world_a, person, mailoutbox):
    reminder = custom(world_a, person=person)

    reminders_dispatch(now=NOW)

    assert list(DeliveryAttempt.objects.filter(reminder=reminder).values_list("outcome", "number")) == [
        (DeliveryAttempt.Outcome.SENT, 1)]


def test_a_reminder_not_yet_due_is_left_alone(world_a, person, mailoutbox):
    reminder = custom(world_a, person=person, due_at=NOW + datetime.timedelta(minutes=1))

    reminders_dispatch(now=NOW)

    assert mailoutbox == []
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SCHEDULED


def test_an_in_app_reminder_becomes_a_staff_notification(world_a, in_centre_a):
    reminder = custom(world_a, channel=Channel.IN_APP, staff=world_a.coordinator, text="Τηλεφώνημα στη ΔΥΠΑ")

    reminders_dispatch(now=NOW)

    [notification] = StaffNotification.objects.filter(user=world_a.coordinator)
    assert "Τηλεφώνημα στη ΔΥΠΑ" in notification.text
    assert notification.reminder_id == reminder.pk
    assert notification.read_at is None
    # A colleague reads it in the app: no e-mail signature under it, no centre name in its subject.
    assert notification.text.strip() == "Τηλεφώνημα στη ΔΥΠΑ"
    assert "--" not in notification.text and world_a.centre.name not in notification.subject


def test_an_sms_is_written_by_the_file_backend_in_e164_form(world_a, person, sms_file):
    custom(world_a, channel=Channel.SMS, person=person, text="Ραντεβού αύριο")

    reminders_dispatch(now=NOW)

    [line] = sms_lines(sms_file)
    assert '"to": "+306912345678"' in line
    assert "Ραντεβού αύριο" in line


def test_an_sms_due_in_quiet_hours_waits_until_they_end(world_a, person, sms_file):
    reminder = custom(world_a, channel=Channel.SMS, person=person, due_at=athens(2026, 11, 30, 22))

    reminders_dispatch(now=athens(2026, 11, 30, 22, 30))
    reminders_dispatch(now=athens(2026, 12, 1, 7, 59))
    held = sms_lines(sms_file)
    reminders_dispatch(now=athens(2026, 12, 1, 8, 0))

    assert held == []
    assert len(sms_lines(sms_file)) == 1
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT


def test_an_email_due_in_quiet_hours_is_not_held(world_a, person, mailoutbox):
    custom(world_a, person=person, due_at=athens(2026, 11, 30, 22))

    reminders_dispatch(now=athens(2026, 11, 30, 22, 30))

    assert len(mailoutbox) == 1


def test_quiet_hours_are_the_centres_own(world_a, person, sms_file):
    from notifications.services import notification_settings_update

    notification_settings_update(quiet_start=datetime.time(23, 0), quiet_end=datetime.time(7, 0))
    custom(world_a, channel=Channel.SMS, person=person, due_at=athens(2026, 11, 30, 22))

    reminders_dispatch(now=athens(2026, 11, 30, 22, 30))

    assert len(sms_lines(sms_file)) == 1


def test_a_person_who_opted_out_of_sms_gets_none_and_staff_see_why(world_a, person, sms_file):
    channel_opt_out(person=person, channel=Channel.SMS)
    reminder = custom(world_a, channel=Channel.SMS, person=person)

    reminders_dispatch(now=NOW)

    assert sms_lines(sms_file) == []
    reminder.refresh_from_db()
    assert (reminder.state, reminder.failure_reason) == (Reminder.State.FAILED, Reminder.FailureReason.OPTED_OUT)


def test_opting_out_of_sms_does_not_stop_email(world_a, person, mailoutbox):
    channel_opt_out(person=person, channel=Channel.SMS)
    custom(world_a, channel=Channel.EMAIL, person=person)

    reminders_dispatch(now=NOW)

    assert len(mailoutbox) == 1


def test_an_email_reminder_to_a_person_without_email_fails_for_good(world_a, in_centre_a, mailoutbox):
    reminder = custom(world_a, person=PersonFactory(email=""))

    reminders_dispatch(now=NOW)

    reminder.refresh_from_db()
    assert (reminder.state, reminder.failure_reason) == (Reminder.State.FAILED, Reminder.FailureReason.NO_ADDRESS)
    assert reminder.attempts == 1
    assert mailoutbox == []


def test_an_sms_to_a_landline_fails_for_good(world_a, in_centre_a, sms_file):
    reminder = custom(world_a, channel=Channel.SMS, person=PersonFactory(phone="2821012345"))

    reminders_dispatch(now=NOW)

    reminder.refresh_from_db()
    assert reminder.failure_reason == Reminder.FailureReason.INVALID_PHONE
    assert sms_lines(sms_file) == []


@pytest.fixture
def http_sms(settings, sms_gateway):
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_URL = sms_gateway.url
    return sms_gateway


def test_a_temporary_gateway_failure_is_retried_after_the_backoff(world_a, person, http_sms):
    http_sms.statuses = [503]
    reminder = custom(world_a, channel=Channel.SMS, person=person)

    reminders_dispatch(now=NOW)
    reminder.refresh_from_db()

    assert reminder.state == Reminder.State.SCHEDULED
    assert reminder.attempts == 1
    assert reminder.next_attempt_at == NOW + retry_delay(1)
    assert "503" in reminder.last_error


def test_a_retried_reminder_is_sent_once_the_backoff_has_passed(world_a, person, http_sms):
    http_sms.statuses = [503]
    reminder = custom(world_a, channel=Channel.SMS, person=person)
    reminders_dispatch(now=NOW)

    reminders_dispatch(now=NOW + retry_delay(1) - datetime.timedelta(seconds=1))
    too_early = len(http_sms.received)
    reminders_dispatch(now=NOW + retry_delay(1))

    assert too_early == 1
    reminder.refresh_from_db()
    assert (reminder.state, reminder.attempts) == (Reminder.State.SENT, 2)
    assert list(reminder.attempts_log.values_list("outcome", flat=True)) == [
        DeliveryAttempt.Outcome.TEMPORARY_FAILURE, DeliveryAttempt.Outcome.SENT]


def test_the_backoff_doubles_with_each_attempt(settings):
    settings.REMINDER_RETRY_SECONDS = 60

    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]


@override_settings(REMINDER_MAX_ATTEMPTS=2)
def test_a_reminder_fails_for_good_after_the_last_temporary_failure(world_a, person, http_sms):
    http_sms.statuses = [503, 503]
    reminder = custom(world_a, channel=Channel.SMS, person=person)

    reminders_dispatch(now=NOW)
    reminders_dispatch(now=NOW + retry_delay(1))

    reminder.refresh_from_db()
    assert (reminder.state, reminder.failure_reason) == (Reminder.State.FAILED, Reminder.FailureReason.GAVE_UP)


def test_a_gateway_refusal_fails_for_good_without_retry(world_a, person, http_sms):
    http_sms.statuses = [400]
    reminder = custom(world_a, channel=Channel.SMS, person=person)

    reminders_dispatch(now=NOW)
    reminders_dispatch(now=NOW + datetime.timedelta(days=1))

    reminder.refresh_from_db()
    assert (reminder.state, reminder.failure_reason) == (Reminder.State.FAILED, Reminder.FailureReason.REJECTED)
    assert len(http_sms.received) == 1


def test_a_row_left_sending_by_a_dead_worker_is_claimed_again_after_the_lease(world_a, person, mailoutbox, settings):
    reminder = custom(world_a, person=person)
    Reminder.objects.filter(pk=reminder.pk).update(state=Reminder.State.SENDING, claimed_at=NOW)

    reminders_dispatch(now=NOW + datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS - 1))
    within_lease = len(mailoutbox)
    reminders_dispatch(now=NOW + datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS + 1))

    assert within_lease == 0
    assert len(mailoutbox) == 1


def test_an_sms_sent_again_after_a_crash_is_written_once(world_a, person, sms_file):
    """The worker died after the provider took the message and before recording it: the row is
    claimed again after the lease and re-sent with the same key, which the provider drops."""
    from notifications import sms

    reminder = custom(world_a, channel=Channel.SMS, person=person)
    sms.FileBackend(sms_file).send("+306912345678", "…", idempotency_key=reminder.idempotency_key)

    reminders_dispatch(now=NOW)

    assert len(sms_lines(sms_file)) == 1
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT


def test_a_batch_smaller_than_the_due_rows_still_sends_them_all_in_one_run(world_a, person, mailoutbox):
    for n in range(7):
        custom(world_a, person=person, text=f"Μήνυμα {n}")

    result = reminders_dispatch(now=NOW, batch_size=3)

    assert (result.sent, result.batches) == (7, 3)
    assert len(mailoutbox) == 7


def test_the_sms_text_is_signed_with_the_centres_name_and_phone(world_a, person, sms_file):
    from notifications.services import notification_settings_update

    notification_settings_update(quiet_start=datetime.time(21), quiet_end=datetime.time(8),
                                 contact_phone="2825023456")
    custom(world_a, channel=Channel.SMS, person=person, text="Ραντεβού αύριο")

    reminders_dispatch(now=NOW)

    [line] = sms_lines(sms_file)
    assert f"{world_a.centre.name}, 2825023456" in line


def test_a_renewal_email_is_rendered_from_the_greek_template_with_its_dates(world_a, benefit_application,
                                                                            mailoutbox):
    from notifications.services import reminder_schedule

    reminder_schedule(about=benefit_application, purpose="renewal", person=benefit_application.person,
                      channel=Channel.EMAIL, due_at=NOW - datetime.timedelta(minutes=1), template="benefit_renewal",
                      context={"benefit": "ΚΕΑ", "renewal_due": "2026-12-15"})

    reminders_dispatch(now=NOW)

    [message] = mailoutbox
    assert "Η αίτησή σας για ΚΕΑ πρέπει να ανανεωθεί έως 15/12/2026." in message.body
    assert world_a.centre.name in message.subject


def test_a_batch_that_outlives_half_its_lease_gives_the_rest_back_unsent(world_a, person, mailoutbox, settings):
    settings.REMINDER_LEASE_SECONDS = 0  # every batch is already past half of it
    reminders = [custom(world_a, person=person, text=f"{n}") for n in range(3)]

    result = reminders_dispatch(now=NOW)

    assert (result.sent, result.released) == (0, 3)
    assert mailoutbox == []
    assert {r.state for r in Reminder.objects.filter(pk__in=[r.pk for r in reminders])} == {Reminder.State.SCHEDULED}
