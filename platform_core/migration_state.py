"""What migrations exist on disk and which ones a schema has recorded (readiness, centre template)."""

import functools

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tenants.utils import quote_schema_name


@functools.cache
def migrations_on_disk() -> tuple[frozenset, frozenset]:
    """(migrations every schema must have recorded, every migration file known incl. squashed ones).

    django-tenants records every migration in every schema it migrates, shared or not.
    """
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return frozenset(loader.graph.nodes), frozenset(loader.disk_migrations)


def applied_migrations(schema: str) -> set[tuple[str, str]]:
    """The (app, name) pairs recorded in ``schema``; empty when it has no migration table yet."""
    table = f"{quote_schema_name(schema)}.django_migrations"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
        if not cursor.fetchone()[0]:
            return set()
        cursor.execute(f"SELECT app, name FROM {table}")  # noqa: S608 (quoted schema name)
        return set(cursor.fetchall())


def migrations_pending(schema: str) -> bool:
    required, _known = migrations_on_disk()
    return not required <= applied_migrations(schema)
