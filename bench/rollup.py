"""Benchmark of the regional rollup: N centres (copies of the template schema) × M cases with
their people, reception contacts, notes and ESF entry records (bulk inserts), the full rollup
(13 months + quarters + years) on a real Celery worker, then the region dashboard's and the
region API's response times (p95) on the published rows."""

import argparse
import contextlib
import datetime
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.tenancy import BENCH_QUEUE, bench_queue_purge, scratch_django  # noqa: E402

ROLLUP_TARGET_S = 60.0
NIGHT_CASES = 3
P95_TARGET_MS = 200.0
MUNICIPALITIES = ["chania-city", "apokoronas", "kissamos", "platanias", "rethymno-city", "mylopotamos",
                  "heraklion-city", "malevizi", "hersonissos", "agios-nikolaos", "ierapetra", "sitia"]


def centres_create(count: int) -> list:
    from tenants.services import centre_create

    return [centre_create(slug=f"roll-{i:03d}", name=f"Κέντρο Κοινότητας {i:03d}",
                          municipality=MUNICIPALITIES[i % len(MUNICIPALITIES)], region="crete").centre
            for i in range(count)]


def centre_data(schema: str, cases: int, rng: random.Random, *, days: int = 390, tag: str = "B") -> None:
    """``cases`` people, each with a case, a reception contact, a note and an entry record, spread
    over the last ``days`` days (13 months; 1: today, a night's new records)."""
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from casework.models import Case, ContactNote, ParticipantRecord, Person, ReceptionContact
    from platform_core.accounts.models import User

    today = timezone.localdate()
    with schema_context(schema):
        worker = User.objects.get_or_create(username=f"worker-{schema}", defaults={"email": f"worker@{schema}.bench"})[0]
        people, case_rows, contacts, notes, entries = [], [], [], [], []
        for n in range(cases):
            day = today - datetime.timedelta(days=rng.randrange(days))
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
            person = Person(id=uuid.uuid4(), first_name="Δοκιμή", last_name=f"Μέτρησης{n}",
                            gender=rng.choice(["female", "male", "non_binary", "declined"]),
                            birth_date=datetime.date(rng.randrange(1940, 2015), rng.randrange(1, 13), 1))
            people.append(person)
            closed = rng.random() < 0.3
            case_rows.append(Case(number=f"{tag}{n:07d}", person=person, intake_date=day, assigned_worker=worker,
                                  status="closed" if closed else "open", closed_reason="goals_met" if closed else "",
                                  closed_at=moment + datetime.timedelta(days=20) if closed else None))
            contacts.append(ReceptionContact(person=person, contacted_at=moment, staff=worker,
                                             topic=rng.choice(["benefits", "unemployment", "social", "pensions"])))
            notes.append(ContactNote(person=person, occurred_at=moment, author=worker, kind="counselling", text="—"))
            entries.append(ParticipantRecord(
                person=person, stage="entry", recorded_on=day, gender=person.gender, birth_date=person.birth_date,
                citizenship=rng.choice(["greek", "greek", "eu", "third_country"]), foreign_background="no",
                minority="none", disability=rng.choice(["no", "no", "yes"]),
                employment_status=rng.choice(["employed", "unemployed", "inactive", "inactive_education"]),
                unemployed_since=day - datetime.timedelta(days=400), education=rng.choice(
                    ["isced_0", "isced_1_2", "isced_3_4", "isced_5_8"]), housing="rented", rural_area="no"))
        Person.objects.bulk_create(people, batch_size=2000)
        Case.objects.bulk_create(case_rows, batch_size=2000)
        ReceptionContact.objects.bulk_create(contacts, batch_size=2000)
        ContactNote.objects.bulk_create(notes, batch_size=2000)
        ParticipantRecord.objects.bulk_create(entries, batch_size=2000)


def worker_start(folder: Path, concurrency: int) -> subprocess.Popen:
    env = {**os.environ, "CELERY_TASK_DEFAULT_QUEUE": BENCH_QUEUE, "LOG_LEVEL": "WARNING"}
    celery = Path(sys.executable).with_name("celery")
    log = open(folder / "worker.log", "wb")  # noqa: SIM115 - the worker keeps it
    return subprocess.Popen(
        [str(celery), "-A", "platform_core", "worker", "--pool", "prefork", "--concurrency", str(concurrency),
         "-Q", BENCH_QUEUE, "-n", "bench-rollup@%h", "--without-mingle", "--without-gossip", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)


def worker_wait_ready(process: subprocess.Popen) -> None:
    import socket

    from platform_core.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"worker exited with {process.returncode}")
        if app.control.ping(destination=[f"bench-rollup@{socket.gethostname()}"], timeout=0.5):
            return
    raise SystemExit("worker did not start")


