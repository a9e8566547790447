"""New centre schemas as copies of a fully migrated template schema, kept current on every use.

Running every migration for each new centre takes seconds and grows with each migration added;
copying the tables of a template schema that has them all takes a fraction of that. The template
is not a centre (no row, no domain, so `migrate_schemas` does not see it): before each copy it is
checked against the migrations on disk and brought up to date, under a lock, inside the caller's
transaction. django-tenants' own clone_schema is not used: it reads catalogs across all schemas
and took seconds per centre after a few dozen centres.
"""

import logging

from django.core.management import call_command
from django.db import connection
from django_tenants.utils import schema_exists

from platform_core.migration_state import applied_migrations, migrations_on_disk

from .migrate import reference_data_sync

logger = logging.getLogger(__name__)

# A slug maps to a schema name starting with a letter, so no centre can ever be called this.
TEMPLATE_SCHEMA = "_centre_template"
# pg_advisory_xact_lock key: template upkeep and copies never overlap.
_LOCK_KEY = 0x6B6F696E  # "koin"


class TemplateNotCopyable(Exception):
    """The template holds objects that the copy does not reproduce (views, functions, …)."""


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def template_state() -> str:
    """'current', 'missing', 'behind' (migrations to apply) or 'foreign' (migrations not on disk)."""
    if not schema_exists(TEMPLATE_SCHEMA):
        return "missing"
    required, known = migrations_on_disk()
    applied = applied_migrations(TEMPLATE_SCHEMA)
    if applied - known:
        return "foreign"
    return "behind" if required - applied else "current"


def template_lock() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def template_sync(*, rebuild: bool = False) -> str:
    """Brings the template up to date (every migration, current reference data); returns the
    state it was found in. Call inside a transaction: the lock is held until it ends."""
    template_lock()
    state = template_state()
    if state == "current" and not rebuild:
        return state
    with connection.cursor() as cursor:
        if rebuild or state == "foreign":
            # Migrations recorded there no longer exist (squashed, renamed, code rolled back).
            cursor.execute(f"DROP SCHEMA IF EXISTS {_q(TEMPLATE_SCHEMA)} CASCADE")
        cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {_q(TEMPLATE_SCHEMA)}")
    call_command("migrate_schemas", tenant=True, schema_name=TEMPLATE_SCHEMA, interactive=False, verbosity=0)
    reference_data_sync(schema=TEMPLATE_SCHEMA)
    logger.info("centre template brought up to date (was %s)", state)
    return state


def centre_schema_create(*, centre) -> bool:
    """Creates ``centre``'s schema with every migration applied; returns True when copied from the
    template, False when it had to be migrated step by step. Call inside the onboarding
    transaction; the centre's reference data is loaded by the caller either way."""
    template_sync()
    try:
        schema_copy(source=TEMPLATE_SCHEMA, target=centre.schema_name)
        return True
    except TemplateNotCopyable as exc:
        logger.warning("centre template cannot be copied (%s); migrating the new schema instead", exc)
        centre.create_schema(check_if_exists=False, verbosity=0)
        return False


# --- the copy ---------------------------------------------------------------------------------

# Every catalog query below is limited to the source schema, so the copy costs the same with
# 3 centres as with 300.
_UNSUPPORTED_SQL = """
SELECT 'relation ' || c.relname || ' (kind ' || c.relkind::text || ')' FROM pg_class c
 WHERE c.relnamespace = %(ns)s::regnamespace AND c.relkind NOT IN ('r', 'i', 'S')
UNION ALL
SELECT 'sequence ' || c.relname || ' not owned by an identity column' FROM pg_class c
 WHERE c.relnamespace = %(ns)s::regnamespace AND c.relkind = 'S'
   AND NOT EXISTS (SELECT 1 FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')
UNION ALL
SELECT 'function ' || p.proname FROM pg_proc p WHERE p.pronamespace = %(ns)s::regnamespace
UNION ALL
SELECT 'type ' || t.typname FROM pg_type t
 WHERE t.typnamespace = %(ns)s::regnamespace AND t.typrelid = 0 AND t.typelem = 0
UNION ALL
SELECT 'trigger ' || tg.tgname FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
 WHERE c.relnamespace = %(ns)s::regnamespace AND NOT tg.tgisinternal
UNION ALL
SELECT 'policy ' || pol.polname FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid
 WHERE c.relnamespace = %(ns)s::regnamespace
UNION ALL
SELECT 'inheritance of ' || c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
 WHERE c.relnamespace = %(ns)s::regnamespace
UNION ALL
SELECT 'constraint ' || con.conname || ' (kind ' || con.contype::text || ')' FROM pg_constraint con
 WHERE con.connamespace = %(ns)s::regnamespace AND con.contype NOT IN ('p', 'u', 'x', 'f', 'c', 'n')
UNION ALL
SELECT 'sequence default on ' || c.relname || '.' || a.attname FROM pg_attrdef ad
  JOIN pg_class c ON c.oid = ad.adrelid JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
 WHERE c.relnamespace = %(ns)s::regnamespace AND pg_get_expr(ad.adbin, ad.adrelid) LIKE '%%nextval(%%'
"""

