"""The Celery app. Tasks queued inside a centre's request carry its schema in their headers
(tenant-schemas-celery); the worker switches to that schema before running them."""

import logging
import logging.config
import os

from celery.signals import setup_logging
from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_core.settings")

app = CeleryApp("koinotita")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def logging_configure_from_settings(**kwargs) -> None:
    """Worker and beat log like the web process: settings.LOGGING (JSON, the centre on every
    line) at LOG_LEVEL. Without this Celery resets the root level to its --loglevel and gives
    task loggers handlers of its own that bypass the centre filter."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    # Warnings (e.g. Celery's start-up SecurityWarning) become log lines too, not raw stderr text.
    logging.captureWarnings(True)
