"""Benchmark of reminder dispatch: 10,000 due reminders across 100 centres sent by real Celery
workers (file SMS backend), with one worker SIGKILLed mid-run; time to send all, duplicates."""

import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.tenancy import BENCH_QUEUE, bench_queue_purge, scratch_django  # noqa: E402

TARGET_S = 60.0
LEASE_SECONDS = 5


def centres_create(count: int) -> list[str]:
    from tenants.services import centre_create

    schemas = []
    for i in range(count):
        slug = f"rem-{i:03d}"
        centre = centre_create(slug=slug, name=f"Κέντρο Κοινότητας {slug}", municipality="apokoronas",
                               region="crete").centre
        schemas.append(centre.schema_name)
    return schemas


def reminders_create(schemas: list[str], per_centre: int) -> list[str]:
    """``per_centre`` due SMS reminders in each centre (bulk inserted; keys as the service makes
    them), quiet hours off (the bench may run at night)."""
    import uuid

    from django.utils import timezone
    from django_tenants.utils import schema_context

    from casework.models import Person
    from notifications.models import Channel, NotificationSettings, Reminder
    from notifications.services import reminder_key

    due = timezone.now() - datetime.timedelta(minutes=1)
    keys = []
    for schema in schemas:
        with schema_context(schema):
            NotificationSettings.objects.create(quiet_start=datetime.time(0), quiet_end=datetime.time(0))
            person = Person.objects.create(first_name="Δοκιμή", last_name="Μέτρησης", phone="6900000000")
            rows = []
            for _n in range(per_centre):
                rid = uuid.uuid4()
                key = reminder_key(about_type="notifications.reminder", about_id=rid, purpose="custom",
                                   channel=Channel.SMS)
                keys.append(key)
                rows.append(Reminder(
                    id=rid, kind=Reminder.Kind.CUSTOM, about_type="notifications.reminder", about_id=rid,
                    purpose="custom", person=person, channel=Channel.SMS, due_at=due, next_attempt_at=due,
                    template="custom", context={"text": "Υπενθύμιση ραντεβού"}, idempotency_key=key))
            Reminder.objects.bulk_create(rows)
    return keys


def baseline_backend_only(count: int, folder: Path) -> float:
    """The same number of sends straight into the file backend: no database, no Celery."""
    from notifications.sms import FileBackend

    backend = FileBackend(folder / "baseline.jsonl")
    started = time.perf_counter()
    for n in range(count):
        backend.send("+306900000000", "Υπενθύμιση ραντεβού\nΚέντρο", idempotency_key=f"baseline-{n}")
    return time.perf_counter() - started


