"""The operator console's jobs page: reminders per centre by state (counts only) and the last run
of every scheduled job, a failed one visible."""

import datetime

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from notifications.models import Channel, Reminder
from notifications.services import reminder_create_custom
from notifications.tasks import DISPATCH_JOB, FAN_OUT_JOB, reminders_dispatch_centre
from tenants.models import JobRun

JOBS_PAGE = "/operator/jobs/"


@pytest.fixture
def operator_client(public_world):
    return public_world.client(public_world.operator)


def test_a_failed_dispatch_of_a_centre_is_shown_with_its_error_class(operator_client, world_a):
    now = timezone.now()
    JobRun.objects.create(job=DISPATCH_JOB, centre_schema=world_a.centre.schema_name, status=JobRun.Status.FAILED,
                          started_at=now, finished_at=now, error_class="psycopg2.OperationalError",
                          failures_in_a_row=3)

    page = operator_client.get(JOBS_PAGE).content.decode()

    row = page[page.index('data-testid="failing-centre"'):]
    row = row[: row.index("</tr>")]
    assert world_a.centre.name in row
    assert "psycopg2.OperationalError" in row
    assert "Αποτυχία" in row


def test_a_failing_task_records_its_failure_for_the_operator(world_a, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("notifications.tasks.reminders_dispatch", broken)
    with schema_context(world_a.centre.schema_name), pytest.raises(RuntimeError):
        reminders_dispatch_centre.apply(throw=True)

    run = JobRun.objects.get(job=DISPATCH_JOB, centre_schema=world_a.centre.schema_name)
    assert (run.status, run.error_class, run.failures_in_a_row) == (JobRun.Status.FAILED, "builtins.RuntimeError", 1)


def test_the_page_counts_each_centres_reminders_by_state(operator_client, world_a, world_b):
    with schema_context(world_a.centre.schema_name):
        for state in (Reminder.State.SENT, Reminder.State.FAILED, Reminder.State.FAILED):
            reminder = reminder_create_custom(by=world_a.coordinator, staff=world_a.coordinator,
                                              channel=Channel.IN_APP, due_at=timezone.now(), text="x")
            Reminder.objects.filter(pk=reminder.pk).update(state=state)

    page = operator_client.get(JOBS_PAGE).content.decode()

    row = page[page.index(world_a.centre.name):]
    row = row[: row.index("</tr>")]
    # scheduled (the fixture reminder), sending, sent, failed
    assert [cell.split("<")[0] for cell in row.split("<td>")[1:5]] == ["1", "0", "1", ""]
    assert 'status-failed">2<' in row


def test_the_platform_fan_out_shows_its_last_run(operator_client):
    now = timezone.now()
    JobRun.objects.create(job=FAN_OUT_JOB, centre_schema="", status=JobRun.Status.SUCCEEDED,
                          started_at=now - datetime.timedelta(seconds=1), finished_at=now, last_success_at=now)

    page = operator_client.get(JOBS_PAGE).content.decode()

    assert FAN_OUT_JOB in page
    assert "Επιτυχία" in page


def test_the_jobs_page_is_for_operators_only(public_world):
    response = public_world.client(public_world.region_user).get(JOBS_PAGE)

    assert response.status_code == 403
