"""Benchmark of the spreadsheet import: one XLSX of 20,000 people in 8,000 households, 5,000 of
them with a case (intake date and needs), read, previewed and imported into one centre by the
services the worker runs; the baseline is the same kind of rows sent through the API one by one
(person, household or membership, case) in the same run, on a sample, extrapolated to the file.

Prints the times of upload (read and check), preview and import, the peak memory of the process
(ru_maxrss: an upper bound, it includes Django and the file built here), the ratio against the
baseline, and the load average before and after (2 shared cores: a busy machine slows both arms)."""

import argparse
import datetime
import io
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.tenancy import scratch_django  # noqa: E402

BENCH_SLUG = "bench-import"
TARGET_S = 60.0
TARGET_MB = 500
HEADER = ["Επώνυμο", "Όνομα", "Ημερομηνία γέννησης", "Φύλο", "ΑΜΚΑ", "ΑΦΜ", "Τηλέφωνο", "Κωδικός νοικοκυριού",
          "Σχέση με υπεύθυνο/η", "Ημερομηνία εισαγωγής φακέλου", "Ανάγκες"]
NEEDS = ["Απασχόληση", "Στέγαση", "Κοινωνικοοικονομική στήριξη", "Υγεία", "Εκπαίδευση"]


def rows_build(people: int, cases: int, seed: int) -> list[list[object]]:
    """Rows as a centre's register has them: households of 1–4 (head first), unique ΑΜΚΑ/ΑΦΜ, the
    ΑΜΚΑ as a number where Excel would have kept it so (leading zero lost)."""
    import factory.random

    from casework.factories import PersonFactory

    factory.random.reseed_random(seed)
    rng = random.Random(seed)
    rows, amkas, afms = [], set(), set()
    household, left_in_household = 0, 0
    while len(rows) < people:
        person = PersonFactory.build()
        if person.amka in amkas or person.afm in afms or not person.birth_date:
            continue
        amkas.add(person.amka)
        afms.add(person.afm)
        if left_in_household == 0:
            household, left_in_household = household + 1, rng.choice([1, 2, 3, 4])
            relation = "Υπεύθυνος/η νοικοκυριού"
        else:
            relation = rng.choice(["Σύζυγος / σύντροφος", "Τέκνο", "Γονέας"])
        left_in_household -= 1
        amka = int(person.amka) if rng.random() < 0.3 else person.amka
        rows.append([person.last_name, person.first_name, person.birth_date.strftime("%d/%m/%Y"),
                     "Γυναίκα" if person.gender == "female" else "Άνδρας", amka, person.afm,
                     f"69{len(rows):08d}", f"Ν-{household}", relation, "", ""])
    for row in rng.sample(rows, cases):
        row[9] = (datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(600))).strftime("%d/%m/%Y")
        row[10] = ", ".join(rng.sample(NEEDS, rng.choice([1, 2])))
    return rows


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    # A regular workbook, as Excel and LibreOffice save one: with its dimension (the upload
    # counts the rows from it instead of parsing the sheet).
    book = Workbook()
    sheet = book.active
    sheet.title = "Μητρώο"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_import(data: bytes, coordinator) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casework.services import imports

    timings = {}
    started = time.perf_counter()
    job = imports.import_upload(by=coordinator, kind="people", upload=SimpleUploadedFile("mitroo.xlsx", data))
    timings["upload"] = time.perf_counter() - started
    imports.import_map(job=job, by=coordinator, mapping=job.mapping)
    started = time.perf_counter()
    job = imports.import_preview(job_id=job.pk)
    timings["preview"] = time.perf_counter() - started
    timings["preview_mb"] = peak_mb()
    imports.import_confirm(job=job, by=coordinator)
    started = time.perf_counter()
    job = imports.import_run(job_id=job.pk)
    timings["import"] = time.perf_counter() - started
    timings["import_mb"] = peak_mb()
    timings["job"] = job
    return timings


def measure_api_baseline(rows: list[list[object]], *, host: str, token: str, sample: int) -> dict:
    """The first ``sample`` rows (whole households) through the API, one request per record."""
    from rest_framework.test import APIClient

    needs = {"Απασχόληση": "employment", "Στέγαση": "housing", "Κοινωνικοοικονομική στήριξη": "socioeconomic",
             "Υγεία": "health", "Εκπαίδευση": "education"}
    client = APIClient(HTTP_HOST=host)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    requests, households, done = 0, {}, 0
    started = time.perf_counter()
    worker_id = client.get("/api/v1/me/").json()["id"]
    for row in rows[:sample]:
        born = datetime.datetime.strptime(row[2], "%d/%m/%Y").date()
        person = client.post("/api/v1/persons/", {
            "last_name": row[0], "first_name": row[1], "birth_date": born.isoformat(),
            "gender": "female" if row[3] == "Γυναίκα" else "male", "amka": f"{int(row[4]):011d}", "afm": row[5],
            "phone": row[6], "confirm_duplicate": True}, format="json")
        requests += 1
        assert person.status_code == 201, person.content
        person_id = person.json()["id"]
        if row[7] not in households:
            household = client.post("/api/v1/households/", {"head": person_id}, format="json")
            assert household.status_code == 201, household.content
            households[row[7]] = household.json()["id"]
        else:
            member = client.post(f"/api/v1/households/{households[row[7]]}/members/",
                                 {"person": person_id, "relation": "child"}, format="json")
            assert member.status_code in (200, 201), member.content
        requests += 1
        if row[9]:
            case = client.post("/api/v1/cases/", {
                "person": person_id, "assigned_worker": worker_id, "needs": [needs[n] for n in row[10].split(", ")],
                "intake_date": datetime.datetime.strptime(row[9], "%d/%m/%Y").date().isoformat()}, format="json")
            assert case.status_code == 201, case.content
            requests += 1
        done += 1
    elapsed = time.perf_counter() - started
    return {"rows": done, "requests": requests, "seconds": elapsed, "per_row": elapsed / done}


