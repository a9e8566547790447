"""The regional rollup: each centre's indicators computed in its own schema and written to
public as counts (``CentreIndicatorValue``), then every region's tables published with
suppression (``regional.publication``). The nightly job, the operator's button and
``manage.py rollup_indicators`` all run these functions."""

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tenants.utils import schema_context

from platform_core.db import commit_without_waiting_for_disk, copy_insert, rows_delete, transaction_lock
from tenants.jobs import job_run_recorded
from tenants.models import Centre

from .indicators import indicator_values
from .models import CentreIndicatorValue, Region, RollupRun
from .periods import Period, last_months, period_parse, quarter_of, rollup_periods, year_of

logger = logging.getLogger(__name__)
CENTRE_JOB = "regional.indicators_rollup_centre"
PUBLISH_JOB = "regional.indicators_publish"


def periods_for(*, month: str | None = None) -> list[Period]:
    """One month and its quarter and year (``--period``), or the last 13 months with every
    quarter and year they touch (the nightly run)."""
    if month:
        chosen = period_parse(month)
        return [chosen, quarter_of(chosen.start), year_of(chosen.start)]
    return rollup_periods(months=last_months())


def centres_to_roll_up(*, slug: str | None = None):
    centres = Centre.objects.filter(status=Centre.Status.ACTIVE).exclude(schema_name="public")
    return centres.filter(slug=slug) if slug else centres.order_by("slug")


def centre_rollup(*, centre: Centre, periods: list[Period]) -> int:
    """Computes the centre's indicators in its schema, then replaces its rows of these periods
    in one transaction: re-running a period gives the same rows, and a failure leaves the
    previous ones; two runs at once (the operator's button during the night's) take turns on the
    centre's lock, so neither writes its cells beside the other's. The number of rows written."""
    with schema_context(centre.schema_name), job_run_recorded(CENTRE_JOB) as summary:
        values = indicator_values(periods=periods)
        now, centre_pk = timezone.now(), str(centre.pk)
        with transaction.atomic():
            transaction_lock(name=f"regional.centre_rollup:{centre_pk}")
            commit_without_waiting_for_disk()
            rows_delete(CentreIndicatorValue.objects.filter(centre=centre, period__in=[p.code for p in periods]))
            copy_insert(CentreIndicatorValue, ["centre_id", "period", "indicator", "breakdown", "value", "computed_at"],
                        ((centre_pk, period, code, breakdown, value, now) for period, code, breakdown, value in values))
        summary.update({"rows": len(values), "periods": len(periods)})
    return len(values)


def rollup_run_start(*, trigger: str, periods: list[Period], centres: int) -> RollupRun:
    return RollupRun.objects.create(trigger=trigger, periods=[p.code for p in periods], centres_total=centres)


def rollup_run_centre_finished(*, run_id, schema: str, failed: bool) -> bool:
    """Counts one centre as done (or failed); True for the call that finished the last one."""
    with transaction.atomic():
        updates = {"centres_failed": F("centres_failed") + 1} if failed else {"centres_done": F("centres_done") + 1}
        RollupRun.objects.filter(pk=run_id).update(**updates)
        run = RollupRun.objects.select_for_update().get(pk=run_id)
        if failed:
            run.failed_centres = [*run.failed_centres, schema]
            run.save(update_fields=["failed_centres"])
        return run.finished_centres == run.centres_total


def rollup_run_publish(*, run: RollupRun) -> int:
    """Publishes every region for the run's periods in this process and closes the run."""
    from .publication import regions_publish

    with job_run_recorded(PUBLISH_JOB) as summary:
        rows = regions_publish(periods=run.periods)
        summary["rows"] = rows
    rollup_run_close(run=run)
    return rows


def rollup_run_publications(*, run: RollupRun) -> list[tuple[int, str]]:
    """The run's publication split into parts that can run side by side: (region id, period) for
    every region that has centres and every period of the run; records how many there are."""
    from .publication import regions_with_centres

    regions = regions_with_centres().values_list("pk", flat=True)
    parts = [(region, period) for region in regions for period in run.periods]
    RollupRun.objects.filter(pk=run.pk).update(publications_total=len(parts), publications_done=0)
    return parts


def rollup_run_publish_part(*, run_id, region_id: int, period: str) -> int:
    """Publishes one region's tables of one period; the call that publishes the run's last part
    closes the run. The number of rows written."""
    from .publication import region_publish

    with job_run_recorded(PUBLISH_JOB) as summary:
        rows = region_publish(region=Region.objects.get(pk=region_id), periods=[period])
        summary.update({"rows": rows, "period": period})
    with transaction.atomic():
        RollupRun.objects.filter(pk=run_id).update(publications_done=F("publications_done") + 1)
        run = RollupRun.objects.select_for_update().get(pk=run_id)
        if run.publications_done == run.publications_total:
            rollup_run_close(run=run)
    return rows


def rollup_run_close(*, run: RollupRun) -> None:
    run.refresh_from_db()
    run.status = RollupRun.Status.FAILED if run.centres_failed else RollupRun.Status.SUCCEEDED
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at"])


def rollup_now(*, month: str | None = None, slug: str | None = None, trigger: str = RollupRun.Trigger.COMMAND,
               stdout=None) -> RollupRun:
    """The whole rollup in this process, centre after centre (``manage.py rollup_indicators``)."""
    periods = periods_for(month=month)
    centres = list(centres_to_roll_up(slug=slug))
    run = rollup_run_start(trigger=trigger, periods=periods, centres=len(centres))
    for centre in centres:
        try:
            rows = centre_rollup(centre=centre, periods=periods)
        except Exception:
            logger.exception("Regional rollup failed for centre %s", centre.schema_name)
            rollup_run_centre_finished(run_id=run.pk, schema=centre.schema_name, failed=True)
            if stdout:
                stdout.write(f"{centre.slug}: failed")
        else:
            rollup_run_centre_finished(run_id=run.pk, schema=centre.schema_name, failed=False)
            if stdout:
                stdout.write(f"{centre.slug}: {rows} values")
    rollup_run_publish(run=run)
    run.refresh_from_db()
    return run
