"""Benchmark of tenancy: centre creation time, and request throughput with and without tenant routing."""

import argparse
import contextlib
import io
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# Runnable as `python bench/tenancy.py` too: the project root must be importable.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/koinotita"
TENANT_MIDDLEWARE = "tenants.routing.CentreRoutingMiddleware"
BENCH_QUEUE = "koinotita-bench"
CREATION_TARGET_S = 1.0
OVERHEAD_TARGET = 0.10
PASSWORD = "Bench-password-2026"
BENCH_SLUG = "bench-load"


@dataclass
class Arm:
    """One way of serving the same request: its label, WSGI callable, the settings it runs with,
    and the state of the connection as it finds it (set up, untimed, before each request)."""

    label: str
    app: object
    prepare: Callable[[], None]
    settings: dict


# --- scratch database -------------------------------------------------------------------------

def scratch_database_url(url: str) -> tuple[str, str]:
    """The scratch database's URL and name: the configured one's name + ``_bench_scratch``."""
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'koinotita'}_bench_scratch"
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _maintenance_connection(url: str):
    import psycopg2

    # libpq reads the URL itself, so a unix-socket server (pgserver's ?host=/dir) works too.
    conn = psycopg2.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")))
    conn.autocommit = True
    return conn


def _maintenance_execute(url: str, *statements: str) -> None:
    # Not `with conn`: psycopg2 would wrap the block in a transaction, which CREATE DATABASE refuses.
    conn = _maintenance_connection(url)
    try:
        with conn.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        conn.close()


