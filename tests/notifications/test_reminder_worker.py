"""No loss, no duplicates, with a real Redis broker and real worker processes: a worker killed
(SIGKILL) in the middle of a batch, and Redis flushed in the middle of a run.

Each test runs its own worker on a queue of its own, with the slow file SMS backend, a short
lease and small batches; every SMS line carries the reminder's idempotency key, so "exactly
once" is counted, not assumed.
"""

import datetime
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import PersonFactory
from notifications.models import Channel, DeliveryAttempt, NotificationSettings, Reminder
from notifications.services import notification_settings_update, reminder_create_custom
from notifications.tasks import reminders_dispatch_centre, reminders_fan_out
from platform_core.celery import app
from tests.celery_worker import _stop, _wait_until_answering, _worker_environment

QUEUE = "koinotita-test-reminders"
LEASE_SECONDS = 2
DONE_TIMEOUT = 30.0


@dataclass
class Worker:
    process: subprocess.Popen
    hostname: str

    def kill(self) -> None:
        """SIGKILL to the worker and its pool child at once: no warm shutdown, no ack, no cleanup."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


@pytest.fixture
def start_worker(worlds, committed_db, tmp_path):
    """Starts worker processes on this test's queue; stops whatever is left at the end."""
    started: list[Worker] = []
    sms_path = tmp_path / "sms.jsonl"

    def start(**extra_env: str) -> Worker:
        hostname = f"koinotita-reminders-{uuid.uuid4().hex[:6]}@{socket.gethostname()}"
        env = {
            **_worker_environment(tmp_path / "mail"),
            "CELERY_TASK_DEFAULT_QUEUE": QUEUE,
            "SMS_BACKEND": "tests.notifications.slow_sms.SlowFileBackend",
            "SMS_FILE_PATH": str(sms_path),
            "SMS_TEST_DELAY": "0.04",
            "REMINDER_LEASE_SECONDS": str(LEASE_SECONDS),
            "REMINDER_BATCH_SIZE": "10",
            **extra_env,
        }
        log_path = tmp_path / f"worker-{len(started)}.log"
        command = [str(Path(sys.executable).with_name("celery")), "-A", "platform_core", "worker", "--pool",
                   "prefork", "--concurrency", "1", "-Q", QUEUE, "-n", hostname,
                   "--without-mingle", "--without-gossip", "--without-heartbeat"]
        with open(log_path, "wb") as log:
            process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=log,
                                       start_new_session=True)
        worker = Worker(process, hostname)
        started.append(worker)
        _wait_until_answering(process, hostname, log_path)
        return worker

    start.sms_path = sms_path
    _purge(QUEUE)
    yield start
    for worker in started:
        _stop(worker.process)
    _purge(QUEUE)


def _purge(queue: str) -> None:
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(queue)


@pytest.fixture
def due_sms(worlds, committed_db):
    """A factory of due SMS reminders in centre A, committed; removed (with the quiet hours set
    off for the test) at the end."""
    schema = worlds["a"].centre.schema_name
    created_people = []

    def make(count: int) -> list[str]:
        with schema_context(schema):
            person = PersonFactory(phone="6900000001")
            created_people.append(person.pk)
            due = timezone.now() - datetime.timedelta(minutes=1)
            return [
                reminder_create_custom(by=worlds["a"].coordinator, person=person, channel=Channel.SMS, due_at=due,
                                       text=f"Υπενθύμιση {n}").idempotency_key
                for n in range(count)
            ]

    with schema_context(schema):
        # The tests may run at night: quiet hours would hold every SMS.
        notification_settings_update(quiet_start=datetime.time(0, 0), quiet_end=datetime.time(0, 0))
    yield make
    with schema_context(schema):
        from casework.models import Person

        Person.objects.filter(pk__in=created_people).delete()
        NotificationSettings.objects.all().delete()


def sms_keys(path: Path) -> Counter:
    if not path.exists():
        return Counter()
    return Counter(json.loads(line)["key"] for line in path.read_text().splitlines() if line.strip())


def dispatch_tick(schema: str) -> None:
    """What the beat entry's fan-out does for one centre."""
    with schema_context(schema):
        reminders_dispatch_centre.apply_async(queue=QUEUE)


def states(schema: str, keys: list[str]) -> Counter:
    with schema_context(schema):
        return Counter(Reminder.objects.filter(idempotency_key__in=keys).values_list("state", flat=True))


def wait_until(predicate, *, timeout: float, every: float = 0.05, tick=None, tick_every: float = 1.0) -> None:
    deadline, next_tick = time.monotonic() + timeout, 0.0
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        if tick and time.monotonic() >= next_tick:
            tick()
            next_tick = time.monotonic() + tick_every
        time.sleep(every)


@pytest.mark.worker
def test_a_worker_killed_mid_batch_and_restarted_sends_every_reminder_exactly_once(worlds, start_worker, due_sms):
    schema = worlds["a"].centre.schema_name
    keys = due_sms(60)
    first = start_worker()
    dispatch_tick(schema)
    wait_until(lambda: sum(sms_keys(start_worker.sms_path).values()) >= 15, timeout=20)

    first.kill()
    at_kill = states(schema, keys)
    start_worker()
    wait_until(lambda: states(schema, keys)[Reminder.State.SENT] == len(keys), timeout=DONE_TIMEOUT,
               tick=lambda: dispatch_tick(schema))

    assert 0 < at_kill[Reminder.State.SENT] < len(keys)
    assert at_kill[Reminder.State.SENDING] > 0, "the kill should land in the middle of a batch"
    sent = sms_keys(start_worker.sms_path)
    assert set(sent) == set(keys)
    assert [key for key, count in sent.items() if count > 1] == []
    with schema_context(schema):
        assert DeliveryAttempt.objects.filter(reminder__idempotency_key__in=keys,
                                              outcome=DeliveryAttempt.Outcome.SENT).count() == len(keys)


@pytest.mark.worker
def test_flushing_redis_mid_run_loses_nothing_at_the_next_beat_tick(worlds, start_worker, due_sms):
    schema = worlds["a"].centre.schema_name
    keys = due_sms(40)
    # Each run sends one batch and stops, so the rest waits for the queued ticks the flush destroys.
    start_worker(REMINDER_RUN_SECONDS="0.1")
    for _ in range(len(keys) // 10):  # enough runs for every row, were they not destroyed
        dispatch_tick(schema)
    wait_until(lambda: sum(sms_keys(start_worker.sms_path).values()) >= 5, timeout=20)

    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    time.sleep(1.5)
    stalled = states(schema, keys)
    wait_until(lambda: states(schema, keys)[Reminder.State.SENT] == len(keys), timeout=DONE_TIMEOUT,
               tick=lambda: reminders_fan_out.apply_async(queue=QUEUE), tick_every=1.0)

    assert stalled[Reminder.State.SENT] < len(keys), "the flush should have destroyed the queued runs"
    sent = sms_keys(start_worker.sms_path)
    assert set(sent) == set(keys)
    assert max(sent.values()) == 1
