"""The monthly report job: one beat entry fans out to every active centre; each centre's task
generates the previous month's report there and e-mails it. Tasks take dates, never data."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone, translation
from django_tenants.utils import schema_context

from platform_core.celery import app
from platform_core.tasks import CentreTask, enqueue_on_commit

from . import services

MONTHLY_DISPATCH = "notifications.reports_monthly_dispatch"
logger = logging.getLogger(__name__)


@app.task(name="notifications.report_monthly_centre", base=CentreTask, bind=True, max_retries=3,
          autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True)
def report_monthly_centre(self, *, month: str) -> str:
    """In the centre's schema: the report of ``month``'s month, e-mailed to its coordinators."""
    with translation.override(settings.LANGUAGE_CODE):
        report = services.monthly_report_send(month=datetime.date.fromisoformat(month))
    logger.info("Monthly report %s for %s: %s, e-mailed at %s", report.pk, report.period_start.isoformat(),
                report.status, report.emailed_at)
    return str(report.pk)


@app.task(name=MONTHLY_DISPATCH)
def reports_monthly_dispatch(*, today: str | None = None) -> list[str]:
    """Beat, in public: queues last month's report for each active centre; returns their schemas."""
    from tenants.models import Centre
    from tenants.selectors import centre_list

    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    month = services.previous_month(day)[0].isoformat()
    schemas = list(centre_list().filter(status=Centre.Status.ACTIVE).values_list("schema_name", flat=True))
    for schema in schemas:
        with schema_context(schema):
            enqueue_on_commit(report_monthly_centre, month=month)
    logger.info("Monthly reports for %s queued for %d active centres", month, len(schemas))
    return schemas
