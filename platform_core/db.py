"""Bulk writes with PostgreSQL ``COPY`` and bulk deletes in one statement: the rollup replaces
thousands of count rows per centre and millions per region, where ``bulk_create`` spends most of
its time building and preparing model instances, and ``QuerySet.delete()`` loads every row first."""

import csv
import hashlib
import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import psycopg2.extensions
import psycopg2.extras
from django.db import connections, models

UUID_OID = 2950
_UUID_AS_TEXT = psycopg2.extensions.new_type((UUID_OID,), "UUID_AS_TEXT", psycopg2.STRING)


def copy_insert(model, fields: Sequence[str], rows: Iterable[Sequence], *, using: str = "default") -> int:
    """Inserts ``rows`` (tuples in the order of ``fields``, model field names; foreign keys as
    ``<name>_id``) into ``model``'s table in one ``COPY … (FORMAT csv)``, within the caller's
    transaction. Values go as they are (no field defaults, no ``pre_save``); ``None`` is NULL,
    and an empty string stays an empty string in the text columns that cannot be NULL. Aware
    datetimes only. The number of rows."""
    meta = model._meta
    chosen = [meta.get_field(name[:-3] if name.endswith("_id") else name) for name in fields]
    buffer = io.StringIO()
    rows = rows if isinstance(rows, list) else list(rows)
    if not rows:
        return 0
    csv.writer(buffer, lineterminator="\n").writerows(rows)  # one call: the loop runs in C
    count = len(rows)
    buffer.seek(0)
    connection = connections[using]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in chosen)
    # In CSV an unquoted empty value is NULL: not for the text columns that hold "" instead.
    not_null = [quote(field.column) for field in chosen
                if isinstance(field, models.CharField | models.TextField) and not field.null]
    options = f", FORCE_NOT_NULL ({', '.join(not_null)})" if not_null else ""
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN WITH (FORMAT csv{options})", buffer)
    return count


def _copy_value(value):
    """A model value as COPY's CSV reads it: arrays as PostgreSQL array literals."""
    if isinstance(value, list | tuple):
        return "{" + ",".join('"' + str(item).replace("\\", "\\\\").replace('"', '\\"') + '"'
                              for item in value) + "}"
    return value


def copy_insert_instances(model, instances: Sequence[models.Model], *, using: str = "default") -> int:
    """``bulk_create`` by ``COPY``: every concrete field of the unsaved ``instances`` (ids set by
    their defaults), ``auto_now``/``auto_now_add`` stamped as a save would; no signals, as with
    ``bulk_create``. For imports of thousands of rows, where building the INSERT costs more than
    the database does."""
    fields = [field for field in model._meta.concrete_fields]
    stamped = [field for field in fields if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)]
    for instance in instances:
        for field in stamped:
            field.pre_save(instance, add=True)
    rows = ([_copy_value(getattr(instance, field.attname)) for field in fields] for instance in instances)
    count = copy_insert(model, [field.attname for field in fields], rows, using=using)
    for instance in instances:
        instance._state.adding, instance._state.db = False, using
    return count


def rows_delete(queryset: models.QuerySet) -> int:
    """Deletes the rows of ``queryset`` in one ``DELETE … WHERE``, without loading them; the number
    deleted. Within the caller's transaction.

    ``QuerySet.delete()`` deletes in one statement only when nothing listens for the model's
    delete signals; django-tenants connects a ``post_delete`` receiver for every model (to drop the
    schema of a deleted centre), so it first loads each row as an instance and sends two signals
    for it: for one centre's rollup rows, 31,713 instances and a third of the centre's rollup time.
    For tables that nothing refers to and that no receiver of ours watches (counts, published
    cells): refused for a model that other rows point to, whose deletion must cascade."""
    model = queryset.model
    if model._meta.related_objects:
        raise ValueError(f"{model._meta.label} is referred to by other models; use QuerySet.delete()")
    return queryset._raw_delete(queryset.db)


def commit_without_waiting_for_disk(*, using: str = "default") -> None:
    """In the caller's transaction: its commit returns before the WAL reaches the disk
    (``SET LOCAL synchronous_commit = off``). For rows derived from others and written again by
    the next run (the rollup's counts): a crash in the fraction of a second after the commit can
    lose them, never corrupt anything, and the commit no longer waits for an fsync."""
    with connections[using].cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")


def transaction_lock(*, name: str, using: str = "default") -> None:
    """In the caller's transaction: waits for, then holds until the transaction ends, the
    advisory lock called ``name`` (``pg_advisory_xact_lock`` of a stable 64-bit hash of it), so
    that writers of the same rows take turns where no unique index would stop them. Advisory
    locks belong to the server session: fine behind PgBouncer in session mode (DESIGN.md)."""
    key = int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


@contextmanager
def uuids_as_text(*, using: str = "default") -> Iterator[None]:
    """Within the block, ``uuid`` columns read on this connection come back as ``str`` instead of
    ``uuid.UUID``. For code that only counts and compares ids it reads (the indicators): building a
    UUID object costs a Python call per value and hashing one another, where a string's hash is
    computed once — ~28,000 of them per centre in a rollup. Model instances loaded in the block
    would have string keys: read values, not instances, there."""
    connection = connections[using]
    connection.ensure_connection()
    raw = connection.connection
    psycopg2.extensions.register_type(_UUID_AS_TEXT, raw)
    try:
        yield
    finally:
        if not raw.closed:
            psycopg2.extras.register_uuid(conn_or_curs=raw)  # what Django registers for every connection


class AnyOf(models.Lookup):
    """``field__any_of=ids`` (a uuid column or a foreign key): ``field = ANY(%s::<type>[])`` with
    the ids as one array parameter.
    ``__in`` with thousands of ids (the people a centre served in twenty months) prepares and
    converts each value in Python and sends a placeholder per value; this sends the list as it
    is (``uuid.UUID`` or ``str``), and PostgreSQL still uses the column's index."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [str(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::{self.lhs.output_field.db_type(connection)}[])", [*lhs_params, self.rhs]


models.UUIDField.register_lookup(AnyOf)
models.ForeignKey.register_lookup(AnyOf)
