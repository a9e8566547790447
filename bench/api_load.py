"""Load benchmark of the staff API under gunicorn as infra/ runs it: N centres × M people × K cases
(copies of the template schema, bulk inserts), then a paced open-loop load — arrivals at a fixed
rate whatever the responses, from an asyncio client — over every centre and over one centre, the
two arms taking turns at each rate. Reports req/s, p50/p95/p99, errors, CPU per request of the web
server and of PostgreSQL (where its processes run on this machine) and the generator's own CPU,
and the highest rate at which the one-centre arm keeps p95 ≤ 50 ms, with the spread arm against
it (DESIGN.md: within 10 %)."""

import argparse
import asyncio
import datetime
import os
import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.tenancy import PASSWORD, scratch_django  # noqa: E402
from platform_core.devstack import free_tcp_port, tcp_port_in_use  # noqa: E402

P95_TARGET_MS = 50.0
SPREAD_TARGET = 0.10
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- data -------------------------------------------------------------------------------------

def centres_build(count: int, people: int, cases: int, rng: random.Random) -> list[dict]:
    """The centres, each with its people and cases and a coordinator's API token: what the
    client needs to call them (host, token, person ids)."""
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from casework.models import Case, Person
    from platform_core.accounts.models import User
    from platform_core.accounts.services import token_create
    from tenants.services import centre_create

    built = []
    today = timezone.localdate()
    for n in range(count):
        onboarded = centre_create(slug=f"load-{n:03d}", name=f"Κέντρο Κοινότητας {n:03d}",
                                  municipality="apokoronas", region="crete",
                                  admin_email=f"coordinator@load-{n:03d}.bench", admin_password=PASSWORD)
        with schema_context(onboarded.centre.schema_name):
            coordinator = User.objects.get(username=onboarded.admin_username)
            rows = [Person(id=uuid.uuid4(), first_name="Δοκιμή", last_name=f"Φόρτου{i}",
                           gender=rng.choice(["female", "male"]),
                           birth_date=datetime.date(rng.randrange(1940, 2015), rng.randrange(1, 13), 1))
                    for i in range(people)]
            Person.objects.bulk_create(rows, batch_size=2000)
            Case.objects.bulk_create([Case(number=f"L{i:07d}", person=rows[i % people], assigned_worker=coordinator,
                                           intake_date=today - datetime.timedelta(days=rng.randrange(300)))
                                      for i in range(cases)], batch_size=2000)
            built.append({"host": f"load-{n:03d}.localhost", "token": token_create(user=coordinator).key,
                          "session": staff_session(coordinator), "people": [str(row.pk) for row in rows[:50]]})
    return built


