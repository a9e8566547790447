"""Reminder jobs: one beat entry (settings.CELERY_BEAT_SCHEDULE) runs the fan-out every minute in
public; it queues one dispatch task per active centre, which sends that centre's due reminders."""

from django.db import connection
from django_tenants.utils import schema_context

from platform_core.celery import app
from platform_core.tasks import CentreTask
from tenants.jobs import job_run_recorded
from tenants.models import Centre

from .dispatch import reminders_dispatch

FAN_OUT_JOB = "notifications.reminders_fan_out"
DISPATCH_JOB = "notifications.reminders_dispatch"
# A dispatch message older than this is dropped: a later tick has queued a fresher one.
DISPATCH_EXPIRES_SECONDS = 300


@app.task(name=FAN_OUT_JOB)
def reminders_fan_out() -> int:
    """Queues the dispatch of every active centre; the number queued."""
    with job_run_recorded(FAN_OUT_JOB) as summary:
        schemas = list(Centre.objects.filter(status=Centre.Status.ACTIVE).exclude(schema_name="public")
                       .values_list("schema_name", flat=True))
        for schema in schemas:
            with schema_context(schema):
                reminders_dispatch_centre.apply_async(expires=DISPATCH_EXPIRES_SECONDS)
        summary["centres"] = len(schemas)
    return len(schemas)


@app.task(name=DISPATCH_JOB, base=CentreTask, acks_late=True)
def reminders_dispatch_centre() -> dict:
    """Sends the current centre's due reminders (see notifications.dispatch)."""
    with job_run_recorded(DISPATCH_JOB) as summary:
        result = reminders_dispatch().as_dict()
        summary.update(result)
    return {**result, "centre": connection.schema_name}
