"""Helpers of the centre archive tests: where archives and restored media go, and each table's rows."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import connection


def table_rows(schema: str, *, file_prefix: str = "") -> dict[str, list[str]]:
    """Every table of ``schema`` as sorted JSON rows; ``centres/<schema>/`` in file paths read as
    ``file_prefix`` so that two schemas' rows compare."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind = 'r'",
                       [schema])
        tables = sorted(row[0] for row in cursor.fetchall())
        rows = {}
        for table in tables:
            cursor.execute(f'SELECT row_to_json(t)::text FROM "{schema}"."{table}" t')  # noqa: S608
            values = [row[0] for row in cursor.fetchall()]
            if file_prefix:
                values = [value.replace(f"centres/{schema}/", file_prefix) for value in values]
            rows[table] = sorted(values)
    return rows


def media_checksums(schema: str) -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT) / "centres" / schema
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in root.rglob("*") if path.is_file()}


def repack(source: Path, target: Path, *, manifest=None, dump=None, members=None, recompute: bool = True) -> Path:
    """A copy of the archive ``source`` with its manifest (``manifest(dict) -> dict``), dump
    (``dump(str) -> str``) or other members (``{name: bytes}``) changed; with ``recompute`` the
    manifest's checksums follow the changes, as a forger's would."""
    import io
    import json
    import tarfile

    with tarfile.open(source) as tar:
        contents = {member.name: tar.extractfile(member).read() for member in tar.getmembers()}
    if dump is not None:
        contents["schema.sql"] = dump(contents["schema.sql"].decode()).encode()
    contents.update(members or {})
    data = json.loads(contents["manifest.json"])
    if recompute:
        data["members"] = {name: {"sha256": hashlib.sha256(value).hexdigest(), "size": len(value)}
                           for name, value in contents.items() if name != "manifest.json"}
    if manifest is not None:
        data = manifest(data)
    contents["manifest.json"] = json.dumps(data).encode()
    with tarfile.open(target, "w:gz") as tar:
        for name, value in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(value)
            tar.addfile(info, io.BytesIO(value))
    return target
