"""The monthly report's one beat entry (django-celery-beat, public schema), kept by post_migrate."""

from django.db import connection
from django_tenants.utils import get_public_schema_name

from .tasks import MONTHLY_DISPATCH

PERIODIC_TASK_NAME = "notifications: monthly centre reports"


def report_schedule_ensure():
    """On the 1st of every month at 05:30 Athens time; idempotent. An operator who disabled the
    entry keeps it disabled."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="30", hour="5", day_of_month="1", month_of_year="*", day_of_week="*", timezone="Europe/Athens")
    task, _created = PeriodicTask.objects.update_or_create(
        name=PERIODIC_TASK_NAME, defaults={"task": MONTHLY_DISPATCH, "crontab": crontab, "interval": None})
    return task


def report_schedule_after_migrate(sender, **kwargs) -> None:
    if connection.schema_name == get_public_schema_name():
        report_schedule_ensure()
