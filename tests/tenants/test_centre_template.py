"""New centres' schemas are copied from a template schema that is brought up to date before every copy."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django_tenants.utils import schema_context, schema_exists

from platform_core.accounts.roles import ROLE_PERMISSIONS, Role
from platform_core.migration_state import applied_migrations, migrations_on_disk
from tenants.services import centre_create
from tenants.template import (
    TEMPLATE_SCHEMA,
    TemplateNotCopyable,
    schema_copy,
    template_state,
    template_sync,
)

from .onboarding import valid_centre_input

# Everything a migration decides about a schema, rendered with the schema itself on the
# search_path so that two schemas' descriptions compare equal when their contents do.
STRUCTURE_SQL = """
SELECT 'column', c.relname || '.' || a.attname,
       format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull || ' identity=' || a.attidentity::text
       || ' generated=' || a.attgenerated::text || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
       || ' collation=' || a.attcollation::regcollation::text
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
 WHERE c.relnamespace = %(ns)s::regnamespace AND c.relkind = 'r'
UNION ALL
SELECT 'constraint', c.relname || '.' || con.conname, pg_get_constraintdef(con.oid)
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid WHERE c.relnamespace = %(ns)s::regnamespace
UNION ALL
SELECT 'index', c.relname, pg_get_indexdef(c.oid, 0, true) FROM pg_class c
 WHERE c.relnamespace = %(ns)s::regnamespace AND c.relkind = 'i'
UNION ALL
SELECT 'sequence', s.sequencename, concat_ws(' ', s.data_type, s.start_value, s.increment_by, s.min_value,
       s.max_value, s.cache_size, s.cycle)
  FROM pg_sequences s WHERE s.schemaname = %(ns)s
UNION ALL
SELECT 'comment', c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c
 WHERE c.relnamespace = %(ns)s::regnamespace AND obj_description(c.oid, 'pg_class') IS NOT NULL
"""


def structure_of(schema: str) -> set[tuple[str, str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(f'SET search_path = "{schema}"')
        cursor.execute(STRUCTURE_SQL, {"ns": schema})
        rows = set(cursor.fetchall())
        cursor.execute("SET search_path = public")
    return rows


def execute(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


def onboard(slug: str = "templated"):
    return centre_create(**valid_centre_input(slug=slug, admin_email=f"coordinator@{slug}.test")).centre


def migrated_schema(name: str) -> str:
    """A schema built the slow way, by running every migration: what the copy must equal."""
    execute(f'CREATE SCHEMA "{name}"')
    call_command("migrate_schemas", tenant=True, schema_name=name, interactive=False, verbosity=0)
    return name


@pytest.fixture
def template(worlds, db) -> str:
    with transaction.atomic():
        template_sync()
    return TEMPLATE_SCHEMA


# --- what a centre copied from the template has ------------------------------------------------


def test_a_centre_copied_from_the_template_has_every_migration_recorded(template):
    centre = onboard()

    assert migrations_on_disk()[0] <= applied_migrations(centre.schema_name)


def test_a_centre_copied_from_the_template_has_every_role_group_with_its_permissions(template):
    centre = onboard()

    with schema_context(centre.schema_name):
        groups = {
            group.name: {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
            for group in Group.objects.prefetch_related("permissions__content_type")
        }
    assert groups == {role.value: set(perms) for role, perms in ROLE_PERMISSIONS.items()}


def test_a_copied_schema_has_the_same_tables_keys_indexes_and_sequences_as_a_migrated_one(template):
    centre = onboard()

    assert structure_of(centre.schema_name) == structure_of(migrated_schema("by_migrations"))


def test_a_copied_schema_refers_to_its_own_tables_never_to_the_templates(template):
    centre = onboard()

    assert not [row for row in structure_of(centre.schema_name) if TEMPLATE_SCHEMA in row[2]]


def test_rows_added_in_a_new_centre_get_ids_after_the_copied_ones(template):
    centre = onboard()

    with schema_context(centre.schema_name):
        copied = max(Group.objects.values_list("id", flat=True))
        added = Group.objects.create(name="extra")
    assert added.id > copied


def test_what_a_new_centre_writes_stays_out_of_the_template(template):
    centre = onboard()
    with schema_context(centre.schema_name):
        Group.objects.create(name="extra")

    with schema_context(template):
        assert not Group.objects.filter(name="extra").exists()


# --- keeping the template current -------------------------------------------------------------


def test_a_missing_template_is_built_at_the_next_onboarding(template):
    execute(f'DROP SCHEMA "{template}" CASCADE')

    centre = onboard()

    assert template_state() == "current"
    assert migrations_on_disk()[0] <= applied_migrations(centre.schema_name)


def _regional_leaf() -> str:
    from django.db.migrations.loader import MigrationLoader

    return next(name for app, name in MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()
                if app == "regional")


LEAF = _regional_leaf()


def test_a_template_behind_the_migrations_on_disk_is_migrated_before_the_copy(template):
    # A migration the template has not seen yet (the last of its app, which only acts in public,
    # so it can be applied again in a centre schema without side effects).
    execute(f"DELETE FROM {template}.django_migrations WHERE app = 'regional' AND name = '{LEAF}'")
    assert template_state() == "behind"

    centre = onboard()

    assert template_state() == "current"
    assert ("regional", LEAF) in applied_migrations(centre.schema_name)


def test_a_template_with_migrations_no_longer_on_disk_is_rebuilt_before_the_copy(template):
    execute(f"INSERT INTO {template}.django_migrations (app, name, applied) VALUES ('accounts', '0999_gone', now())")
    assert template_state() == "foreign"

    centre = onboard()

    assert template_state() == "current"
    assert ("accounts", "0999_gone") not in applied_migrations(centre.schema_name)


def test_stale_role_groups_in_the_template_are_corrected_in_the_new_centre(template):
    execute(f"DELETE FROM {template}.auth_group_permissions")

    centre = onboard()

    with schema_context(centre.schema_name):
        coordinator = Group.objects.get(name=Role.COORDINATOR.value)
        assert coordinator.permissions.count() == len(ROLE_PERMISSIONS[Role.COORDINATOR])


def test_a_template_the_copy_cannot_reproduce_falls_back_to_running_every_migration(template):
    execute(f'CREATE VIEW "{template}".hand_made AS SELECT 1 AS one')

    centre = onboard()

    assert migrations_on_disk()[0] <= applied_migrations(centre.schema_name)
    with schema_context(centre.schema_name):
        assert Group.objects.filter(name=Role.COORDINATOR.value).exists()


def test_schema_copy_refuses_objects_it_would_not_reproduce_before_writing_anything(template):
    execute(f'CREATE FUNCTION "{template}".hand_made() RETURNS int LANGUAGE sql AS \'SELECT 1\'')

    with pytest.raises(TemplateNotCopyable, match="function hand_made"), transaction.atomic():
        schema_copy(source=template, target="never_made")
    assert not schema_exists("never_made")


def test_centre_template_command_reports_a_current_template(template):
    out = StringIO()
    call_command("centre_template", stdout=out)

    assert out.getvalue().strip() == f"Centre template {TEMPLATE_SCHEMA}: already current."


def test_centre_template_command_brings_a_missing_template_up_to_date(template):
    execute(f'DROP SCHEMA "{template}" CASCADE')
    out = StringIO()
    call_command("centre_template", stdout=out)

    assert out.getvalue().strip() == f"Centre template {TEMPLATE_SCHEMA}: was missing, now current."
    assert template_state() == "current"
