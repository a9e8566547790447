"""Casework services: importing a spreadsheet (people with their households and cases, or cases of
people already registered).

upload (``import_upload``: the file is read and kept under the centre's media folder) → map the
columns (``import_map``: saved for the next file of the kind; the preview is computed by a task)
→ confirm (``import_confirm``) → ``import_run`` in a task, which plans the file again (the data may
have changed since the preview) and writes it in **one transaction**: with refused rows and no
"skip refused rows", nothing is written; otherwise every row planned is written or none is (any
error rolls all back). Refused and unconfirmed rows go to an XLSX of errors.

Idempotent: a row that matches what is registered changes nothing (``casework.imports.kinds``),
so a file imported twice writes nothing the second time; the preview also says when the same
file (by SHA-256) was imported before. A task delivered twice finds the job no longer queued.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.imports import kinds
from casework.imports.kinds import CREATE, DUPLICATE, NEW, REFUSED, SAME, SKIP, UNCHANGED, UPDATE, Plan, RowPlan
from casework.imports.reading import FileRefused, table_read
from casework.imports.workbooks import errors_xlsx
from casework.models import Case, Household, ImportJob, ImportKind, ImportMapping, Person
from casework.services.cases import cases_open_many
from casework.services.people import (
    household_members_add_many,
    households_create_many,
    person_update,
    persons_create_many,
)
from platform_core.labels import moment

Status = ImportJob.Status
PROGRESS_SECONDS = 24 * 3600
CHUNK = 2000


def progress_key(job_id) -> str:
    """The cache key of a job's progress (the cache's key function adds the centre's schema)."""
    return f"casework:import-progress:{job_id}"


def _progress(job: ImportJob, done: int, total: int) -> None:
    cache.set(progress_key(job.pk), {"done": done, "total": total}, PROGRESS_SECONDS)


def _file_error(message: str, code: str) -> ValidationError:
    return ValidationError({"file": ValidationError(message, code=code)})


