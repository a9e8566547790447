"""Bulk writes with PostgreSQL ``COPY``: the rollup writes thousands of count rows per centre
and millions per region, where ``bulk_create`` spends most of its time building and preparing
model instances."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.db import connections, models


def copy_insert(model, fields: Sequence[str], rows: Iterable[Sequence], *, using: str = "default") -> int:
    """Inserts ``rows`` (tuples in the order of ``fields``, model field names; foreign keys as
    ``<name>_id``) into ``model``'s table in one ``COPY … (FORMAT csv)``, within the caller's
    transaction. Values go as they are (no field defaults, no ``pre_save``); ``None`` is NULL,
    and an empty string stays an empty string in the text columns that cannot be NULL. Aware
    datetimes only. The number of rows."""
    meta = model._meta
    chosen = [meta.get_field(name[:-3] if name.endswith("_id") else name) for name in fields]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    if not count:
        return 0
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
