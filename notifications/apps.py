from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"

    def ready(self) -> None:
        from . import (
            demo,  # noqa: F401 - registers the demo reminders with seed_demo
            merge,  # noqa: F401 - registers the reminders' references to a person
        )
        from .reports import tasks  # noqa: F401 - registers the report tasks with Celery
