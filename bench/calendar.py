"""Benchmark of the centre's calendar: a centre with 40 programmes of two sessions a week for a
year, 1,500 appointments a month and 20 staff, against an empty centre in the same run. Times the
whole-centre and one staff member's week page and ``GET /api/v1/sessions/?from=&to=`` (server time,
in-process WSGI), median and p95, the arms taking turns request by request, with the query count
of each (which does not grow with the number of events: tests/programs/test_calendar.py
asserts the same count for 2 events as for 20)."""

import sys
from pathlib import Path

# Run as ``python bench/calendar.py`` this folder comes first on sys.path, where this file would
# stand in for the standard library's ``calendar``: take it off before anything imports that.
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import datetime  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.tenancy import scratch_django  # noqa: E402

PASSWORD = "Bench-password-2026"
WEEK_TARGET_S = 0.100
PROGRAMMES, STAFF, APPOINTMENTS_A_MONTH = 40, 20, 1_500


def centre_build(slug: str, *, full: bool, seed: int) -> dict:
    """A centre (with its coordinator, token and ``STAFF`` staff) and, when ``full``, the year's
    programmes, sessions and appointments, written with bulk_create."""
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from casework.factories import PersonFactory
    from casework.models import Person
    from casework.services.sites import main_office
    from platform_core.accounts.models import User
    from platform_core.accounts.roles import Role
    from platform_core.accounts.services import staff_create, token_create
    from programs.models import Appointment, Programme, Session
    from tenants.services import centre_create

    rng = random.Random(seed)  # noqa: S311 -- synthetic data
    onboarded = centre_create(slug=slug, name=f"Κέντρο Κοινότητας {slug}", municipality="platanias", region="crete",
                              admin_email=f"coordinator@{slug}.bench", admin_password=PASSWORD)
    centre = onboarded.centre
    started = time.perf_counter()
    with schema_context(centre.schema_name):
        coordinator = User.objects.get(username=onboarded.admin_username)
        staff = [staff_create(email=f"staff{n}@{slug}.bench", password=PASSWORD, role=Role.SOCIAL_WORKER)
                 for n in range(STAFF)]
        counts = {"sessions": 0, "appointments": 0}
        if full:
            site = main_office()
            today = timezone.localdate()
            start = today - datetime.timedelta(days=today.weekday() + 182)
            programmes = Programme.objects.bulk_create([
                Programme(kind=rng.choice(Programme.Kind.values), title=f"Πρόγραμμα {n}", capacity=15, site=site,
                          starts_on=start, ends_on=start + datetime.timedelta(days=364),
                          status=Programme.Status.RUNNING)
                for n in range(PROGRAMMES)])
            sessions = []
            for index, programme in enumerate(programmes):
                facilitator = staff[index % STAFF]
                days = (index % 5, (index + 2) % 5)
                hour = 9 + (index // 5) % 8
                for week in range(52):
                    for weekday in days:
                        day = start + datetime.timedelta(days=7 * week + weekday)
                        begins = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
                        sessions.append(Session(programme=programme, starts_at=begins,
                                                ends_at=begins + datetime.timedelta(hours=1), site=site,
                                                facilitator=facilitator))
            Session.objects.bulk_create(sessions, batch_size=5_000)
            people = Person.objects.bulk_create([PersonFactory.build() for _n in range(2_000)], batch_size=2_000)
            appointments = []
            for _n in range(APPOINTMENTS_A_MONTH * 12):
                day = start + datetime.timedelta(days=rng.randrange(364))
                begins = timezone.make_aware(datetime.datetime.combine(day, datetime.time(rng.randrange(8, 17),
                                                                                          rng.choice((0, 30)))))
                appointments.append(Appointment(person=rng.choice(people), staff=rng.choice(staff), site=site,
                                                starts_at=begins, ends_at=begins + datetime.timedelta(minutes=30),
                                                purpose="Συνεδρία", booked_by=coordinator))
            Appointment.objects.bulk_create(appointments, batch_size=5_000)
            counts = {"sessions": len(sessions), "appointments": len(appointments)}
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE programs_session; ANALYZE programs_appointment")
        token = token_create(user=coordinator).key
    return {"centre": centre, "coordinator": coordinator, "staff": staff[0], "token": token,
            "build_s": time.perf_counter() - started, **counts}


def requests_of(world: dict) -> list[tuple[str, str, dict]]:
    from django.utils import timezone

    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    sunday = monday + datetime.timedelta(days=6)
    api = {"HTTP_AUTHORIZATION": f"Token {world['token']}"}
    period = f"from={monday}&to={sunday}"
    return [
        ("week page, whole centre", f"/calendar/?date={monday}", {}),
        ("week page, one staff member", f"/calendar/?date={monday}&staff={world['staff'].pk}", {}),
        ("GET /api/v1/sessions/ week, whole centre", f"/api/v1/sessions/?{period}", api),
        ("GET /api/v1/sessions/ week, one staff member", f"/api/v1/sessions/?{period}&staff={world['staff'].pk}", api),
    ]


def measure(worlds: dict[str, dict], rounds: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_tenants.utils import schema_context

    clients = {}
    for label, world in worlds.items():
        client = Client(HTTP_HOST=world["centre"].primary_domain_name)
        with schema_context(world["centre"].schema_name):  # the session lives in the centre's schema
            client.force_login(world["coordinator"])
        clients[label] = client
    results: dict = {}
    for index, (name, _path, _headers) in enumerate(requests_of(next(iter(worlds.values())))):
        samples = {label: [] for label in worlds}
        queries, events = {}, {}
        for label, world in worlds.items():
            _n, path, headers = requests_of(world)[index]
            clients[label].get(path, **headers)  # warm-up
            with CaptureQueriesContext(connection) as captured:
                response = clients[label].get(path, **headers)
            assert response.status_code == 200, (label, path, response.status_code)
            queries[label] = len(captured)
            body = response.content
            events[label] = body.count(b'data-testid="event"') if b"<html" in body else response.json()["count"]
        for turn in range(rounds):
            order = list(worlds.items()) if turn % 2 == 0 else list(reversed(worlds.items()))
            for label, world in order:
                _n, path, headers = requests_of(world)[index]
                started = time.perf_counter()
                clients[label].get(path, **headers)
                samples[label].append(time.perf_counter() - started)
        results[name] = {label: {"median": statistics.median(values),
                                 "p95": statistics.quantiles(values, n=20)[-1], "queries": queries[label],
                                 "events": events[label]} for label, values in samples.items()}
    return results


def report(worlds: dict, results: dict, rounds: int, load: tuple[float, float]) -> str:
    full = worlds["full centre"]
    lines = [
        f"bench/calendar.py — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, load average "
        f"{load[0]:.1f} → {load[1]:.1f}",
        f"full centre: {PROGRAMMES} programmes, {full['sessions']:,} sessions, {full['appointments']:,} appointments, "
        f"{STAFF} staff (built with bulk_create in {full['build_s']:.1f} s); empty centre: {STAFF} staff, nothing else",
        f"server time in-process (Django test client, one thread), {rounds} rounds per arm, arms taking turns",
        "",
    ]
    for name, arms in results.items():
        lines.append(f"  {name}")
        for label, result in arms.items():
            lines.append(f"    {label:<12} median {result['median'] * 1000:6.1f} ms  "
                         f"p95 {result['p95'] * 1000:6.1f} ms  "
                         f"{result['queries']:>2} queries  {result['events']:>4} events")
        ratio = arms["full centre"]["median"] / arms["empty centre"]["median"]
        lines.append(f"    ratio full/empty ×{ratio:.2f}; queries {arms['full centre']['queries']} with events, "
                     f"{arms['empty centre']['queries']} without (no rows to fetch or log)")
    week = results["week page, whole centre"]["full centre"]["median"]
    lines.append(f"  whole-centre week target ≤ {WEEK_TARGET_S * 1000:.0f} ms: "
                 f"{'ok' if week <= WEEK_TARGET_S else 'ABOVE TARGET'}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40, help="timed requests per arm and view (default 40)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--output", default="/tmp/bench-calendar.txt", help="where the report is also written")
    args = parser.parse_args(argv)

    with scratch_django():
        load_before = os.getloadavg()[0]
        print("Building the centres…", file=sys.stderr)
        worlds = {"full centre": centre_build("bench-calendar", full=True, seed=args.seed),
                  "empty centre": centre_build("bench-calendar-empty", full=False, seed=args.seed)}
        print("Timing…", file=sys.stderr)
        results = measure(worlds, args.rounds)
        table = report(worlds, results, args.rounds, (load_before, os.getloadavg()[0]))
    print(table)
    Path(args.output).write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
