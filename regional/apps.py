from django.apps import AppConfig


class RegionalConfig(AppConfig):
    name = "regional"
    verbose_name = "Regions"

    def ready(self) -> None:
        # The demo rollup registers itself with seed_demo; the tasks with Celery.
        from . import demo, tasks  # noqa: F401
