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


# Schemas per UNION ALL statement: keeps one statement's plan small at thousands of centres.
_BEHIND_CHUNK = 500
_REQUIRED_CTE = "WITH required(app, name) AS MATERIALIZED (SELECT * FROM unnest(%s::text[], %s::text[])) "


def schemas_behind(schemas) -> list[str]:
    """The schemas among ``schemas`` (order kept) that lack a migration on disk, found with a
    constant number of queries whatever the number of schemas: one over the catalogue
    (``pg_class`` by its (relname, relnamespace) index) for the schemas that have a migrations
    table at all, then one ``UNION ALL`` (per 500 schemas) that counts, in each of those
    tables, the rows that match the required migrations.

    Why skipping the others is sound: with no target, ``migrate`` plans every node of the
    migration graph that is not recorded as applied (every node is an ancestor of some leaf),
    so a schema that has recorded all of ``migrations_on_disk()[0]`` gets an empty plan and
    ``migrate`` would change nothing in it. What ``migrate`` does with an empty plan anyway is
    the post_migrate work: content types and permissions follow the models, and a change to
    models or to ``Meta.permissions`` always comes with a migration (the autodetector writes
    ``AlterModelOptions`` for permissions), so a schema with nothing to apply has them already;
    the role groups and reference data are versioned separately (``reference_data_version``).
    Because "behind" is read from each schema's own ``django_migrations`` (written by Django
    in the same transaction as each migration), an interrupted run leaves exactly the
    unfinished schemas behind, and the next run resumes with them.
    """
    schemas = list(dict.fromkeys(schemas))
    if not schemas:
        return []
    required, _known = migrations_on_disk()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid"
            " WHERE c.relname = 'django_migrations' AND c.relkind IN ('r', 'p') AND n.nspname = ANY(%s)",
            [schemas],
        )
        with_table = {row[0] for row in cursor.fetchall()}
        recorded: dict[str, int] = {}
        if required:
            apps, names = (list(column) for column in zip(*sorted(required), strict=True))
            candidates = [schema for schema in schemas if schema in with_table]
            for start in range(0, len(candidates), _BEHIND_CHUNK):
                chunk = candidates[start:start + _BEHIND_CHUNK]
                branches = " UNION ALL ".join(
                    f"SELECT {_literal(schema)}::text, count(DISTINCT (m.app, m.name)) "  # noqa: S608 (quoted)
                    f"FROM {quote_schema_name(schema)}.django_migrations m "
                    "WHERE (m.app, m.name) IN (SELECT app, name FROM required)"
                    for schema in chunk
                ).replace("%", "%%")  # the statement has parameters: a literal % must be doubled
                statement = _REQUIRED_CTE + branches
                cursor.execute(statement, [apps, names])
                recorded.update(cursor.fetchall())
    return [schema for schema in schemas if schema not in with_table or recorded.get(schema, 0) < len(required)]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