def staff_session(user) -> str:
    """A signed-in browser session of ``user`` in the current centre (what logging in leaves),
    for the staff pages; the first-login steps done."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    user.must_complete_setup = False
    user.save(update_fields=["must_complete_setup"])
    session = SessionStore()
    session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
                    HASH_SESSION_KEY: user.get_session_auth_hash()})
    session.create()
    return session.session_key


def paths_for(centre: dict, rng: random.Random) -> str:
    """The mix the issue measured: the people list, one person, the cases list."""
    return rng.choice(["/api/v1/persons/", f"/api/v1/persons/{rng.choice(centre['people'])}/", "/api/v1/cases/"])


# CPU per request of each kind of request alone, against a minimal authenticated DRF view (the
# caller's own account: authentication, routing and middleware, one serializer of one row) in
# the same run: (label, path for a centre, a staff page signed in by session rather than token).
CPU_KINDS = [
    ("minimal: /api/v1/me/", lambda centre, rng: "/api/v1/me/", False),
    ("API people list", lambda centre, rng: "/api/v1/persons/", False),
    ("API one person", lambda centre, rng: f"/api/v1/persons/{rng.choice(centre['people'])}/", False),
    ("API cases list", lambda centre, rng: "/api/v1/cases/", False),
    ("page: people list", lambda centre, rng: "/people/", True),
    ("page: one person", lambda centre, rng: f"/people/{rng.choice(centre['people'])}/", True),
]


# --- processes and their CPU ------------------------------------------------------------------

def gunicorn_start(port: int, workers: int) -> subprocess.Popen:
    """gunicorn as infra/Procfile runs it (sync workers), without the access log (the bench would
    measure the log's writes too)."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return subprocess.Popen([str(gunicorn), "platform_core.wsgi:application", "--bind", f"127.0.0.1:{port}",
                             "--workers", str(workers)], cwd=ROOT, env={**os.environ},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def wait_listening(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        if tcp_port_in_use(port):
            return
        time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU so far of these processes and of their children that have ended (0 for
    a process that is gone or not readable)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / CLOCK_TICKS


def process_tree(root: int) -> list[int]:
    """``root`` and its children (gunicorn's master and workers)."""
    pids = [root]
    with open(f"/proc/{root}/task/{root}/children") as handle:
        pids += [int(pid) for pid in handle.read().split()]
    return pids


def postgres_pids() -> list[int]:
    """The PostgreSQL server's processes on this machine now (the postmaster counts the backends
    that ended), or none (a server elsewhere)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


# --- the client -------------------------------------------------------------------------------

class Pool:
    """Keep-alive HTTP/1.1 connections to the server, opened as the load needs them."""

    def __init__(self, port: int) -> None:
        self.port, self.idle = port, []

    async def get(self, path: str, host: str, credentials: str) -> int:
        reader, writer = self.idle.pop() if self.idle else await asyncio.open_connection("127.0.0.1", self.port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{credentials}\r\n"
                     f"Accept: application/json\r\n\r\n".encode())
        await writer.drain()
        status_line = await reader.readline()
        length, keep = 0, True
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _sep, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and value.strip().lower() == "close":
                keep = False
        await reader.readexactly(length)
        if keep:
            self.idle.append((reader, writer))
        else:
            writer.close()
        return int(status_line.split()[1])


async def paced(pool: Pool, targets: list[dict], rate: float, seconds: float, rng: random.Random,
                path_of=None, pages: bool = False) -> dict:
    """Requests at ``rate`` per second for ``seconds``, each sent at its time whether or not the
    previous ones were answered (open loop); latency counted from the scheduled time."""
    latencies, errors, tasks = [], 0, []
    loop = asyncio.get_running_loop()
    start = loop.time()

    async def one(at: float, centre: dict) -> None:
        nonlocal errors
        await asyncio.sleep(max(0.0, at - loop.time()))
        try:
            credentials = (f"Cookie: sessionid={centre['session']}" if pages
                           else f"Authorization: Token {centre['token']}")
            status = await pool.get((path_of or paths_for)(centre, rng), centre["host"], credentials)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            status = 0
        if status != 200:
            errors += 1
        latencies.append((loop.time() - at) * 1000)

    for n in range(int(rate * seconds)):
        tasks.append(asyncio.create_task(one(start + n / rate, rng.choice(targets))))
    await asyncio.gather(*tasks)
    elapsed = loop.time() - start
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * q))]

    return {"requests": len(latencies), "rate": len(latencies) / elapsed, "p50": pct(0.50), "p95": pct(0.95),
            "p99": pct(0.99), "errors": errors}


def arm_run(port: int, targets: list[dict], rate: float, seconds: float, server: list[int],
            rng: random.Random, path_of=None, pages: bool = False) -> dict:
    database = postgres_pids()
    server_cpu, database_cpu, own_cpu = cpu_seconds(server), cpu_seconds(database), time.process_time()
    result = asyncio.run(paced(Pool(port), targets, rate, seconds, rng, path_of, pages))
    count = max(result["requests"], 1)
    after = postgres_pids()  # backends opened meanwhile count from zero
    result.update(server_ms=(cpu_seconds(server) - server_cpu) / count * 1000,
                  database_ms=(cpu_seconds(after) - database_cpu) / count * 1000 if database else None,
                  client_ms=(time.process_time() - own_cpu) / count * 1000)
    return result


def line(label: str, rate: float, result: dict) -> str:
    database = f"{result['database_ms']:.1f} ms" if result["database_ms"] is not None else "not on this machine"
    return (f"  {rate:5.0f}/s {label:<12} {result['rate']:6.1f} req/s  p50 {result['p50']:6.1f}  p95 "
            f"{result['p95']:6.1f}  p99 {result['p99']:6.1f} ms  errors {result['errors']}  CPU per request: "
            f"server {result['server_ms']:.1f} ms, database {database}, generator {result['client_ms']:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--centres", type=int, default=50)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--rates", default="20,40,60,80,100,120", help="paced rates to try, requests per second")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each arm at each rate")
    parser.add_argument("--cpu-rate", type=float, default=30.0,
                        help="paced rate of the CPU-per-request arms, one kind of request each")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (infra/Procfile's default)")
    parser.add_argument("--output", default="/tmp/bench-api-load.txt")
    args = parser.parse_args(argv)
    with scratch_django():
        from django.db import connections

        from tenants.services import public_tenant_ensure

        public_tenant_ensure()
        rng = random.Random(2026)
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        centres = centres_build(args.centres, args.people, args.cases, rng)
        built_s = time.perf_counter() - started
        connections.close_all()
        port = free_tcp_port()
        web = gunicorn_start(port, args.workers)
        lines, best, kinds = [], None, []
        try:
            wait_listening(port, web)
            time.sleep(1)
            server = process_tree(web.pid)
            arm_run(port, centres, 10, 3, server, rng)  # warm every worker and centre
            for rate in [float(value) for value in args.rates.split(",")]:
                one = arm_run(port, centres[:1], rate, args.seconds, server, rng)
                spread = arm_run(port, centres, rate, args.seconds, server, rng)
                lines += [line("one centre", rate, one), line(f"{len(centres)} centres", rate, spread)]
                if one["p95"] <= P95_TARGET_MS and not one["errors"]:
                    best = (rate, one, spread)
            for label, path_of, pages in CPU_KINDS:
                kinds.append((label, arm_run(port, centres, args.cpu_rate, args.seconds, server, rng, path_of, pages)))
        finally:
            web.terminate()
            web.wait(timeout=30)
    header = [f"bench/api_load.py — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, gunicorn "
              f"{args.workers} sync workers, {args.centres} centres × {args.people} people × {args.cases} cases "
              f"(built in {built_s:.0f} s); each arm {args.seconds:.0f} s per rate, arms taking turns"]
    if best:
        rate, one, spread = best
        ratio = spread["p95"] / one["p95"]
        verdict = "ok" if ratio <= 1 + SPREAD_TARGET and not spread["errors"] else "ABOVE TARGET"
        summary = (f"  highest rate with one-centre p95 ≤ {P95_TARGET_MS:.0f} ms: {rate:.0f}/s; over {args.centres} "
                   f"centres p95 {spread['p95']:.1f} ms against {one['p95']:.1f} ms (×{ratio:.2f}, target ≤ "
                   f"×{1 + SPREAD_TARGET:.2f}): {verdict}")
    else:
        summary = f"  no rate kept the one-centre p95 ≤ {P95_TARGET_MS:.0f} ms"
    minimal = kinds[0][1]["server_ms"] if kinds else None
    cpu_lines = [f"  CPU per request of each kind alone, over {args.centres} centres at {args.cpu_rate:.0f}/s, against "
                 f"the minimal authenticated view in the same run:"]
    for label, result in kinds:
        database = f"{result['database_ms']:.1f} ms" if result["database_ms"] is not None else "—"
        cpu_lines.append(f"    {label:<22} server {result['server_ms']:5.1f} ms (×{result['server_ms'] / minimal:.2f}), "
                         f"database {database}, p95 {result['p95']:.1f} ms, errors {result['errors']}")
    table = "\n".join([*header, *lines, summary, *cpu_lines,
                       f"  load average before / after: {load_before:.2f} / {os.getloadavg()[0]:.2f}"]) + "\n"
    print(table)
    Path(args.output).write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
