from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NotificationsConfig(AppConfig):
    name = "notifications"

    def ready(self) -> None:
        from . import demo  # noqa: F401 - registers the demo reminders with seed_demo
        from .reports import tasks  # noqa: F401 - registers the report tasks with Celery
        from .reports.schedule import report_schedule_after_migrate

        post_migrate.connect(report_schedule_after_migrate, sender=self, dispatch_uid="notifications.report_schedule")