def _backend_memory() -> tuple[str, str]:
    """This connection's backend: the bytes in its memory contexts (pg_backend_memory_contexts,
    PostgreSQL ≥ 14, superuser or pg_read_all_stats) and its private memory (RssAnon in
    /proc/<pid>/status, readable where the server runs on this machine)."""
    from django.db import DatabaseError, connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
        try:
            cursor.execute("SELECT sum(total_bytes) FROM pg_backend_memory_contexts")
            contexts = f"{cursor.fetchone()[0] / 2**20:.1f} MB"
        except DatabaseError:
            contexts = "not readable"
    rss = "not readable here"
    with contextlib.suppress(OSError, ValueError, IndexError):
        status = Path(f"/proc/{pid}/status").read_text()
        kilobytes = [int(line.split()[1]) for line in status.splitlines() if line.startswith("RssAnon:")]
        rss = f"{kilobytes[0] / 1024:.1f} MB"
    return contexts, rss


def backends_after_touching(schemas: list[str]) -> str:
    """The PostgreSQL connections on the database (pg_stat_activity), and one backend's memory
    fresh and after reading a few tables in each of ``schemas``: a backend keeps the catalogue
    entries of every schema it touched, which is why PgBouncer recycles backends after its
    server_lifetime (infra/pgbouncer.ini) and Django closes its connections after CONN_MAX_AGE."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from casework.models import Case, ContactNote, ParticipantRecord, Person, ReceptionContact

    connection.close()
    fresh = _backend_memory()
    for schema in schemas:
        with schema_context(schema):
            for model in (Person, Case, ReceptionContact, ContactNote, ParticipantRecord):
                model.objects.exists()
    touched = _backend_memory()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        connections = cursor.fetchone()[0]
    return (f"{connections} PostgreSQL connection(s) on the database; one backend, fresh: {fresh[0]} in memory "
            f"contexts, {fresh[1]} private (RssAnon); after touching {len(schemas)} centres (5 tables each): "
            f"{touched[0]}, {touched[1]}")


def rollup_on_worker(concurrency: int, folder: Path) -> tuple[float, float, object, int]:
    """The run's wall time, the time until its last centre was computed (the rest is the
    publication), the run, and how many (region, period) parts it published (the others' input
    had not changed)."""
    from django.utils import timezone

    from regional.models import PublishedPeriod, RollupRun
    from regional.tasks import indicators_rollup_fan_out

    worker = worker_start(folder, concurrency)
    try:
        worker_wait_ready(worker)
        started = time.perf_counter()
        since = timezone.now()
        centres_s = None
        indicators_rollup_fan_out.apply_async(kwargs={"trigger": "command"}, queue=BENCH_QUEUE)
        while True:
            run = RollupRun.objects.filter(started_at__gte=since).order_by("-started_at").first()
            if centres_s is None and run and run.centres_total and run.finished_centres == run.centres_total:
                centres_s = time.perf_counter() - started
            if run and run.status != RollupRun.Status.RUNNING:
                elapsed = time.perf_counter() - started
                return elapsed, centres_s or elapsed, run, PublishedPeriod.objects.filter(published_at__gte=since).count()
            if time.perf_counter() - started > 1800:
                raise SystemExit("rollup not done after 30 minutes")
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def p95_ms(client, path: str, params: dict, rounds: int) -> tuple[float, float]:
    client.get(path, params)  # warm
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(path, params)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--centres", type=int, default=300)
    parser.add_argument("--cases", type=int, default=1000, help="cases (and people, contacts, notes) per centre")
    parser.add_argument("--concurrency", default=f"{os.cpu_count() or 2},{os.cpu_count() or 2},4",
                        help="worker processes, comma-separated: one full rollup each, in this order (the first "
                             "writes every row; each next one comes a night later, when every centre has recorded "
                             "a few people today); default: one per CPU twice, then infra/Procfile's default of 4")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--output", default="/tmp/bench-rollup.txt")
    args = parser.parse_args(argv)
    os.environ["CELERY_TASK_DEFAULT_QUEUE"] = BENCH_QUEUE
    with scratch_django():
        import tempfile

        from django.db import connections
        from django.test import Client

        from platform_core.accounts.services import token_create
        from regional.forms import default_period
        from regional.models import CentreIndicatorValue, PublishedIndicatorValue
        from regional.services import region_user_create
        from tenants.services import public_tenant_ensure

        public_tenant_ensure()
        load_before = os.getloadavg()[0]
        rng = random.Random(2026)
        started = time.perf_counter()
        centres = centres_create(args.centres)
        for centre in centres:
            centre_data(centre.schema_name, args.cases, rng)
        built_s = time.perf_counter() - started
        connections.close_all()
        bench_queue_purge()
        runs = []
        for number, concurrency in enumerate(int(value) for value in args.concurrency.split(",")):
            if number:  # a night: each centre records a few people today, as the next run finds them
                for centre in centres:
                    centre_data(centre.schema_name, NIGHT_CASES, rng, days=1, tag=f"N{number}")
                connections.close_all()
            load = os.getloadavg()[0]
            with tempfile.TemporaryDirectory(prefix="bench-rollup-") as tmp:
                runs.append((concurrency, *rollup_on_worker(concurrency, Path(tmp)), load, os.getloadavg()[0]))
        backends = backends_after_touching([centre.schema_name for centre in centres])
        user = region_user_create(region="crete", email="region@bench.test", password="Bench-password-2026")
        token = token_create(user=user).key
        page = Client(HTTP_HOST="localhost")
        page.force_login(user)
        api = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Token {token}")
        period = default_period().code
        # Baseline in the same run: the same request for a month with nothing published.
        empty = "2020-01"
        requests = {
            "dashboard /region/": (page, "/region/", {}),
            "indicator page": (page, "/region/indicators/people_served/", {}),
            "API indicators (page of 50)": (api, "/api/v1/region/indicators/", {"indicator": "people_served"}),
            "API region totals": (api, "/api/v1/region/indicators/", {"breakdown": ""}),
        }
        measures = {name: (p95_ms(client, path, {**params, "period": period}, args.rounds),
                           p95_ms(client, path, {**params, "period": empty}, args.rounds))
                    for name, (client, path, params) in requests.items()}
        raw, published = CentreIndicatorValue.objects.count(), PublishedIndicatorValue.objects.count()
    lines = [
        f"bench/rollup.py — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, {args.centres} centres × "
        f"{args.cases} cases (+ people, contacts, notes, entry records; built in {built_s:.0f} s); "
        f"{raw} centre rows, {published} published rows",
    ]
    failed = 0
    for number, (concurrency, elapsed, centres_s, run, parts, load_from, load_to) in enumerate(runs):
        failed += run.centres_failed
        what = "every row written" if number == 0 else f"a night later: {NIGHT_CASES} new people per centre today"
        lines += [
            f"  rollup {number + 1} ({what}) on one worker "
            f"(prefork {concurrency}), {len(run.periods)} periods: {elapsed:.1f} s ({run.centres_done} done, "
            f"{run.centres_failed} failed)  target ≤ {ROLLUP_TARGET_S:.0f} s for 300: "
            f"{'ok' if elapsed * 300 / args.centres <= ROLLUP_TARGET_S else 'ABOVE TARGET (scaled to 300)'}",
            f"    centres computed: {centres_s:.1f} s ({centres_s / args.centres * 1000:.0f} ms per centre of "
            f"wall time), publication ({run.publications_total} parts, {parts} of them with changed input "
            f"published, the others left as they were): {elapsed - centres_s:.1f} s; "
            f"load average {load_from:.2f} → {load_to:.2f}",
        ]
    lines += [
        *(f"  {name}: median {median:.0f} ms, p95 {p95:.0f} ms (empty month: median {base:.0f} ms, "
          f"×{median / base:.1f})  target p95 ≤ {P95_TARGET_MS:.0f} ms: "
          f"{'ok' if p95 <= P95_TARGET_MS else 'ABOVE TARGET'}"
          for name, ((median, p95), (base, _base_p95)) in measures.items()),
        f"  {backends}",
        f"  load average before / after: {load_before:.2f} / {os.getloadavg()[0]:.2f}",
    ]
    table = "\n".join(lines) + "\n"
    print(table)
    Path(args.output).write_text(table, encoding="utf-8")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
