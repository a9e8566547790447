"""Benchmark of person search on 50,000 people in one centre: query plans and timings of the search
as the API runs it (count + first page), on the indexes against the same queries with every index
scan forced off, the arms taking turns query by query in one run."""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

# Runnable as `python bench/person_search.py` too: the project root must be importable.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.tenancy import scratch_django  # noqa: E402

BENCH_SLUG = "bench-people"
PAGE = 50
NAME_SEARCH_TARGET_S = 0.020
NO_INDEX = ("SET LOCAL enable_indexscan = off", "SET LOCAL enable_bitmapscan = off",
            "SET LOCAL enable_indexonlyscan = off")


def people_build(count: int, seed: int) -> list:
    """``count`` factory-built people (synthetic Greek names, valid ΑΜΚΑ/ΑΦΜ), unique identifiers."""
    import factory.random

    from casework.factories import PersonFactory

    factory.random.reseed_random(seed)
    random.seed(seed)
    people, amkas, afms = [], set(), set()
    while len(people) < count:
        person = PersonFactory.build(phone=f"69{len(people):08d}")
        if person.amka in amkas or person.afm in afms:
            continue  # the synthetic identifiers are random: skip the rare repeat
        amkas.add(person.amka)
        afms.add(person.afm)
        people.append(person)
    return people


def centre_with_people(count: int, seed: int):
    from django.db import connection
    from django_tenants.utils import schema_context

    from casework.models import Person
    from tenants.services import centre_create

    centre = centre_create(slug=BENCH_SLUG, name="Κέντρο Κοινότητας Μετρήσεων", municipality="apokoronas",
                           region="crete").centre
    started = time.perf_counter()
    people = people_build(count, seed)
    built = time.perf_counter() - started
    with schema_context(centre.schema_name):
        started = time.perf_counter()
        Person.objects.bulk_create(people, batch_size=5_000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE casework_person")
        loaded = time.perf_counter() - started
    return centre, people, built, loaded


def queries_from(people: list) -> list[tuple[str, str]]:
    """Searches a member of staff would type, taken from the data (so each finds someone)."""
    from casework.identifiers import search_form

    surnames: dict[str, int] = {}
    for person in people:
        surnames[person.last_name] = surnames.get(person.last_name, 0) + 1
    common = max(surnames, key=surnames.get)
    sample = people[len(people) // 3]
    return [
        ("surname, accents and case as typed", sample.last_name.upper()),
        ("surname prefix of 4 letters", search_form(common)[:4]),
        ("most common surname in full", search_form(common)),
        ("surname + first name prefixes", f"{search_form(sample.last_name)[:5]} {search_form(sample.first_name)[:3]}"),
        ("ΑΜΚΑ (keyed hash)", sample.amka),
        ("phone", sample.phone),
    ]


def run_query(query: str, *, indexes: bool) -> tuple[float, int]:
    from django.db import connection, transaction

    from casework.selectors.people import person_list

    with transaction.atomic():
        if not indexes:
            with connection.cursor() as cursor:
                for statement in NO_INDEX:
                    cursor.execute(statement)
        started = time.perf_counter()
        queryset = person_list(query=query)
        total = queryset.count()
        list(queryset[:PAGE])
        return time.perf_counter() - started, total


def plan(query: str, *, indexes: bool) -> str:
    from django.db import connection, transaction

    from casework.selectors.people import person_list

    with transaction.atomic():
        if not indexes:
            with connection.cursor() as cursor:
                for statement in NO_INDEX:
                    cursor.execute(statement)
        return person_list(query=query)[:PAGE].explain(analyze=True)


def measure(queries: list[tuple[str, str]], rounds: int) -> dict:
    results = {}
    for label, query in queries:
        for indexes in (True, False):
            run_query(query, indexes=indexes)  # warm-up: the table's pages in the cache, plans ready
        samples: dict[bool, list[float]] = {True: [], False: []}
        found = 0
        for turn in range(rounds):
            for indexes in ((True, False) if turn % 2 == 0 else (False, True)):
                elapsed, found = run_query(query, indexes=indexes)
                samples[indexes].append(elapsed)
        results[label] = {"found": found, "indexed": statistics.median(samples[True]),
                          "no_index": statistics.median(samples[False])}
    return results


def report(count: int, built: float, loaded: float, results: dict, plans: list[tuple[str, str, str]],
           rounds: int) -> str:
    ms = lambda s: f"{s * 1000:7.2f} ms"  # noqa: E731
    lines = [
        f"bench/person_search.py — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, {count:,} people "
        f"in one centre schema (built {built:.1f} s, bulk_create + ANALYZE {loaded:.1f} s)",
        "",
        f"Search as the API runs it (count + first page of {PAGE}), median of {rounds}; "
        "baseline: the same query with index scans off (SET LOCAL enable_indexscan/bitmapscan/indexonlyscan = off)",
    ]
    width = max(len(label) for label in results)
    for label, result in results.items():
        speedup = result["no_index"] / result["indexed"] if result["indexed"] else float("inf")
        lines.append(f"  {label:<{width}}  found {result['found']:>6}  indexed {ms(result['indexed'])}  "
                     f"no index {ms(result['no_index'])}  ×{speedup:5.1f}")
    name = results[plans[0][0]]
    lines.append(f"  name search target ≤ {NAME_SEARCH_TARGET_S * 1000:.0f} ms: "
                 f"{'ok' if name['indexed'] <= NAME_SEARCH_TARGET_S else 'ABOVE TARGET'}")
    for label, indexed, no_index in plans:
        lines += ["", f"Plan: {label} (indexes as the planner chooses)", indexed, "",
                  f"Plan: {label} (index scans off)", no_index]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=50_000, help="people in the centre (default 50,000)")
    parser.add_argument("--rounds", type=int, default=30, help="timed runs per query and arm (default 30)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--output", default="/tmp/bench-person-search.txt", help="where the report is also written")
    args = parser.parse_args(argv)

    with scratch_django():
        from django_tenants.utils import schema_context

        print(f"Building {args.people:,} people…", file=sys.stderr)
        centre, people, built, loaded = centre_with_people(args.people, args.seed)
        queries = queries_from(people)
        with schema_context(centre.schema_name):
            print("Timing searches…", file=sys.stderr)
            results = measure(queries, args.rounds)
            plans = [(label, plan(query, indexes=True), plan(query, indexes=False)) for label, query in queries[:2]]
        table = report(args.people, built, loaded, results, plans, args.rounds)
    print(table)
    Path(args.output).write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