def scratch_database_create(url: str, name: str) -> None:
    # A previous run that was killed may have left it behind.
    _maintenance_execute(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')


def scratch_database_drop(url: str, name: str) -> None:
    _maintenance_execute(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "platform_core.settings"
    # Production settings (its password hasher too), except that requests arrive over plain HTTP
    # in-process (no SSL redirect) and only warnings are logged (a log line per request would be
    # measured too).
    os.environ["DEBUG"] = "false"
    os.environ["HTTPS"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("LOG_FORMAT", "text")
    import django

    django.setup()
    from platform_core.celery import app

    # The coordinator's welcome e-mail is queued at onboarding; keep it off the real queue.
    app.conf.task_default_queue = BENCH_QUEUE


def bench_queue_purge() -> None:
    import redis
    from django.conf import settings

    # The queue and kombu's records of its bindings.
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    keys = [BENCH_QUEUE, *client.scan_iter(match=f"_kombu.binding*.{BENCH_QUEUE}")]
    client.delete(*keys)


@contextlib.contextmanager
def scratch_django() -> Iterator[None]:
    """Django set up on a scratch database of the configured server (created now, its shared
    schema migrated; dropped at the end, with the bench queue purged)."""
    database_url, database = scratch_database_url(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    print(f"Scratch database {database} (created now, dropped at the end)…", file=sys.stderr)
    scratch_database_create(database_url, database)
    django_ready = False
    try:
        django_setup(database_url)
        django_ready = True
        from django.core.management import call_command

        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        yield
    finally:
        if django_ready:
            from django.db import connections

            bench_queue_purge()
            connections.close_all()
        scratch_database_drop(database_url, database)


# --- centre creation --------------------------------------------------------------------------

class _RollBack(Exception):
    pass


def measure_schema_by_migrations(count: int) -> list[float]:
    """The step the template replaces: a centre schema built by running every migration."""
    from django.db import transaction

    from tenants.models import Centre

    timings = []
    for i in range(count):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                Centre(schema_name=f"bench_migrated_{i}").create_schema(check_if_exists=False, verbosity=0)
                timings.append(time.perf_counter() - started)
                raise _RollBack
        except _RollBack:
            pass
    return timings


def measure_centre_creation(count: int) -> dict:
    from django.contrib.auth.hashers import make_password

    from tenants.services import centre_create

    def create(slug: str) -> float:
        started = time.perf_counter()
        centre_create(slug=slug, name=f"Κέντρο Κοινότητας {slug}", municipality="apokoronas", region="crete",
                      admin_email=f"coordinator@{slug}.bench", admin_password=PASSWORD)
        return time.perf_counter() - started

    # The first creation on a fresh database also builds the template schema (every migration)
    # and, in a new process, imports the migration modules: reported, not counted.
    first = create("bench-first")
    timings = [create(f"bench-c{i:02d}") for i in range(1, count + 1)]
    hashing = []
    for _ in range(3):
        started = time.perf_counter()
        make_password(PASSWORD)
        hashing.append(time.perf_counter() - started)
    migrated = measure_schema_by_migrations(3)
    return {
        "first_s": first,
        "timings_s": timings,
        "median_s": statistics.median(timings),
        "min_s": min(timings),
        "max_s": max(timings),
        "password_hash_s": statistics.median(hashing),
        "schema_by_migrations_s": statistics.median(migrated),
    }


# --- request throughput -----------------------------------------------------------------------

def _environ(host: str, path: str, headers: dict[str, str]) -> dict:
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
        "SERVER_NAME": host, "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    environ.update(headers)
    return environ


def _call(app, host: str, path: str, headers: dict[str, str]) -> tuple[str, bytes]:
    status_holder = []
    result = app(_environ(host, path, headers), lambda status, _headers, exc_info=None: status_holder.append(status))
    try:
        body = b"".join(result)
    finally:
        result.close()  # sends request_finished, as a WSGI server does
    return status_holder[0], body


def build_arms(centre) -> list[Arm]:
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test import override_settings

    class KnownCentreHandler(WSGIHandler):
        """The same stack without TenantMainMiddleware: the centre is known before the request
        arrives (as in a deployment with one schema), so no host lookup and no schema switch."""

        def __init__(self):
            from django.conf import settings

            with override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != TENANT_MIDDLEWARE]):
                super().__init__()

        def get_response(self, request):
            # As fresh as the routed arm's centre, so the page's own queries (its municipality) stay.
            centre._state.fields_cache.clear()
            request.tenant = centre
            return super().get_response(request)

    def as_left() -> None:
        pass  # TenantMainMiddleware switches to public, looks the host up, switches to the centre

    def centre_selected() -> None:
        connection.set_tenant(centre)

    def centre_search_path_set() -> None:
        # A one-schema deployment's connection already has its search_path when a request comes.
        connection.set_tenant(centre)
        connection.cursor().close()

    routed, known = WSGIHandler(), KnownCentreHandler()
    return [
        Arm("tenant routing (as configured)", routed, as_left, {}),
        Arm("no routing, same backend", known, centre_selected, {}),
        # django-tenants re-issues SET search_path on every cursor (TENANT_LIMIT_SET_CALLS is off,
        # DESIGN.md). A one-schema deployment sets it once per connection: the honest baseline.
        Arm("one schema (search_path once)", known, centre_search_path_set, {"TENANT_LIMIT_SET_CALLS": True}),
        # Not the configuration (DESIGN.md keeps it off): what turning it on would buy.
        Arm("tenant routing, LIMIT_SET_CALLS on", routed, as_left, {"TENANT_LIMIT_SET_CALLS": True}),
    ]


def measure_throughput(arms: list[Arm], host: str, path: str, headers: dict, seconds: float) -> dict:
    """Per-request latencies of every arm, the arms taking turns request by request (in an order
    that rotates), so that a busy moment of the machine falls on all of them alike."""
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    overrides = {arm.label: override_settings(**arm.settings) for arm in arms}

    def call(arm: Arm, captured: list | None = None) -> tuple[float, str, bytes]:
        overrides[arm.label].enable()
        try:
            arm.prepare()
            with CaptureQueriesContext(connection) if captured is not None else contextlib.nullcontext() as queries:
                started = time.perf_counter()
                status, body = _call(arm.app, host, path, headers)
                elapsed = time.perf_counter() - started
            if captured is not None:
                captured.extend(query["sql"] for query in queries.captured_queries)
            return elapsed, status, body
        finally:
            overrides[arm.label].disable()

    # Same view, same answer: every arm must return the same body.
    bodies, queries = [], {}
    for arm in arms:
        for _ in range(200):  # warm-up: imports, URL resolver, template and query caches
            call(arm)
        captured: list[str] = []
        _elapsed, status, body = call(arm, captured)
        if not status.startswith("200"):
            raise SystemExit(f"{arm.label}: GET {path} answered {status}")
        bodies.append(body)
        sets = sum(1 for sql in captured if sql.startswith("SET search_path"))
        queries[arm.label] = (len(captured) - sets, sets)
    if path.startswith("/api/") and len({json.dumps(json.loads(b), sort_keys=True) for b in bodies}) != 1:
        raise SystemExit(f"GET {path}: the arms answered differently")

    samples: dict[str, list[float]] = {arm.label: [] for arm in arms}
    deadline, turn = time.perf_counter() + seconds * len(arms), 0
    while time.perf_counter() < deadline:
        shift = turn % len(arms)
        for arm in arms[shift:] + arms[:shift]:
            samples[arm.label].append(call(arm)[0])
        turn += 1
    return {
        label: {"rate": len(values) / sum(values), "p50": statistics.median(values), "n": len(values),
                "queries": queries[label]}
        for label, values in samples.items()
    }


def overhead(results: dict, label: str, against: str) -> float:
    """Throughput lost against another arm, from median latencies (robust to pauses of the machine)."""
    return 1 - results[against]["p50"] / results[label]["p50"]


def throughput_setup():
    """A centre with a coordinator and an API token, and the staff list it will serve."""
    from django_tenants.utils import schema_context

    from platform_core.accounts.models import User
    from platform_core.accounts.roles import Role
    from platform_core.accounts.services import staff_create, token_create
    from tenants.services import centre_create

    onboarded = centre_create(slug=BENCH_SLUG, name="Κέντρο Κοινότητας Μετρήσεων", municipality="platanias",
                              region="crete", admin_email=f"coordinator@{BENCH_SLUG}.bench", admin_password=PASSWORD)
    with schema_context(onboarded.centre.schema_name):
        for n, role in enumerate([Role.SOCIAL_WORKER, Role.PSYCHOLOGIST, Role.RECEPTION, Role.AUDITOR] * 2):
            staff_create(email=f"staff{n}@{BENCH_SLUG}.bench", password=PASSWORD, role=role)
        token = token_create(user=User.objects.get(username=onboarded.admin_username)).key
    return onboarded.centre, token


# --- report -----------------------------------------------------------------------------------

def report(creation: dict, views: list[tuple[str, dict]], arms: list[Arm], migrations: int, seconds: float,
           load: tuple[float, float]) -> str:
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    ok = lambda passed: "ok" if passed else "ABOVE TARGET"  # noqa: E731
    lines = [
        f"bench/tenancy.py — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, load average "
        f"{load[0]:.1f} → {load[1]:.1f}, {migrations} migrations recorded per centre schema",
        "",
        "Centre creation (centre_create: row, domain, schema from the template, reference data, coordinator)",
        f"  median of {len(creation['timings_s'])}: {ms(creation['median_s'])}  "
        f"(min {ms(creation['min_s'])}, max {ms(creation['max_s'])})  "
        f"target ≤ {ms(CREATION_TARGET_S)}: {ok(creation['median_s'] <= CREATION_TARGET_S)}",
        f"  first one on a fresh database (builds the template): {ms(creation['first_s'])}",
        f"  of which the coordinator's password hash: {ms(creation['password_hash_s'])}",
        f"  the schema alone by running every migration instead (median of 3): "
        f"{ms(creation['schema_by_migrations_s'])}",
        "",
        f"Request throughput: in-process WSGI, one thread, {seconds:g} s per arm, arms taking turns request by request",
    ]
    routed, unrouted, baseline, limited = (arm.label for arm in arms)
    width = max(len(arm.label) for arm in arms)
    for name, results in views:
        lines.append(f"  {name}")
        for arm in arms:
            result = results[arm.label]
            count, sets = result["queries"]
            lines.append(f"    {arm.label:<{width}}  {result['rate']:6.0f} req/s  p50 {result['p50'] * 1000:5.2f} ms  "
                         f"n={result['n']:<5} {count} queries + {sets} SET search_path")
        tenancy = overhead(results, routed, baseline)
        lines.append(f"    tenancy overhead (routed against one schema) {tenancy:.1%}  "
                     f"target ≤ {OVERHEAD_TARGET:.0%}: {ok(tenancy <= OVERHEAD_TARGET)}; "
                     f"routing alone {overhead(results, routed, unrouted):.1%}; "
                     f"with TENANT_LIMIT_SET_CALLS on {overhead(results, limited, baseline):.1%}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--centres", type=int, default=10, help="centres created for the timing (default 10)")
    parser.add_argument("--seconds", type=float, default=6.0, help="request time per arm and view (default 6 s)")
    parser.add_argument("--output", default="/tmp/bench-tenancy.txt", help="where the table is also written")
    args = parser.parse_args(argv)

    with scratch_django():
        from django.db.migrations.loader import MigrationLoader

        load_before = os.getloadavg()[0]
        print("Timing centre creation…", file=sys.stderr)
        creation = measure_centre_creation(args.centres)
        centre, token = throughput_setup()
        arms = build_arms(centre)
        host = centre.primary_domain_name
        views = []
        for name, path, headers in [
            ("API list GET /api/v1/staff/ (token)", "/api/v1/staff/", {"HTTP_AUTHORIZATION": f"Token {token}"}),
            ("login page GET /accounts/login/ (a template, one query)", "/accounts/login/", {}),
        ]:
            print(f"Timing {name}…", file=sys.stderr)
            views.append((name, measure_throughput(arms, host, path, headers, args.seconds)))
        migrations = len(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
        table = report(creation, views, arms, migrations, args.seconds, (load_before, os.getloadavg()[0]))
    print(table)
    Path(args.output).write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
