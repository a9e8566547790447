"""One centre schema out with ``pg_dump``, and back in under another name through Django's connection.

**Out.** ``pg_dump --schema`` of the installed PostgreSQL (or of the embedded ``pgserver``'s
bin folder) whose major version is the server's, or newer: an older pg_dump refuses a newer
server. It reads the exported snapshot of the caller's transaction (``--snapshot``), so the row
counts the caller takes in that transaction are exactly the rows of the dump.

**In.** pg_dump names the old schema in every statement (``CREATE TABLE alpha.casework_person``,
``REFERENCES alpha.…``, ``setval('alpha.…')``) and the original centre usually still exists
under that name, so the dump cannot be replayed as it is. It is parsed instead (quotes, dollar
quotes and comments followed, COPY data passed through untouched) and every statement is
checked against what a centre schema's dump holds: schema, tables, sequences, constraints,
indexes, comments, sequence positions, COPY of a table. Anything else (a function, a ``DROP``,
a statement about another schema but for foreign keys to ``public``) refuses the whole archive.
The old schema's name is then rewritten where it qualifies a name — never inside COPY data,
where ``x@alpha.test`` must stay as it is — and the statements run on Django's connection,
inside the caller's transaction: a restore either lands whole or not at all, and a restore
drill is a restore rolled back. pg_dump's session settings (``SET``, ``set_config``) and psql's
meta-commands (``\\restrict``) are dropped: they are pg_dump's own and would otherwise change
the connection's ``search_path``.
"""

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection


class DumpError(Exception):
    """pg_dump could not be found or failed; the message is for the operator (no data in it)."""


class DumpRefused(Exception):
    """The dump holds something a centre schema's dump does not; the message says what (no data)."""


# --- pg_dump ---------------------------------------------------------------------------------

