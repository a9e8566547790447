"""The Celery app. Tasks queued inside a centre's request carry its schema in their headers
(tenant-schemas-celery); the worker switches to that schema before running them."""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_core.settings")

app = CeleryApp("koinotita")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
