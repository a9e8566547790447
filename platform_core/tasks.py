"""Base class for tasks that act on one centre's data."""

from django.db import connection, transaction
from django_tenants.utils import get_public_schema_name, schema_context
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


def enqueue_on_commit(task, **kwargs) -> None:
    """Queues ``task`` with keyword arguments (ids, never personal data) once the current
    transaction commits, for the centre whose schema is active now.

    The schema is captured here because the commit may happen after the caller has left the
    centre's context (e.g. an outer ``transaction.atomic`` around ``schema_context``).
    """
    schema = connection.schema_name

    def send() -> None:
        with schema_context(schema):
            task.apply_async(kwargs=kwargs)

    transaction.on_commit(send)
