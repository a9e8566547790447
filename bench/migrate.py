"""Benchmark of deploys: a no-op `migrate_schemas` (the command infra/ runs) over a growing
number of centres, each built by copying the template schema; stock django-tenants
(`--executor standard`, every schema entered) on the smallest number as the baseline; then one
migration missing in every centre, applied with a SIGKILL half-way and finished by a second run."""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.tenancy import scratch_django  # noqa: E402

NOOP_TARGETS_S = {300: 10.0, 1000: 30.0}
# A migration without SQL (AlterField of a Python default): forgetting it in a schema makes that
# schema one migration behind without touching its tables.
NO_SQL_MIGRATION = ("notifications", "0002_quiet_hours_default_functions")
# The deploy's command, as infra/Procfile runs it (shared schema, then every centre).
DEPLOY = ["manage.py", "migrate_schemas", "--noinput", "--executor=multiprocessing", "--verbosity=0"]
STOCK = ["manage.py", "migrate_schemas", "--noinput", "--executor=standard", "--verbosity=0"]


def centres_build(start: int, stop: int) -> float:
    """Centres ``start``…``stop - 1``: a row and a copy of the template each, its reference
    version recorded (the copy carries the template's role groups). Returns the seconds taken."""
    from django.db import transaction

    from tenants.migrate import reference_state_record
    from tenants.models import Centre
    from tenants.template import TEMPLATE_SCHEMA, schema_copy

    started = time.perf_counter()
    for i in range(start, stop):
        slug = f"mig-{i:04d}"
        with transaction.atomic():
            centre = Centre.objects.create(schema_name=slug.replace("-", "_"), slug=slug,
                                           name=f"Κέντρο Κοινότητας {slug}")
            schema_copy(source=TEMPLATE_SCHEMA, target=centre.schema_name)
            reference_state_record(schema=centre.schema_name)
    return time.perf_counter() - started


def centre_schemas() -> list[str]:
    from tenants.models import Centre

    return list(Centre.objects.exclude(schema_name="public").order_by("schema_name")
                .values_list("schema_name", flat=True))


def deploy_run(command: list[str], *, env: dict | None = None) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *command], cwd=ROOT, check=True, env={**os.environ, **(env or {})},
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def migration_forget(schemas: list[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(f'DELETE FROM "{schema}".django_migrations WHERE app = %s AND name = %s',  # noqa: S608
                           list(NO_SQL_MIGRATION))


def apply_with_kill(schemas: list[str]) -> dict:
    """Every centre one migration behind; the deploy is SIGKILLed once about half are done, then
    run again: the second run must enter only the rest."""
    from django.db import connection

    from platform_core.migration_state import schemas_behind

    migration_forget(schemas)
    connection.close()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, *DEPLOY], cwd=ROOT, start_new_session=True)
    left = len(schemas)
    while process.poll() is None and left > len(schemas) // 2:
        time.sleep(0.2)
        left = len(schemas_behind(schemas))
    killed = process.poll() is None
    if killed:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    first_s = time.perf_counter() - started
    left = len(schemas_behind(schemas))
    second_s = deploy_run(DEPLOY)
    return {"first_s": first_s, "killed": killed, "left_after_kill": left, "second_s": second_s,
            "left_after_second": len(schemas_behind(schemas))}


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--series", default="50,100,300", help="numbers of centres, ascending (e.g. 50,100,300,1000)")
    parser.add_argument("--build-budget", type=float, default=900.0,
                        help="stop growing the series once building centres has taken this many seconds")
    parser.add_argument("--no-apply", action="store_true", help="skip the apply-with-a-kill measurement")
    parser.add_argument("--output", default="/tmp/bench-migrate.txt")
    args = parser.parse_args(argv)
    series = sorted({int(n) for n in args.series.split(",")})

    lines = []
    with scratch_django():
        from django.db import connection, transaction

        from platform_core.migration_state import schemas_behind
        from tenants.template import template_sync

        load_before = load()
        with transaction.atomic():
            template_sync()
        built, build_s, rows, baseline = 0, 0.0, [], None
        for count in series:
            if build_s > args.build_budget:
                print(f"Build budget spent ({build_s:.0f} s): stopping before {count} centres.", file=sys.stderr)
                break
            print(f"Building centres {built}…{count}…", file=sys.stderr)
            build_s += centres_build(built, count)
            built = count
            schemas = centre_schemas()
            assert not schemas_behind(schemas), "a freshly copied centre is behind"
            connection.close()
            deploy_run(DEPLOY)  # warms the server's caches for the catalogue of this size
            noop_s = deploy_run(DEPLOY)
            rows.append((count, noop_s))
            if baseline is None:
                print(f"Stock django-tenants over {count} centres…", file=sys.stderr)
                baseline = (count, deploy_run(STOCK, env={"MIGRATE_SKIP_CURRENT": "0"}))
        startup_s = min(deploy_run(["manage.py", "migrate_schemas", "--help"]) for _ in range(3))
        apply = None if args.no_apply else apply_with_kill(centre_schemas())
        load_after = load()

    lines.append(f"bench/migrate.py — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
                 f"load average before {load_before}, after {load_after}")
    lines.append(f"  centres built by copying the template: {built} in {build_s:.0f} s "
                 f"({build_s / max(built, 1) * 1000:.0f} ms each)")
    lines.append(f"  no-op `{' '.join(DEPLOY[1:])}` (a new process each run, Django start-up included):")
    previous = None
    for count, seconds in rows:
        marginal = "" if previous is None else \
            f", {(seconds - previous[1]) / (count - previous[0]) * 1000:.1f} ms per added centre"
        target = NOOP_TARGETS_S.get(count)
        verdict = "" if target is None else \
            f"  target ≤ {target:.0f} s: {'ok' if seconds <= target else 'ABOVE TARGET'}"
        lines.append(f"    {count:>5} centres: {seconds:6.2f} s "
                     f"({seconds / count * 1000:.1f} ms per centre{marginal}){verdict}")
        previous = (count, seconds)
    lines.append(f"  of which process start-up (`migrate_schemas --help`, Django set up, nothing run): "
                 f"{startup_s:.2f} s")
    if baseline:
        count, seconds = baseline
        ours = dict(rows)[count]
        lines.append(f"  baseline, stock django-tenants (`--executor standard`, MIGRATE_SKIP_CURRENT=0) over {count} "
                     f"centres: {seconds:.2f} s ({seconds / count * 1000:.0f} ms per centre) — "
                     f"{seconds / ours:.0f}× the no-op")
    if apply:
        lines.append(f"  one migration missing in all {built} centres: first run "
                     f"{'SIGKILLed' if apply['killed'] else 'finished'} after {apply['first_s']:.1f} s with "
                     f"{apply['left_after_kill']} left; the second run finished them in {apply['second_s']:.1f} s "
                     f"({apply['left_after_second']} left)")
    table = "\n".join(lines) + "\n"
    print(table)
    Path(args.output).write_text(table, encoding="utf-8")
    return 0 if apply is None or apply["left_after_second"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
