"""Driving an import through its services as the pages and the API do, the tasks run in-line."""

from casework.models import ImportJob
from casework.services import imports

from .files import upload


def previewed(data: bytes, *, by, kind: str = "people", name: str = "mitroo.xlsx",
              mapping: dict | None = None) -> ImportJob:
    job = imports.import_upload(by=by, kind=kind, upload=upload(data, name))
    imports.import_map(job=job, by=by, mapping=mapping if mapping is not None else job.mapping)
    return imports.import_preview(job_id=job.pk)


def imported(data: bytes, *, by, kind: str = "people", skip_refused: bool = False, decisions: dict | None = None,
             name: str = "mitroo.xlsx", mapping: dict | None = None) -> ImportJob:
    job = previewed(data, by=by, kind=kind, name=name, mapping=mapping)
    imports.import_confirm(job=job, by=by, skip_refused=skip_refused, decisions=decisions)
    return imports.import_run(job_id=job.pk)
