"""Rollup jobs: one beat entry (``regional-rollup``, nightly) runs the fan-out in public; it
queues one task per active centre, which computes that centre's indicators in its own schema;
the task that finishes the last centre queues the publication, which queues one task per
(region, period) so that the tables are suppressed and written side by side; the last of them
closes the run. Tasks take ids and period codes, never data."""

from django.db import connection
from django_tenants.utils import schema_context

from platform_core.celery import app
from platform_core.tasks import CentreTask
from tenants.jobs import job_run_recorded

from . import rollup
from .models import RollupRun
from .periods import period_parse

FAN_OUT_JOB = "regional.indicators_rollup_fan_out"
PUBLISH_PART_TASK = "regional.indicators_publish_part"


@app.task(name=FAN_OUT_JOB)
def indicators_rollup_fan_out(*, trigger: str = RollupRun.Trigger.NIGHTLY, month: str | None = None) -> str:
    """Starts a run over every active centre; the run's id."""
    with job_run_recorded(FAN_OUT_JOB) as summary:
        periods = rollup.periods_for(month=month)
        schemas = list(rollup.centres_to_roll_up().values_list("schema_name", flat=True))
        run = rollup.rollup_run_start(trigger=trigger, periods=periods, centres=len(schemas))
        for schema in schemas:
            with schema_context(schema):
                indicators_rollup_centre.apply_async(kwargs={"run_id": str(run.pk)})
        if not schemas:
            indicators_publish.apply_async(kwargs={"run_id": str(run.pk)})
        summary["centres"] = len(schemas)
    return str(run.pk)


@app.task(name=rollup.CENTRE_JOB, base=CentreTask, acks_late=True)
def indicators_rollup_centre(*, run_id: str) -> int:
    """In the centre's schema: its indicators for the run's periods. A failure is recorded (and
    counted in the run) and does not stop the other centres."""
    from tenants.models import Centre

    schema = connection.schema_name
    run = RollupRun.objects.get(pk=run_id)
    failed, rows = False, 0
    try:
        centre = Centre.objects.get(schema_name=schema)
        rows = rollup.centre_rollup(centre=centre, periods=[period_parse(code) for code in run.periods])
    except Exception:
        failed = True
        raise
    finally:
        if rollup.rollup_run_centre_finished(run_id=run_id, schema=schema, failed=failed):
            with schema_context("public"):
                indicators_publish.apply_async(kwargs={"run_id": run_id})
    return rows


@app.task(name=rollup.PUBLISH_JOB)
def indicators_publish(*, run_id: str) -> int:
    """In public: queues the publication of every region's tables, one task per (region, period) (the run
    closes at once when there is nothing to publish); the number of tasks queued."""
    run = RollupRun.objects.get(pk=run_id)
    parts = rollup.rollup_run_publications(run=run)
    for region_id, period in parts:
        indicators_publish_part.apply_async(kwargs={"run_id": run_id, "region_id": region_id, "period": period})
    if not parts:
        rollup.rollup_run_close(run=run)
    return len(parts)


@app.task(name=PUBLISH_PART_TASK)
def indicators_publish_part(*, run_id: str, region_id: int, period: str) -> int:
    """In public: one region's published tables of one period."""
    return rollup.rollup_run_publish_part(run_id=run_id, region_id=region_id, period=period)