def server_major_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def _binary_major(path: Path) -> int | None:
    try:
        out = subprocess.run([str(path), "--version"], capture_output=True, text=True, timeout=10,  # noqa: S603
                             check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else None


def _candidates() -> list[Path]:
    found: list[Path] = []
    if settings.PG_BIN_DIR:
        found.append(Path(settings.PG_BIN_DIR) / "pg_dump")
    try:  # the embedded server of ./dev (a wheel carrying its own binaries)
        import pgserver

        found.append(Path(pgserver.__file__).parent / "pginstall" / "bin" / "pg_dump")
    except ImportError:
        pass
    found.extend(sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"), reverse=True))
    on_path = shutil.which("pg_dump")
    if on_path:
        found.append(Path(on_path))
    return [path for path in dict.fromkeys(found) if path.is_file()]


def pg_dump_binary() -> tuple[Path, int]:
    """The pg_dump to use and its major version: the server's own version if there is one, else
    the oldest newer one (``PG_BIN_DIR`` first, then the embedded server's, the distribution's, PATH)."""
    server = server_major_version()
    usable = [(path, major) for path in _candidates() if (major := _binary_major(path)) is not None]
    same = [item for item in usable if item[1] == server]
    newer = sorted((item for item in usable if item[1] > server), key=lambda item: item[1])
    if same or newer:
        return (same or newer)[0]
    versions = ", ".join(f"{path} ({major})" for path, major in usable) or "none"
    raise DumpError(f"No pg_dump of PostgreSQL {server} or newer was found (found: {versions}); "
                    "install the PostgreSQL client of the server's version or set PG_BIN_DIR.")


def _libpq_environment() -> dict[str, str]:
    """The connection Django's default database uses, as libpq's variables (the password never on
    a command line; in tests the test database, on the embedded server its socket folder)."""
    params = connection.get_connection_params()
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    for key, variable in (("dbname", "PGDATABASE"), ("database", "PGDATABASE"), ("host", "PGHOST"),
                          ("port", "PGPORT"), ("user", "PGUSER"), ("password", "PGPASSWORD")):
        if params.get(key):
            env[variable] = str(params[key])
    return env


def snapshot_export() -> str:
    """The current transaction's snapshot, for pg_dump to read the same rows."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_export_snapshot()")
        return cursor.fetchone()[0]


def schema_dump(*, schema: str, out: Path, snapshot: str | None) -> str:
    """Writes the plain-SQL dump of ``schema`` to ``out``; returns pg_dump's version line."""
    binary, _major = pg_dump_binary()
    command = [str(binary), "--format=plain", "--no-owner", "--no-privileges", "--no-comments",
               f"--schema={schema}", f"--file={out}"]
    if snapshot:
        command.append(f"--snapshot={snapshot}")
    # The command is ours: a found binary and a schema name that is a slug (no shell).
    result = subprocess.run(command, capture_output=True, text=True, env=_libpq_environment(), timeout=3600)  # noqa: S603
    if result.returncode != 0:
        raise DumpError(f"pg_dump exited with {result.returncode}: {result.stderr.strip()[:500]}")
    return subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()  # noqa: S603


# --- the dump, parsed ------------------------------------------------------------------------

@dataclass
class Statement:
    sql: str
    copy_data: str | None = None  # the rows of a COPY … FROM stdin, as pg_dump wrote them


def _statement_end(text: str, start: int) -> int:
    """Index just past the ``;`` ending the statement that starts at ``start`` (quotes, quoted
    identifiers, dollar quotes and comments followed); -1 if the text ends first."""
    i, n = start, len(text)
    while i < n:
        ch = text[i]
        if ch == "'":
            i += 1
            while i < n:
                if text[i] == "'":
                    if i + 1 < n and text[i + 1] == "'":
                        i += 2
                        continue
                    break
                i += 1
        elif ch == '"':
            i = text.find('"', i + 1)
            if i < 0:
                return -1
        elif ch == "$":
            match = re.match(r"\$[A-Za-z_0-9]*\$", text[i:])
            if match:
                close = text.find(match.group(0), i + len(match.group(0)))
                if close < 0:
                    return -1
                i = close + len(match.group(0)) - 1
        elif ch == "-" and text.startswith("--", i):
            newline = text.find("\n", i)
            i = n if newline < 0 else newline
        elif ch == ";":
            return i + 1
        i += 1
    return -1


def dump_statements(text: str) -> list[Statement]:
    """The statements of a plain pg_dump, with each COPY's rows; comments, psql meta-commands and
    blank lines dropped."""
    statements: list[Statement] = []
    i, n = 0, len(text)
    while i < n:
        line_end = text.find("\n", i)
        line_end = n if line_end < 0 else line_end
        line = text[i:line_end]
        stripped = line.strip()
        if not stripped or stripped.startswith("--") or stripped.startswith("\\"):
            i = line_end + 1
            continue
        end = _statement_end(text, i)
        if end < 0:
            raise DumpRefused("the dump ends inside a statement")
        sql = text[i:end].strip()
        i = end
        if re.match(r"COPY\s.+\sFROM\s+stdin\s*;$", sql, re.IGNORECASE | re.DOTALL):
            data_start = text.find("\n", i) + 1
            terminator = text.find("\n\\.\n", data_start - 1)
            if data_start <= 0 or terminator < 0:
                raise DumpRefused("a COPY's rows do not end")
            statements.append(Statement(sql=sql, copy_data=text[data_start:terminator + 1]))
            i = terminator + len("\n\\.\n")
        else:
            statements.append(Statement(sql=sql))
    return statements


_IDENT = r'(?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")+")'
_SKIPPED = re.compile(r"^(SET\s|SELECT\s+pg_catalog\.set_config\()", re.IGNORECASE)
# What a centre schema's dump is made of: the verb, then the object the statement is about.
_ALLOWED = [
    re.compile(rf"^CREATE\s+SCHEMA\s+({_IDENT});$"),
    re.compile(rf"^CREATE\s+TABLE\s+({_IDENT})\.{_IDENT}\s+\(", re.DOTALL),
    re.compile(rf"^CREATE\s+SEQUENCE\s+({_IDENT})\.{_IDENT}\s", re.DOTALL),
    re.compile(rf"^ALTER\s+SEQUENCE\s+({_IDENT})\.{_IDENT}\s+OWNED\s+BY\s", re.DOTALL),
    re.compile(rf"^ALTER\s+TABLE\s+(?:ONLY\s+)?({_IDENT})\.{_IDENT}\s+(?:ALTER\s+COLUMN|ADD\s+CONSTRAINT)\s",
               re.DOTALL),
    re.compile(rf"^CREATE\s+(?:UNIQUE\s+)?INDEX\s+{_IDENT}\s+ON\s+(?:ONLY\s+)?({_IDENT})\.{_IDENT}\s", re.DOTALL),
    re.compile(rf"^SELECT\s+pg_catalog\.setval\('({_IDENT})\.{_IDENT}',\s*\d+,\s*(?:true|false)\);$"),
    re.compile(rf"^COPY\s+({_IDENT})\.{_IDENT}\s+\([^;]*\)\s+FROM\s+stdin;$", re.DOTALL),
]


def _unquote(identifier: str) -> str:
    return identifier[1:-1].replace('""', '"') if identifier.startswith('"') else identifier


def _qualifier_pattern(schema: str) -> re.Pattern:
    quoted = re.escape('"' + schema.replace('"', '""') + '"')
    # The schema as the qualifier of a name: not part of a longer identifier, followed by a dot.
    return re.compile(rf"(?<![\w$\".])(?:{re.escape(schema)}|{quoted})(?=\.)")


def statements_for_schema(statements: list[Statement], *, source: str, target: str) -> list[Statement]:
    """The statements that rebuild ``source`` as ``target``; raises DumpRefused at the first that
    is not one of a centre schema's dump, or is about another schema."""
    qualifier = _qualifier_pattern(source)
    out: list[Statement] = []
    for statement in statements:
        if _SKIPPED.match(statement.sql):
            continue
        subject = next((match.group(1) for pattern in _ALLOWED if (match := pattern.match(statement.sql))), None)
        if subject is None:
            raise DumpRefused(f"unexpected statement: {statement.sql.split(chr(10))[0][:80]}")
        if _unquote(subject) != source:
            raise DumpRefused(f"a statement about schema {_unquote(subject)[:63]}, not {source}")
        # Foreign keys to the public schema (consents to a centre, …) stay as they are; any
        # other schema named outside the COPY data is refused.
        others = {_unquote(name) for name in re.findall(rf"(?<![\w$\".])({_IDENT})\.(?={_IDENT})", statement.sql)}
        unknown = others - {source, "public", "pg_catalog"}
        if unknown:
            raise DumpRefused(f"a statement names schema {sorted(unknown)[0][:63]}")
        if statement.sql.startswith("CREATE SCHEMA"):
            out.append(Statement(sql=f"CREATE SCHEMA {connection.ops.quote_name(target)};"))
            continue
        out.append(Statement(sql=qualifier.sub(connection.ops.quote_name(target), statement.sql),
                             copy_data=statement.copy_data))
    return out


def statements_run(statements: list[Statement]) -> None:
    """Runs the statements on Django's connection, in the caller's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("statements_run runs inside transaction.atomic().")
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg2's own, for COPY FROM STDIN
        for statement in statements:
            if statement.copy_data is None:
                cursor.execute(statement.sql)  # no parameters: a % in it is a %
            else:
                raw.copy_expert(statement.sql.rstrip(";").replace("FROM stdin", "FROM STDIN"),
                                io.StringIO(statement.copy_data))
