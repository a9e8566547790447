"""Reads of centres and of the jobs that run for them."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django_tenants.utils import get_public_schema_name, schema_context

from .models import Centre, JobRun


def centre_list(*, region=None, include_deleted: bool = False) -> QuerySet[Centre]:
    """Every centre (never the public tenant), optionally of one region; deleted ones (their row
    kept, their schema gone) only when asked for."""
    centres = (Centre.objects.exclude(schema_name=get_public_schema_name())
               .select_related("municipality", "region").prefetch_related("domains"))
    if not include_deleted:
        centres = centres.filter(deleted_at__isnull=True)
    if region is not None:
        centres = centres.filter(region=region)
    return centres.order_by("name")


@dataclass(frozen=True)
class CentreJobs:
    """One centre as the operator's jobs page shows it: reminder counts and its jobs' last runs."""

    centre: Centre
    reminder_counts: dict[str, int]
    runs: list[JobRun]

    @property
    def failing(self) -> bool:
        return any(run.status == JobRun.Status.FAILED for run in self.runs)


def platform_job_runs() -> QuerySet[JobRun]:
    """The last run of each platform-wide job (the fan-outs that beat starts)."""
    return JobRun.objects.filter(centre_schema="").order_by("job")


def centre_jobs() -> list[CentreJobs]:
    """Per centre (not archived): how many reminders are in each state — counts only, read in
    the centre's schema — and the last run of each of its jobs."""
    from notifications.selectors import reminder_state_counts

    centres = list(centre_list().exclude(status=Centre.Status.ARCHIVED))
    runs: dict[str, list[JobRun]] = {}
    for run in JobRun.objects.exclude(centre_schema="").order_by("job"):
        runs.setdefault(run.centre_schema, []).append(run)
    result = []
    for centre in centres:
        with schema_context(centre.schema_name):
            counts = reminder_state_counts()
        result.append(CentreJobs(centre=centre, reminder_counts=counts, runs=runs.get(centre.schema_name, [])))
    return result


def centre_exports(*, centre: Centre) -> QuerySet:
    """The exports of ``centre``, newest first."""
    from .models import CentreExport

    return CentreExport.objects.filter(centre=centre).order_by("-created_at")
