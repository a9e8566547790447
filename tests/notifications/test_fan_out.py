"""One beat entry, one fan-out: every active centre's dispatch is queued, in its own schema."""

import pytest
from django.conf import settings
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from notifications.tasks import DISPATCH_JOB, FAN_OUT_JOB, reminders_fan_out
from platform_core.celery import app
from tenants.models import JobRun
from tenants.services import centre_create, centre_suspend


@pytest.fixture
def purge_test_queue():
    yield
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)


def test_the_beat_schedule_has_one_reminder_entry_for_all_centres():
    entries = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == FAN_OUT_JOB]

    assert entries == [{"task": FAN_OUT_JOB, "schedule": 60.0}]


def test_the_database_scheduler_writes_the_entry_once_however_often_beat_starts(db):
    # What DatabaseScheduler.update_from_dict does with each configured entry at every start.
    for _start in range(2):
        for name, entry in app.conf.beat_schedule.items():
            DatabaseScheduler.Entry.from_entry(name, app=app, **entry)

    assert PeriodicTask.objects.filter(task=FAN_OUT_JOB).count() == 1


def test_the_fan_out_queues_one_dispatch_per_active_centre_in_its_schema(worlds, db, published_tasks,
                                                                         purge_test_queue):
    suspended = centre_create(slug="gamma-off", name="Κέντρο Γάμμα", municipality="apokoronas",
                              region="crete").centre
    centre_suspend(centre=suspended)

    queued = reminders_fan_out.apply().get()

    schemas = sorted(task.schema for task in published_tasks if task.name == DISPATCH_JOB)
    assert schemas == sorted([worlds["a"].centre.schema_name, worlds["b"].centre.schema_name])
    assert queued == 2


def test_the_fan_out_records_its_run_for_the_operator(worlds, db, published_tasks, purge_test_queue):
    reminders_fan_out.apply().get()

    run = JobRun.objects.get(job=FAN_OUT_JOB, centre_schema="")
    assert run.status == JobRun.Status.SUCCEEDED
    assert run.summary == {"centres": 2}
