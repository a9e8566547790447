"""``migrate_schemas`` that enters only the schemas with something to do.

django-tenants' stock command migrates every centre in turn: each schema costs a reconnect,
four table-existence checks that scan a ``pg_class`` growing with every centre, an empty
migration plan and a role re-sync, about 0.4 s per centre with nothing to do (#1082). Here
the executor django-tenants picks (``--executor standard|multiprocessing|subprocess``, via
``GET_EXECUTOR_FUNCTION``) is wrapped so that, before it starts:

1. the schemas that lack a migration on disk are found with a constant number of queries
   (``platform_core.migration_state.schemas_behind``, whose docstring argues why skipping the
   others cannot miss any work), and only those are handed to the executor;
2. afterwards the reference data (role groups and permissions, ΚΕΑ rules, …) is loaded again
   only in the schemas whose recorded ``tenants.ReferenceState`` differs from the code's
   ``reference_data_version()`` (one query finds them). A schema is recorded only after its
   loaders committed, in the same transaction, so a run killed half-way leaves the unfinished
   schemas stale and the next run finishes them; and the version covers the migrations on
   disk, so a schema that was just migrated is always re-synced.

It stays out of the way when the command is asked for something else than "bring everything
up to date": a target migration or app, ``--fake``, ``--fake-initial``, ``--prune``, ``--plan``,
``--check``, ``--run-syncdb`` run stock. ``MIGRATE_SKIP_CURRENT=0`` turns it off entirely (stock
django-tenants: every schema entered, roles re-synced by post_migrate in each), which the
benchmark uses as its baseline. ``manage.py load_reference_data`` still forces a re-sync, e.g.
after someone edited a role group by hand.
"""

import logging
import sys

from django.conf import settings
from django.db import connection, transaction
from django_tenants.migration_executors import get_executor
from django_tenants.utils import get_public_schema_name, schema_context

from platform_core.migration_state import schemas_behind
from platform_core.reference import reference_data_load, reference_data_version

from .models import ReferenceState

logger = logging.getLogger(__name__)

# Options under which the command is not a plain "apply whatever is missing".
_STOCK_OPTIONS = ("app_label", "migration_name", "fake", "fake_initial", "prune", "plan",
                  "check_unapplied", "run_syncdb")


def skip_current_enabled() -> bool:
    return bool(getattr(settings, "MIGRATE_SKIP_CURRENT", True))


def schemas_reference_stale(schemas) -> list[str]:
    """The existing schemas among ``schemas`` (order kept) whose recorded reference version is
    missing, for another schema of the same name, or not the code's. One query."""
    schemas = list(dict.fromkeys(schemas))
    if not schemas:
        return []
    quote = connection.ops.quote_name
    table = f"{quote(get_public_schema_name())}.{quote(ReferenceState._meta.db_table)}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT n.nspname FROM pg_namespace n LEFT JOIN {table} s"  # noqa: S608 (quoted names)
            " ON s.schema_name = n.nspname AND s.schema_oid = n.oid::bigint AND s.version = %s"
            " WHERE n.nspname = ANY(%s) AND s.schema_name IS NULL",
            [reference_data_version(), schemas],
        )
        stale = {row[0] for row in cursor.fetchall()}
    return [schema for schema in schemas if schema in stale]


def reference_state_record(*, schema: str) -> None:
    """Records that ``schema`` holds the code's reference data. Call in the transaction that
    loaded it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT oid::bigint FROM pg_namespace WHERE nspname = %s", [schema])
        row = cursor.fetchone()
    if row is None:
        return
    with schema_context(get_public_schema_name()):
        ReferenceState.objects.update_or_create(
            schema_name=schema, defaults={"schema_oid": row[0], "version": reference_data_version()},
        )


def reference_data_sync(*, schema: str) -> None:
    """Loads the reference data into ``schema`` and records its version, all or nothing."""
    with transaction.atomic():
        with schema_context(schema):
            reference_data_load()
        reference_state_record(schema=schema)


def reference_data_sync_stale(*, schemas) -> list[str]:
    """Re-syncs the schemas among ``schemas`` whose reference data is not the code's; returns them."""
    stale = schemas_reference_stale(schemas)
    for schema in stale:
        reference_data_sync(schema=schema)
    return stale


def existing_schemas(schemas: list[str]) -> list[str]:
    """The schemas among ``schemas`` (order kept) that exist; one query."""
    if not schemas:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)", [schemas])
        found = {row[0] for row in cursor.fetchall()}
    return [schema for schema in schemas if schema in found]


class SkipCurrentSchemas:
    """Mixed in before a django-tenants executor: see the module docstring."""

    def _skip_applies(self) -> bool:
        return skip_current_enabled() and not any(self.options.get(name) for name in _STOCK_OPTIONS)

    def run_migrations(self, tenants=None):
        # A deleted centre keeps its row but not its schema (tenants.services.centre_delete):
        # migrating it would create its tables wherever the search_path leads.
        tenants = existing_schemas(list(tenants or []))
        if not self._skip_applies():
            return super().run_migrations(tenants)
        public = get_public_schema_name()
        centres = [schema for schema in tenants if schema != public]
        behind = schemas_behind(centres)
        if centres and int(self.options.get("verbosity", 1)) >= 1:
            sys.stdout.write(f"[{self.codename}] {len(behind)} of {len(centres)} schema(s) "
                             "behind the migrations on disk\n")
        result = super().run_migrations([public] * (public in tenants) + behind)
        if centres:
            synced = reference_data_sync_stale(schemas=centres)
            if int(self.options.get("verbosity", 1)) >= 1:
                sys.stdout.write(f"[{self.codename}] reference data re-synced in {len(synced)} schema(s)\n")
        return result


def executor_get(codename=None):
    """``GET_EXECUTOR_FUNCTION``: django-tenants' executor for ``codename``, skipping current schemas."""
    base = get_executor(codename=codename)
    return type(f"SkipCurrent{base.__name__}", (SkipCurrentSchemas, base), {})
