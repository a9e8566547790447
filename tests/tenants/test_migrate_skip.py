"""A no-op migrate_schemas enters only the schemas that are behind, and re-syncs reference data
only where its recorded version is not the code's (tenants/migrate.py)."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.migration_executors import MultiprocessingExecutor, StandardExecutor, SubprocessExecutor
from django_tenants.signals import schema_pre_migration
from django_tenants.utils import schema_context

from platform_core.accounts.roles import Role
from platform_core.migration_state import schemas_behind
from platform_core.reference import reference_data_version
from tenants.migrate import executor_get, reference_data_sync, schemas_reference_stale
from tenants.models import ReferenceState
from tenants.services import centre_create

from .onboarding import valid_centre_input

# A leaf migration with no SQL (knox's own token model is swapped for accounts.ApiToken, so its
# migrations create nothing): recording it again is harmless, and no other migration depends on
# it, so forgetting it leaves a consistent history.
NO_SQL_MIGRATION = ("knox", "0009_extend_authtoken_field")


@pytest.fixture
def entered():
    """The schemas migrate_schemas enters, in order."""
    schemas: list[str] = []

    def receiver(sender, schema_name, **kwargs):
        schemas.append(schema_name)

    schema_pre_migration.connect(receiver, dispatch_uid="test-entered")
    yield schemas
    schema_pre_migration.disconnect(dispatch_uid="test-entered")


@pytest.fixture
def both_current(centre_a, centre_b):
    for centre in (centre_a, centre_b):
        reference_data_sync(schema=centre.schema_name)
    return centre_a, centre_b


def migrate_centres(**options) -> None:
    call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0, executor="standard", **options)


def forget_migration(schema: str, app: str, name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{schema}".django_migrations WHERE app = %s AND name = %s', [app, name])


def reception_group_shrink(schema: str) -> None:
    with schema_context(schema):
        Group.objects.get(name=Role.RECEPTION.value).permissions.clear()


def reception_permission_count(schema: str) -> int:
    with schema_context(schema):
        return Group.objects.get(name=Role.RECEPTION.value).permissions.count()


def test_no_op_migrate_enters_no_centre_schema(both_current, entered):
    migrate_centres()
    centre_a, centre_b = both_current
    assert centre_a.schema_name not in entered
    assert centre_b.schema_name not in entered


def test_schema_one_migration_behind_is_migrated_and_the_other_is_not_entered(both_current, entered):
    centre_a, centre_b = both_current
    forget_migration(centre_a.schema_name, *NO_SQL_MIGRATION)
    migrate_centres()
    assert centre_a.schema_name in entered
    assert centre_b.schema_name not in entered
    assert schemas_behind([centre_a.schema_name]) == []


def test_second_run_after_the_migration_is_applied_enters_nothing(both_current, entered):
    centre_a, _centre_b = both_current
    forget_migration(centre_a.schema_name, *NO_SQL_MIGRATION)
    migrate_centres()
    entered.clear()
    migrate_centres()
    assert centre_a.schema_name not in entered


def test_stock_mode_enters_every_centre_schema(both_current, entered, settings):
    settings.MIGRATE_SKIP_CURRENT = False
    migrate_centres()
    centre_a, centre_b = both_current
    assert {centre_a.schema_name, centre_b.schema_name} <= set(entered)


def test_stale_reference_version_triggers_a_resync(both_current):
    centre_a, _centre_b = both_current
    reception_group_shrink(centre_a.schema_name)
    ReferenceState.objects.filter(schema_name=centre_a.schema_name).update(version="an-older-version")
    migrate_centres()
    assert reception_permission_count(centre_a.schema_name) > 0
    assert ReferenceState.objects.get(schema_name=centre_a.schema_name).version == reference_data_version()


def test_unchanged_reference_version_does_not_resync(both_current):
    _centre_a, centre_b = both_current
    reception_group_shrink(centre_b.schema_name)
    migrate_centres()
    assert reception_permission_count(centre_b.schema_name) == 0


def test_schema_migrated_in_the_run_gets_its_reference_data_again(both_current):
    # The version covers the migrations on disk: a migrated schema's record was of an older set.
    centre_a, _centre_b = both_current
    reception_group_shrink(centre_a.schema_name)
    ReferenceState.objects.filter(schema_name=centre_a.schema_name).update(version="before-the-migration")
    forget_migration(centre_a.schema_name, *NO_SQL_MIGRATION)
    migrate_centres()
    assert reception_permission_count(centre_a.schema_name) > 0


def test_a_record_of_another_schema_with_the_same_name_is_stale(both_current):
    centre_a, centre_b = both_current
    ReferenceState.objects.filter(schema_name=centre_a.schema_name).update(schema_oid=0)
    assert schemas_reference_stale([centre_a.schema_name, centre_b.schema_name]) == [centre_a.schema_name]


def test_schema_without_a_migrations_table_is_behind(centre_a):
    with connection.cursor() as cursor:
        cursor.execute('CREATE SCHEMA "empty_for_test"')
    assert schemas_behind([centre_a.schema_name, "empty_for_test"]) == ["empty_for_test"]


def test_finding_the_schemas_behind_costs_the_same_queries_for_one_schema_as_for_many(centre_a, centre_b):
    with CaptureQueriesContext(connection) as one:
        schemas_behind([centre_a.schema_name])
    with CaptureQueriesContext(connection) as many:
        schemas_behind([centre_a.schema_name, centre_b.schema_name, "public", "no_such_schema"])
    def counted(context):  # django-tenants' own SET search_path before a cursor is not a lookup
        return [query for query in context.captured_queries if not query["sql"].startswith("SET search_path")]

    assert len(counted(one)) == len(counted(many)) == 2


def test_onboarding_records_the_reference_version(db, worlds):
    # The next deploy does not re-sync a centre made by this code.
    centre = centre_create(**valid_centre_input(slug="recorded")).centre
    assert schemas_reference_stale([centre.schema_name]) == []


@pytest.mark.parametrize("codename, base", [("standard", StandardExecutor),
                                            ("multiprocessing", MultiprocessingExecutor),
                                            ("subprocess", SubprocessExecutor)])
def test_every_executor_choice_keeps_its_own_behaviour(codename, base):
    executor = executor_get(codename)
    assert issubclass(executor, base)
    assert executor.codename == codename