def import_upload(*, by, kind: str, upload) -> ImportJob:
    """Keeps an uploaded XLSX/CSV for import once it reads as a table with a header and rows;
    the columns are mapped as the last file of the kind was, or by their names."""
    if kind not in ImportKind.values:
        raise ValidationError({"kind": _("Επιλέξτε τι περιέχει το αρχείο.")})
    if upload is None:
        raise _file_error(_("Επιλέξτε αρχείο."), "required")
    limit = settings.IMPORT_MAX_BYTES
    if upload.size > limit:
        raise _file_error(_("Το αρχείο είναι μεγαλύτερο από %(mb)s MB· χωρίστε το σε μικρότερα.")
                          % {"mb": limit // (1024 * 1024)}, "too_large")
    data = upload.read()
    try:
        table = table_read(data)
        row_count = table.count_rows()
    except FileRefused as exc:
        raise _file_error(str(exc), exc.code) from None
    if not row_count:
        raise _file_error(_("Το αρχείο έχει μόνο τη γραμμή με τα ονόματα των στηλών."), "no_rows")
    saved = ImportMapping.objects.filter(kind=kind).first()
    job = ImportJob(kind=kind, file_name=Path(upload.name or "").name[:200], checksum=hashlib.sha256(data).hexdigest(),
                    header=table.header, row_count=row_count, created_by=by,
                    mapping=kinds.mapping_suggest(kind=kind, header=table.header,
                                                  saved=saved.columns if saved else None))
    with transaction.atomic():
        job.file.save("upload.xlsx" if data.startswith(b"PK") else "upload.csv", ContentFile(data), save=False)
        job.save()
    return job


def _require(job: ImportJob, *statuses: str) -> None:
    if job.status not in statuses:
        raise ValidationError({"status": _("Η εισαγωγή είναι «%(status)s»: η ενέργεια δεν επιτρέπεται τώρα.")
                               % {"status": job.get_status_display()}})


@transaction.atomic
def import_map(*, job: ImportJob, by, mapping: dict[str, str]) -> ImportJob:
    """Sets the file's columns → fields (remembered for the kind) and queues the preview."""
    from casework.tasks import import_preview_task
    from platform_core.tasks import enqueue_on_commit

    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _require(job, Status.UPLOADED, Status.PREVIEWED, Status.REFUSED, Status.FAILED)
    job.mapping = kinds.mapping_check(kind=job.kind, header=job.header, mapping=mapping)
    job.status, job.preview, job.message = Status.PREVIEWING, {}, ""
    job.save(update_fields=["mapping", "status", "preview", "message"])
    ImportMapping.objects.update_or_create(kind=job.kind, defaults={"columns": job.mapping})
    _progress(job, 0, job.row_count)
    enqueue_on_commit(import_preview_task, job_id=str(job.pk))
    return job


def _plan(job: ImportJob) -> Plan:
    with job.file.open("rb") as handle:
        table = table_read(handle.read())
    return kinds.plan_file(kind=job.kind, rows=table.rows, header=job.header, mapping=job.mapping, by=job.created_by)


def import_preview(*, job_id) -> ImportJob:
    """The dry run: what each row would do, stored on the job for the preview page. Writes no
    record."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status != Status.PREVIEWING:
        return job
    plan = _plan(job)
    job.preview = plan.summary()
    job.row_count = len(plan.rows)  # exact now (the upload may have counted blank rows at the end)
    earlier = ImportJob.objects.filter(kind=job.kind, checksum=job.checksum, status=Status.DONE).exclude(pk=job.pk)
    if (done := earlier.order_by("-finished_at").first()) is not None:
        job.preview["imported_before"] = moment(done.finished_at)
    job.status = Status.PREVIEWED
    refused = [row for row in plan.rows if row.action == REFUSED]
    if refused:  # the coordinator may correct these rows in the file before confirming
        job.errors_file.save("errors.xlsx", ContentFile(errors_xlsx(header=job.header, rows=refused)), save=False)
    else:
        job.errors_file = ""
    job.save(update_fields=["preview", "status", "errors_file", "row_count"])
    _progress(job, job.row_count, job.row_count)
    return job


def _decisions_clean(job: ImportJob, decisions: dict) -> dict[str, str]:
    duplicates = {str(row["row"]) for row in job.preview.get("rows", []) if row["action"] == DUPLICATE}
    cleaned = {}
    for row, decision in (decisions or {}).items():
        if str(row) not in duplicates or decision not in (SAME, NEW, SKIP):
            raise ValidationError({"decisions": _("Μη έγκυρη απάντηση για τη γραμμή %(row)s.") % {"row": row}})
        cleaned[str(row)] = decision
    return cleaned


@transaction.atomic
def import_confirm(*, job: ImportJob, by, skip_refused: bool = False, decisions: dict | None = None) -> ImportJob:
    """Confirms a previewed import and queues it. With refused rows the coordinator either
    corrects the file or chooses to skip them; possible duplicates not answered are skipped."""
    from casework.tasks import import_run_task
    from platform_core.tasks import enqueue_on_commit

    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    _require(job, Status.PREVIEWED)
    refused = job.preview.get("counts", {}).get(REFUSED, 0)
    if refused and not skip_refused:
        raise ValidationError({"skip_refused": _(
            "%(count)s γραμμές έχουν λάθη: διορθώστε τις στο αρχείο και ανεβάστε το ξανά, ή επιλέξτε να παραλειφθούν "
            "(θα τις βρείτε στο αρχείο λαθών).") % {"count": refused}})
    job.decisions, job.skip_refused, job.status = _decisions_clean(job, decisions), skip_refused, Status.QUEUED
    job.save(update_fields=["decisions", "skip_refused", "status"])
    _progress(job, 0, job.row_count)
    enqueue_on_commit(import_run_task, job_id=str(job.pk))
    return job


def _effective(row: RowPlan, decisions: dict[str, str]) -> str:
    """What a row does once the coordinator answered: a possible duplicate becomes an update of
    the candidate (the same person), a creation (another person) or is skipped."""
    if row.action != DUPLICATE:
        return row.action
    decision = decisions.get(str(row.row), SKIP)
    if decision == SAME:
        return UPDATE
    if decision == NEW:
        row.match, row.changes = "", {}
        return CREATE
    return SKIP


def _people_by_id(ids: list[str]) -> dict[str, Person]:
    found = {}
    for start in range(0, len(ids), CHUNK):
        found |= {str(pk): person for pk, person in Person.objects.in_bulk(ids[start:start + CHUNK]).items()}
    return found


def _write_people(rows: list[tuple[RowPlan, str]], *, job: ImportJob, report, counts: dict) -> dict[str, Person]:
    """Creates and updates the people; returns every row's person by row number."""
    by = job.created_by
    creating = [row for row, action in rows if action == CREATE]
    for start in range(0, len(creating), CHUNK):
        persons_create_many(by=by, persons=[row.person for row in creating[start:start + CHUNK]])
        report(len(creating[:start + CHUNK]))
    counts["people_created"] = len(creating)
    matched = _people_by_id([row.match for row, action in rows if action != CREATE and row.match])
    people = {row.row: row.person for row in creating}
    updated = 0
    for row, action in rows:
        if action == CREATE:
            continue
        person = matched.get(row.match)
        if person is None:
            continue
        if action == UPDATE and row.changes:
            person = person_update(person=person, by=by, **row.changes)
            updated += 1
        people[row.row] = person
    counts["people_updated"] = updated
    return people


def _write_households(rows: list[tuple[RowPlan, str]], people: dict[int, Person], counts: dict) -> None:
    from casework.models import HouseholdMember

    Relation = HouseholdMember.Relation
    members_of = dict(HouseholdMember.objects.filter(person__in=list(people.values()))
                      .values_list("person_id", "household_id"))
    households_with_head = set(HouseholdMember.objects.filter(
        household_id__in=set(members_of.values()), relation=Relation.HEAD).values_list("household_id", flat=True))
    groups: dict[str, list[RowPlan]] = {}
    for row, _action in rows:
        if row.values.get("household") and row.row in people:
            groups.setdefault(kinds.search_form(row.values["household"]), []).append(row)
    new_households, joining = [], []
    for members in groups.values():
        existing = next((members_of[people[row.row].pk] for row in members if people[row.row].pk in members_of), None)
        joiners = [row for row in members if people[row.row].pk not in members_of]
        if not joiners:
            continue
        has_head = existing in households_with_head or any(row.values.get("relation") == Relation.HEAD
                                                           for row in joiners)
        relations = []
        for row in joiners:
            relation = row.values.get("relation")
            if relation is None:
                relation = Relation.OTHER if has_head else Relation.HEAD
                has_head = True
            relations.append((people[row.row], relation))
        if existing is None:
            new_households.append((Household(), relations))
        else:
            joining.extend((Household(pk=existing), person, relation) for person, relation in relations)
    households_create_many(by=None, households=new_households)
    household_members_add_many(members=joining)
    counts["households_created"] = len(new_households)
    counts["members_added"] = sum(len(members) for _household, members in new_households) + len(joining)


def _write_cases(rows: list[tuple[RowPlan, str]], people: dict[int, Person], *, job: ImportJob, counts: dict) -> None:
    from casework.models import HouseholdMember

    wanted = [row for row, _action in rows if row.case is not None and row.row in people]
    households = dict(HouseholdMember.objects.filter(person__in=[people[row.row] for row in wanted])
                      .values_list("person_id", "household_id"))
    cases = [Case(person=people[row.row], household_id=households.get(people[row.row].pk),
                  intake_date=row.case["intake_date"], assigned_worker=row.case["assigned_worker"],
                  needs=row.case["needs"], summary=row.case["summary"]) for row in wanted]
    cases_open_many(by=job.created_by, cases=cases)
    counts["cases_opened"] = len(cases)


def _finish(job: ImportJob, *, status: str, message: str = "", result: dict | None = None,
            left_out: list[RowPlan] = ()) -> ImportJob:
    job.status, job.message, job.finished_at = status, message, timezone.now()
    job.result = result or {}
    if left_out:
        workbook = errors_xlsx(header=job.header, rows=list(left_out))
        job.errors_file.save("errors.xlsx", ContentFile(workbook), save=False)
    job.save(update_fields=["status", "message", "finished_at", "result", "errors_file"])
    _progress(job, job.row_count, job.row_count)
    return job


def import_run(*, job_id) -> ImportJob:
    """Writes a confirmed import: all rows planned, or nothing (see the module's docstring).

    The task is ``acks_late``: when a worker dies mid-run its transaction is rolled back and the
    message is delivered again; the job is then "running" with no lock on it, and runs again."""
    runnable = ImportJob.objects.select_for_update(skip_locked=True).filter(
        pk=job_id, status__in=[Status.QUEUED, Status.RUNNING])
    with transaction.atomic():
        job = runnable.first()
        if job is None:  # delivered again while running or after it ended, or not confirmed
            return ImportJob.objects.get(pk=job_id)
        job.status = Status.RUNNING
        job.save(update_fields=["status"])
    total = job.row_count
    _progress(job, 0, total)
    try:
        with transaction.atomic():
            # The row lock is held until the import commits or rolls back: a second delivery of
            # the task skips the job meanwhile, and finds it ended afterwards.
            if runnable.first() is None:
                return ImportJob.objects.get(pk=job_id)
            plan = _plan(job)
            refused = [row for row in plan.rows if row.action == REFUSED]
            if refused and not job.skip_refused:
                return _finish(job, status=Status.REFUSED, left_out=refused, message=_(
                    "%(count)s γραμμές έχουν πλέον λάθη: δεν καταχωρίστηκε τίποτα.") % {"count": len(refused)})
            rows = [(row, _effective(row, job.decisions)) for row in plan.rows if row.action != REFUSED]
            skipped = [row for row, action in rows if action == SKIP]
            rows = [(row, action) for row, action in rows if action != SKIP]
            counts = {"refused": len(refused), "skipped": len(skipped),
                      "unchanged": sum(1 for _row, action in rows if action == UNCHANGED)}
            people = _people_of(rows, job=job, counts=counts, report=lambda done: _progress(job, done, total))
            if job.kind == ImportKind.PEOPLE:
                _write_households(rows, people, counts)
            _progress(job, int(total * 0.9), total)
            _write_cases(rows, people, job=job, counts=counts)
            return _finish(job, status=Status.DONE, result=counts, left_out=[*refused, *skipped])
    except (ValidationError, FileRefused) as exc:
        reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        return _finish(job, status=Status.FAILED, message=_("Η εισαγωγή σταμάτησε και δεν καταχωρίστηκε τίποτα: "
                                                           "%(reason)s") % {"reason": reason})
    except Exception:
        _finish(job, status=Status.FAILED, message=_("Η εισαγωγή σταμάτησε από σφάλμα του συστήματος και δεν "
                                                    "καταχωρίστηκε τίποτα."))
        raise


def _people_of(rows, *, job: ImportJob, counts: dict, report) -> dict[int, Person]:
    if job.kind == ImportKind.PEOPLE:
        return _write_people(rows, job=job, report=report, counts=counts)
    matched = _people_by_id([row.match for row, _action in rows if row.match])
    return {row.row: matched[row.match] for row, _action in rows if row.match in matched}


def import_progress(*, job: ImportJob) -> dict:
    """The job's state for the progress bar: status and rows done of total."""
    stored = cache.get(progress_key(job.pk)) or {}
    done, total = stored.get("done", 0), stored.get("total", job.row_count) or job.row_count
    if job.status in (Status.PREVIEWED, Status.DONE, Status.REFUSED, Status.FAILED):
        done = total
    return {"id": str(job.pk), "status": job.status, "status_label": job.get_status_display(), "done": done,
            "total": total, "percent": int(100 * done / total) if total else 100,
            "finished": job.status in (Status.PREVIEWED, Status.DONE, Status.REFUSED, Status.FAILED)}
