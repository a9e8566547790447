"""Base class for tasks that act on one centre's data."""

from django.db import connection
from django_tenants.utils import get_public_schema_name
from tenant_schemas_celery.task import TenantTask


class CentreContextRequired(RuntimeError):
    """A centre task was started without a centre: it would read or write the public schema."""


class CentreTask(TenantTask):
    """A task that runs in the schema of the centre that queued it, and nowhere else.

    The schema travels in the message headers (queued inside a request or ``schema_context``);
    a task that arrives without one refuses to run instead of touching the public schema.
    """

    abstract = True

    def __call__(self, *args, **kwargs):
        if connection.schema_name == get_public_schema_name():
            raise CentreContextRequired(f"Task {self.name} must be queued inside a centre's context.")
        return super().__call__(*args, **kwargs)