def worker_start(folder: Path, sms_path: Path, index: int, concurrency: int) -> subprocess.Popen:
    env = {**os.environ, "SMS_BACKEND": "file", "SMS_FILE_PATH": str(sms_path),
           "CELERY_TASK_DEFAULT_QUEUE": BENCH_QUEUE, "REMINDER_LEASE_SECONDS": str(LEASE_SECONDS),
           "LOG_LEVEL": "WARNING"}
    celery = Path(sys.executable).with_name("celery")
    log = open(folder / f"worker-{index}.log", "wb")  # noqa: SIM115 - the worker keeps it
    return subprocess.Popen(
        [str(celery), "-A", "platform_core", "worker", "--pool", "prefork", "--concurrency", str(concurrency),
         "-Q", BENCH_QUEUE, "-n", f"bench-reminders-{index}@%h", "--without-mingle", "--without-gossip",
         "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)


def worker_wait_ready(process: subprocess.Popen, index: int) -> None:
    import socket

    from platform_core.celery import app

    hostname = f"bench-reminders-{index}@{socket.gethostname()}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"worker {index} exited with {process.returncode}")
        if app.control.ping(destination=[hostname], timeout=0.5):
            return
    raise SystemExit(f"worker {index} did not start")


def lines(path: Path) -> int:
    if not path.exists():
        return 0
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def tick() -> None:
    """What beat does every minute (here every second): the fan-out, in public."""
    from notifications.tasks import reminders_fan_out

    reminders_fan_out.apply_async(queue=BENCH_QUEUE)


def run_dispatch(keys: list[str], folder: Path, *, kill_at: float | None, concurrency: int,
                 tick_every: float) -> dict:
    sms_path = folder / "sms.jsonl"
    workers = [worker_start(folder, sms_path, 0, concurrency)]
    worker_wait_ready(workers[0], 0)
    killed_at_lines = None
    started = time.perf_counter()
    tick()
    next_tick = started + tick_every
    try:
        while lines(sms_path) < len(keys):
            now = time.perf_counter()
            if now - started > 300:
                raise SystemExit(f"not done after 300 s: {lines(sms_path)} of {len(keys)} sent")
            if kill_at is not None and killed_at_lines is None and lines(sms_path) >= kill_at * len(keys):
                killed_at_lines = lines(sms_path)
                os.killpg(workers[-1].pid, signal.SIGKILL)
                workers[-1].wait()
                workers.append(worker_start(folder, sms_path, len(workers), concurrency))
            if now >= next_tick:
                tick()
                next_tick = now + tick_every
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, signal.SIGKILL)
    sent = Counter(json.loads(line)["key"] for line in sms_path.read_text().splitlines())
    return {"elapsed_s": elapsed, "duplicates": sum(count - 1 for count in sent.values() if count > 1),
            "missing": len(set(keys) - set(sent)), "killed_at": killed_at_lines}


def database_check(schemas: list[str]) -> dict:
    """Every reminder sent, with exactly one "sent" delivery record."""
    from django.db.models import Count
    from django_tenants.utils import schema_context

    from notifications.models import DeliveryAttempt, Reminder

    states: Counter = Counter()
    over = 0
    for schema in schemas:
        with schema_context(schema):
            states.update(dict(Reminder.objects.values_list("state").annotate(n=Count("pk"))))
            over += (DeliveryAttempt.objects.filter(outcome="sent").values("reminder")
                     .annotate(n=Count("pk")).filter(n__gt=1).count())
    return {"states": dict(states), "double_records": over}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--centres", type=int, default=100)
    parser.add_argument("--per-centre", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=os.cpu_count() or 2, help="worker processes")
    parser.add_argument("--kill-at", type=float, default=0.3, help="SIGKILL the worker when this share is sent "
                        "(0: never)")
    parser.add_argument("--tick", type=float, default=5.0, help="seconds between fan-outs (beat: 60; shorter so "
                        "the rows of the killed worker are taken up soon after their lease)")
    parser.add_argument("--output", default="/tmp/bench-reminders.txt")
    args = parser.parse_args(argv)

    # The workers this bench starts send their per-centre tasks to its queue.
    os.environ["CELERY_TASK_DEFAULT_QUEUE"] = BENCH_QUEUE
    with scratch_django():
        from django.db import connections

        started = time.perf_counter()
        print(f"Creating {args.centres} centres…", file=sys.stderr)
        schemas = centres_create(args.centres)
        created_s = time.perf_counter() - started
        keys = reminders_create(schemas, args.per_centre)
        connections.close_all()
        bench_queue_purge()
        with tempfile.TemporaryDirectory(prefix="bench-reminders-") as tmp:
            folder = Path(tmp)
            baseline = baseline_backend_only(len(keys), folder)
            print(f"Dispatching {len(keys)} reminders…", file=sys.stderr)
            run = run_dispatch(keys, folder, kill_at=args.kill_at or None, concurrency=args.concurrency,
                               tick_every=args.tick)
        check = database_check(schemas)
        table = "\n".join([
            f"bench/reminders.py — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
            f"{len(keys)} due SMS reminders across {len(schemas)} centres (created in {created_s:.1f} s)",
            f"  one Celery worker, prefork concurrency {args.concurrency}, file SMS backend, "
            f"fan-out every {args.tick:g} s, lease {LEASE_SECONDS} s"
            + (f", SIGKILLed at {run['killed_at']} sent and restarted" if run["killed_at"] else ""),
            f"  time to send all: {run['elapsed_s']:.1f} s ({len(keys) / run['elapsed_s']:.0f}/s)  "
            f"target ≤ {TARGET_S:.0f} s: {'ok' if run['elapsed_s'] <= TARGET_S else 'ABOVE TARGET'}",
            f"  duplicates sent: {run['duplicates']}  missing: {run['missing']}  "
            f"double 'sent' records: {check['double_records']}  states: {check['states']}",
            f"  baseline, the same sends straight into the file backend (no database, no Celery): "
            f"{baseline:.2f} s — dispatch costs {run['elapsed_s'] / baseline:.0f}× that",
        ]) + "\n"
    print(table)
    Path(args.output).write_text(table, encoding="utf-8")
    return 0 if run["duplicates"] == 0 and run["missing"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