_TABLES_SQL = """
SELECT c.relname,
       quote_literal(obj_description(c.oid, 'pg_class')),
       array_agg(quote_ident(a.attname) ORDER BY a.attnum) FILTER (WHERE a.attgenerated = '')
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE c.relnamespace = %(ns)s::regnamespace AND c.relkind = 'r'
 GROUP BY c.oid, c.relname ORDER BY c.relname
"""

# Rendered while the search_path is the source schema alone: its tables come out unqualified
# (and so land in the target), anything elsewhere (public) comes out qualified.
_CONSTRAINTS_SQL = """
SELECT c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
  FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
 WHERE c.relnamespace = %(ns)s::regnamespace AND con.contype IN ('p', 'u', 'x', 'f')
 ORDER BY con.contype = 'f', c.relname, con.conname
"""

_INDEXES_SQL = """
SELECT pg_get_indexdef(i.indexrelid, 0, true)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
 WHERE c.relnamespace = %(ns)s::regnamespace
   AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                    WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
 ORDER BY 1
"""

_IDENTITY_SQL = """
SELECT c.relname, a.attname, a.attidentity::text, seq.relname,
       s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle
  FROM pg_class seq JOIN pg_sequence s ON s.seqrelid = seq.oid
  JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = seq.oid AND d.deptype = 'i'
                  AND d.refclassid = 'pg_class'::regclass
  JOIN pg_class c ON c.oid = d.refobjid
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
 WHERE seq.relnamespace = %(ns)s::regnamespace AND seq.relkind = 'S'
"""


def _copy_script(cursor, source: str, target: str) -> list[str]:
    params = {"ns": source}
    cursor.execute(_UNSUPPORTED_SQL, params)
    unsupported = [row[0] for row in cursor.fetchall()]
    if unsupported:
        raise TemplateNotCopyable(", ".join(sorted(unsupported)))
    cursor.execute(_TABLES_SQL, params)
    tables = cursor.fetchall()
    cursor.execute(_IDENTITY_SQL, params)
    identities = cursor.fetchall()
    cursor.execute(f"SET search_path = {_q(source)}")
    cursor.execute(_CONSTRAINTS_SQL, params)
    constraints = cursor.fetchall()
    cursor.execute(_INDEXES_SQL, params)
    indexes = [row[0] for row in cursor.fetchall()]

    src, dst = _q(source), _q(target)
    script = [f"CREATE SCHEMA {dst}", f"SET search_path = {dst}"]
    for table, comment, _columns in tables:
        # Indexes and identity sequences are left to the steps below: LIKE would give them new
        # names or types, and later migrations find indexes and constraints by name.
        script.append(f"CREATE TABLE {dst}.{_q(table)} "
                      f"(LIKE {src}.{_q(table)} INCLUDING ALL EXCLUDING INDEXES EXCLUDING IDENTITY)")
        if comment is not None:
            script.append(f"COMMENT ON TABLE {dst}.{_q(table)} IS {comment}")
    for table, _comment, columns in tables:
        cols = ", ".join(columns)
        script.append(f"INSERT INTO {dst}.{_q(table)} ({cols}) OVERRIDING SYSTEM VALUE "  # noqa: S608 (quoted)
                      f"SELECT {cols} FROM {src}.{_q(table)}")
    for table, name, _kind, definition in constraints:  # keys first, then foreign keys
        script.append(f"ALTER TABLE {dst}.{_q(table)} ADD CONSTRAINT {_q(name)} {definition}")
    script.extend(indexes)
    for table, column, kind, sequence, start, step, low, high, cache, cycle in identities:
        generated = "ALWAYS" if kind == "a" else "BY DEFAULT"
        script.append(
            f"ALTER TABLE {dst}.{_q(table)} ALTER COLUMN {_q(column)} ADD GENERATED {generated} AS IDENTITY "
            # The sequence's type follows the column's, as when a migration creates it.
            f"(SEQUENCE NAME {dst}.{_q(sequence)} START WITH {start} INCREMENT BY {step} "
            f"MINVALUE {low} MAXVALUE {high} CACHE {cache} {'' if cycle else 'NO '}CYCLE)"
        )
        # Copied rows keep their ids; new rows continue where the template's sequence stands.
        script.append(f"SELECT setval({_literal(f'{dst}.{_q(sequence)}')}, last_value, is_called) "  # noqa: S608
                      f"FROM {src}.{_q(sequence)}")
    return script


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def schema_copy(*, source: str, target: str) -> None:
    """Creates schema ``target`` with the tables, rows, keys, indexes and sequence positions of
    ``source``. Raises TemplateNotCopyable, before writing anything, if ``source`` holds objects
    it would not reproduce."""
    if not connection.in_atomic_block:
        # Half a schema must never be left behind, nor the search_path this changes.
        raise RuntimeError("schema_copy runs inside transaction.atomic().")
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('search_path')")
        search_path = cursor.fetchone()[0]
        script = _copy_script(cursor, source, target)
        # One round trip: a centre's schema is a few hundred statements. Should it fail, the
        # rollback also undoes the SETs of the search_path.
        cursor.execute(";\n".join(script))
        cursor.execute("SELECT set_config('search_path', %s, false)", [search_path])