def report(args, built: float, size: int, timings: dict, baseline: dict, loads: tuple[float, float]) -> str:
    job = timings["job"]
    result = job.result
    extrapolated = baseline["per_row"] * args.people
    ratio = extrapolated / timings["import"] if timings["import"] else float("inf")
    peak = max(timings["preview_mb"], timings["import_mb"])
    lines = [
        f"bench/import.py — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, load average "
        f"{loads[0]:.2f} before, {loads[1]:.2f} after",
        f"One XLSX of {args.people:,} people in households, {args.cases:,} with a case: {size / 1024 / 1024:.1f} MB "
        f"(built in {built:.1f} s)",
        "",
        f"  upload (read, count rows, store)   {timings['upload']:7.2f} s",
        f"  preview (dry run of every row)     {timings['preview']:7.1f} s   peak RSS {timings['preview_mb']:6.0f} MB",
        f"  import (one transaction)           {timings['import']:7.1f} s   peak RSS {timings['import_mb']:6.0f} MB",
        f"  status {job.status}: {result.get('people_created', 0):,} people, "
        f"{result.get('households_created', 0):,} households ({result.get('members_added', 0):,} members), "
        f"{result.get('cases_opened', 0):,} cases; refused {result.get('refused', 0)}",
        f"  target ≤ {TARGET_S:.0f} s and ≤ {TARGET_MB} MB for the import: "
        f"{'ok' if timings['import'] <= TARGET_S and peak <= TARGET_MB else 'ABOVE TARGET'}",
        "",
        f"Baseline: {baseline['rows']} rows through the API one by one ({baseline['requests']} requests, "
        f"{baseline['seconds']:.1f} s, {baseline['per_row'] * 1000:.1f} ms a row), extrapolated to {args.people:,} "
        f"rows: {extrapolated:.0f} s",
        f"  import ×{ratio:.1f} faster than the API one by one (preview + import: "
        f"×{extrapolated / (timings['preview'] + timings['import']):.1f})",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--cases", type=int, default=5_000)
    parser.add_argument("--sample", type=int, default=300, help="rows sent through the API for the baseline")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--output", default="/tmp/bench-import.txt", help="where the report is also written")
    args = parser.parse_args(argv)

    load_before = os.getloadavg()[0]
    with scratch_django():
        from django_tenants.utils import schema_context

        from platform_core.accounts.roles import Role
        from platform_core.accounts.services import staff_create, token_get_or_create
        from tenants.services import centre_create

        centre = centre_create(slug=BENCH_SLUG, name="Κέντρο Κοινότητας Μετρήσεων", municipality="apokoronas",
                               region="crete").centre
        baseline_centre = centre_create(slug=f"{BENCH_SLUG}-api", name="Κέντρο Κοινότητας Μετρήσεων API",
                                        municipality="apokoronas", region="crete").centre
        print(f"Building {args.people:,} rows…", file=sys.stderr)
        started = time.perf_counter()
        rows = rows_build(args.people, args.cases, args.seed)
        data = xlsx_bytes(rows)
        built = time.perf_counter() - started
        with schema_context(baseline_centre.schema_name):
            api_user = staff_create(email="api@bench.test", password="Bench-password-2026", role=Role.COORDINATOR,
                                    first_name="Μέτρηση", last_name="API")
            token = token_get_or_create(user=api_user).key
        print(f"Baseline: {args.sample} rows through the API…", file=sys.stderr)
        baseline = measure_api_baseline(rows, host=baseline_centre.primary_domain_name, token=token,
                                        sample=args.sample)
        with schema_context(centre.schema_name):
            coordinator = staff_create(email="import@bench.test", password="Bench-password-2026",
                                       role=Role.COORDINATOR, first_name="Μέτρηση", last_name="Εισαγωγής")
            print("Upload, preview, import…", file=sys.stderr)
            timings = measure_import(data, coordinator)
        table = report(args, built, len(data), timings, baseline, (load_before, os.getloadavg()[0]))
    print(table)
    Path(args.output).write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
