"""Casework tasks, run by the worker in the centre's schema: a spreadsheet import's preview and
its run. They take the job's id only; the file is read from the centre's media folder."""

from casework.services.imports import import_preview, import_run
from platform_core.celery import app
from platform_core.tasks import CentreTask


@app.task(name="casework.import_preview", base=CentreTask)
def import_preview_task(*, job_id: str) -> str:
    return import_preview(job_id=job_id).status


@app.task(name="casework.import_run", base=CentreTask, acks_late=True)
def import_run_task(*, job_id: str) -> str:
    """``acks_late``: a worker lost mid-run leaves the import rolled back and the message
    redelivered, which runs it again; a delivery while it runs skips it (``import_run``)."""
    return import_run(job_id=job_id).status
