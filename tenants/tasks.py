"""Centre-wide jobs of the public schema: building an export, restoring one, the monthly restore
drill and the health snapshot. Tasks take ids (and a new slug), never data."""

from platform_core.celery import app

from . import archive, health
from .jobs import job_run_recorded
from .models import CentreExport

EXPORT_TASK = "tenants.centre_export_build"
RESTORE_TASK = "tenants.centre_restore"
DRILL_FAN_OUT = "tenants.restore_drill_fan_out"
HEALTH_JOB = "tenants.centre_health_refresh"


@app.task(name=EXPORT_TASK, acks_late=True)
def centre_export_build_task(*, export_id: str) -> str:
    export = CentreExport.objects.filter(pk=export_id, status=CentreExport.Status.PENDING).first()
    if export is None:  # already built (a redelivery) or gone
        return "skipped"
    with job_run_recorded(EXPORT_TASK, centre_schema=export.centre_schema) as summary:
        archive.centre_export_build(export=export)
        summary.update(export.summary)
    return export.status


@app.task(name=RESTORE_TASK)
def centre_restore_task(*, export_id: str, slug: str, by_id: str = "") -> str:
    export = CentreExport.objects.get(pk=export_id, status=CentreExport.Status.READY)
    with job_run_recorded(RESTORE_TASK) as summary:
        centre = archive.centre_restore(archive=archive.export_file(export), slug=slug, by_id=by_id)
        summary.update({"export": export_id, "centre": str(centre.pk)})
    return str(centre.pk)


@app.task(name=DRILL_FAN_OUT)
def restore_drill_fan_out() -> int:
    """Monthly: one drill per centre that has a ready export (its latest)."""
    with job_run_recorded(DRILL_FAN_OUT) as summary:
        latest = archive.latest_exports()
        for export in latest.values():
            restore_drill_centre.apply_async(kwargs={"export_id": str(export.pk)})
        summary["centres"] = len(latest)
    return len(latest)


@app.task(name=health.RESTORE_DRILL_JOB)
def restore_drill_centre(*, export_id: str) -> dict:
    """The drill of one export, recorded as the centre's ``JobRun`` (shown on /operator/jobs/)."""
    export = CentreExport.objects.get(pk=export_id)
    # Recorded as the centre's run; the drill itself works in public (its names are qualified).
    with job_run_recorded(health.RESTORE_DRILL_JOB, centre_schema=export.centre_schema) as summary:
        summary.update(archive.centre_restore_drill(export=export))
    return summary


@app.task(name=HEALTH_JOB)
def centre_health_refresh() -> int:
    with job_run_recorded(HEALTH_JOB) as summary:
        summary["centres"] = health.centre_health_refresh()
    return summary["centres"]
