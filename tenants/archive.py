"""A centre's archive — one ``.tar.gz`` of its schema's dump, its media files and a manifest — and
the services that write one (export), bring one back as a new centre (restore) and prove one
would come back (restore drill).

Members: ``manifest.json`` (format, product, code version, the centre's slug/schema/name, its
migrations per app, row counts per table, and the SHA-256 and size of every other member),
``schema.sql`` (``pg_dump --schema``, see ``tenants.pgdump``) and ``media/<path>`` for every file
under ``MEDIA_ROOT/centres/<schema>/``.

Why the counts are the dump's: the export runs in one REPEATABLE READ transaction whose snapshot
pg_dump imports (``--snapshot``), and counts the tables in it; writes the centre makes meanwhile
are in neither. The original keeps working throughout: pg_dump takes only ACCESS SHARE locks.

Why a restore is all or nothing: the archive is checked whole first (every member against the
manifest, nothing unexpected, migrations known to this code), then the dump is replayed under the
new schema name on Django's connection inside one transaction with the centre's row, domain,
forward migrations, reference data and the row-count check; the media files are copied last, and
removed again if the transaction fails. A restored centre's sessions and API tokens are removed:
they are the original's secrets, and would otherwise open both centres.
"""

import hashlib
import importlib.metadata
import json
import logging
import re
import shutil
import tarfile
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from platform_core.migration_state import applied_migrations, migrations_on_disk, migrations_pending
from regional.models import Municipality, Region

from .migrate import reference_data_sync
from .models import Centre, CentreEvent, CentreExport, Domain
from .pgdump import DumpRefused, dump_statements, schema_dump, snapshot_export, statements_for_schema, statements_run
from .routing import centre_routing_cache_clear

logger = logging.getLogger(__name__)

FORMAT = "koinotita-centre-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP = "schema.sql"
MEDIA = "media/"
# Restored centres start without the original's secrets (see the module docstring): sessions,
# API tokens (knox's, as ``accounts.ApiToken``) and the DRF tokens of before them.
SECRET_TABLES = ("django_session", "accounts_apitoken", "authtoken_token")


def code_version() -> str:
    try:
        return importlib.metadata.version("koinotita")
    except importlib.metadata.PackageNotFoundError:
        return "0"


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", str(text))[:4]) or (0,)


def export_root() -> Path:
    return Path(settings.CENTRE_EXPORT_ROOT)


def export_file(export: CentreExport) -> Path:
    return export_root() / export.relative_path


def centre_media_root(schema: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "centres" / schema


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def table_row_counts(schema: str) -> dict[str, int]:
    """Rows of every table of ``schema``, in two queries."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind IN ('r', 'p')"
                       " ORDER BY relname", [schema])
        tables = [row[0] for row in cursor.fetchall()]
        if not tables:
            return {}
        cursor.execute(" UNION ALL ".join(
            f"SELECT {_literal(table)}, count(*) FROM {_q(schema)}.{_q(table)}" for table in tables))  # noqa: S608
        return {table: count for table, count in cursor.fetchall()}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _event(*, centre_id, slug: str, action: str, by_id: str = "", **details) -> None:
    CentreEvent.objects.create(centre_id_value=centre_id, centre_slug=slug, action=action, by_id=by_id,
                               details=details)


# --- export ----------------------------------------------------------------------------------

def centre_export_request(*, centre: Centre, requested_by: str, requested_by_id: str = "") -> CentreExport:
    """Records a request for ``centre``'s archive and queues its building once committed; a request
    still waiting is returned instead of a second one."""
    if centre.is_public or centre.deleted_at is not None:
        raise ValidationError({"centre": _("Το κέντρο δεν έχει πλέον δεδομένα για εξαγωγή.")})
    from .tasks import centre_export_build_task

    with transaction.atomic():
        pending = CentreExport.objects.filter(centre=centre, status=CentreExport.Status.PENDING).first()
        if pending is not None:
            return pending
        export = CentreExport.objects.create(centre=centre, centre_slug=centre.slug, centre_schema=centre.schema_name,
                                             requested_by=requested_by, requested_by_id=requested_by_id)
        _event(centre_id=centre.pk, slug=centre.slug, action="export_requested", by_id=requested_by_id,
               export=str(export.pk), requested_by=requested_by)
        export_id = str(export.pk)
        transaction.on_commit(lambda: centre_export_build_task.apply_async(kwargs={"export_id": export_id}))
    return export


def centre_export_build(*, export: CentreExport) -> CentreExport:
    """Writes the archive of ``export`` and marks it ready (or failed, re-raising)."""
    try:
        summary, size, digest = archive_write(schema=export.centre_schema, slug=export.centre_slug,
                                              centre=export.centre, out=export_file(export))
    except Exception as exc:
        export.status, export.finished_at = CentreExport.Status.FAILED, timezone.now()
        export.error_class = f"{type(exc).__module__}.{type(exc).__qualname__}"[:200]
        export.save(update_fields=["status", "finished_at", "error_class"])
        raise
    export.status, export.finished_at = CentreExport.Status.READY, timezone.now()
    export.summary, export.size_bytes, export.sha256 = summary, size, digest
    export.save(update_fields=["status", "finished_at", "summary", "size_bytes", "sha256"])
    _event(centre_id=export.centre_id, slug=export.centre_slug, action="exported", export=str(export.pk),
           size=size)
    logger.info("centre exported", extra={"centre": export.centre_slug})
    return export


def export_download_record(*, export: CentreExport, by_id: str) -> None:
    """The operator's download of an archive, in the public log (a coordinator's is in the centre's
    access log, person by person: ``tenants.centre_views``)."""
    _event(centre_id=export.centre_id, slug=export.centre_slug, action="export_downloaded", by_id=by_id,
           export=str(export.pk))


def centre_export_now(*, centre: Centre, requested_by: str = CentreExport.Requester.COMMAND,
                      requested_by_id: str = "") -> CentreExport:
    """Request and build in this process (``manage.py centre_export``)."""
    if centre.is_public or centre.deleted_at is not None:
        raise ValidationError({"centre": _("Το κέντρο δεν έχει πλέον δεδομένα για εξαγωγή.")})
    export = CentreExport.objects.create(centre=centre, centre_slug=centre.slug, centre_schema=centre.schema_name,
                                         requested_by=requested_by, requested_by_id=requested_by_id)
    return centre_export_build(export=export)


def archive_write(*, schema: str, slug: str, centre: Centre | None, out: Path) -> tuple[dict, int, str]:
    """Writes the archive of ``schema`` to ``out`` (atomically: a temporary name, then renamed);
    returns its summary (counts only), size and SHA-256."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".export-") as work:
        dump = Path(work) / DUMP
        # Only an outermost transaction can export its snapshot; nested (in a test's transaction,
        # where nothing else writes), pg_dump takes its own.
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            snapshot = None
            if outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                snapshot = snapshot_export()
            counts = table_row_counts(schema)
            migrations = sorted(applied_migrations(schema))
            pg_dump_version = schema_dump(schema=schema, out=dump, snapshot=snapshot)
        members = {DUMP: {"sha256": _sha256(dump), "size": dump.stat().st_size}}
        media_files = []
        media_root = centre_media_root(schema)
        if media_root.is_dir():
            for path in sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink()):
                # A copy first: what is hashed is what is archived, even if the file changes meanwhile.
                relative = path.relative_to(media_root).as_posix()
                copy = Path(work) / "media" / relative
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)
                members[MEDIA + relative] = {"sha256": _sha256(copy), "size": copy.stat().st_size}
                media_files.append((MEDIA + relative, copy))
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "product": "koinotita",
            "code_version": code_version(), "created_at": timezone.now().isoformat(),
            "pg_dump": pg_dump_version,
            "centre": {
                "id": str(centre.pk) if centre else None, "slug": slug, "schema": schema,
                "name": centre.name if centre else slug,
                "municipality": centre.municipality.slug if centre and centre.municipality else None,
                "region": centre.region.slug if centre and centre.region else None,
                "espa_mis_code": centre.espa_mis_code if centre else "",
            },
            "migrations": _by_app(migrations),
            "row_counts": counts,
            "members": members,
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            tar.add(dump, arcname=DUMP)
            for name, path in media_files:
                tar.add(path, arcname=name)
        partial.replace(out)
    summary = {"code_version": manifest["code_version"], "tables": len(counts), "rows": sum(counts.values()),
               "files": len(media_files), "media_bytes": sum(members[name]["size"] for name, _ in media_files)}
    return summary, out.stat().st_size, _sha256(out)


def _by_app(migrations) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for app, name in migrations:
        grouped.setdefault(app, []).append(name)
    return grouped


# --- reading an archive ----------------------------------------------------------------------

class ArchiveRefused(ValidationError):
    """The archive cannot be restored; its message is the sentence the operator reads."""

    def __init__(self, message: str):
        super().__init__({"archive": [message]})


@dataclass
class OpenedArchive:
    manifest: dict
    dump: str
    media_dir: Path | None  # the media files, checked, in a temporary folder

    @property
    def schema(self) -> str:
        return self.manifest["centre"]["schema"]


_NOT_OURS = "Το αρχείο δεν είναι αρχείο εξαγωγής κέντρου αυτής της πλατφόρμας."


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def _manifest_check(manifest) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or manifest.get("product") != "koinotita":
        raise ArchiveRefused(_(_NOT_OURS))
    if not isinstance(manifest.get("format_version"), int) or manifest["format_version"] > FORMAT_VERSION:
        raise ArchiveRefused(_("Το αρχείο γράφτηκε από νεότερη έκδοση της πλατφόρμας (μορφή %(v)s)· "
                               "αναβαθμίστε πρώτα την πλατφόρμα.") % {"v": manifest.get("format_version")})
    centre, members = manifest.get("centre"), manifest.get("members")
    if (not isinstance(centre, dict) or not isinstance(centre.get("schema"), str) or not isinstance(members, dict)
            or not isinstance(manifest.get("row_counts"), dict) or not isinstance(manifest.get("migrations"), dict)
            or DUMP not in members):
        raise ArchiveRefused(_(_NOT_OURS))
    if _version_tuple(manifest.get("code_version", "0")) > _version_tuple(code_version()):
        raise ArchiveRefused(_("Το αρχείο γράφτηκε από νεότερη έκδοση της πλατφόρμας (%(theirs)s· εδώ %(ours)s)· "
                               "αναβαθμίστε πρώτα την πλατφόρμα.")
                             % {"theirs": manifest.get("code_version"), "ours": code_version()})
    _required, known = migrations_on_disk()
    recorded = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    unknown = recorded - set(known)
    if unknown:
        raise ArchiveRefused(_("Το αρχείο γράφτηκε από νεότερη έκδοση της πλατφόρμας: %(n)s μετάπτωση(-εις) "
                               "της βάσης του δεν υπάρχουν σε αυτήν (π.χ. %(example)s).")
                             % {"n": len(unknown), "example": "/".join(sorted(unknown)[0])})


@contextmanager
def archive_opened(path: Path, *, with_media: bool = True) -> Iterator[OpenedArchive]:
    """The archive at ``path``, checked whole: raises ArchiveRefused with a sentence when it is
    not one of ours, was written by newer code, or any member's checksum or size is wrong."""
    try:
        tar = tarfile.open(path, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError, EOFError):
        raise ArchiveRefused(_(_NOT_OURS)) from None
    with tar, tempfile.TemporaryDirectory(prefix="koinotita-restore-") as work:
        try:
            members = tar.getmembers()
            by_name = {member.name: member for member in members}
            if MANIFEST not in by_name or len(by_name) != len(members):
                raise ArchiveRefused(_(_NOT_OURS))
            try:
                manifest = json.loads(tar.extractfile(by_name[MANIFEST]).read().decode("utf-8"))
            except (ValueError, UnicodeDecodeError, AttributeError):
                raise ArchiveRefused(_(_NOT_OURS)) from None
            _manifest_check(manifest)
            expected = manifest["members"]
            present = set(by_name) - {MANIFEST}
            if present != set(expected):
                raise ArchiveRefused(_("Το αρχείο δεν περιέχει ακριβώς ό,τι αναφέρει η περιγραφή του "
                                       "(λείπουν %(missing)s, περισσεύουν %(extra)s αρχεία).")
                                     % {"missing": len(set(expected) - present), "extra": len(present - set(expected))})
            dump, media_dir = "", Path(work) / "media"
            for name in sorted(present):
                member = by_name[name]
                if not member.isfile() or not _safe_member(name) or not (name == DUMP or name.startswith(MEDIA)):
                    raise ArchiveRefused(_(_NOT_OURS))
                data = tar.extractfile(member).read()
                if hashlib.sha256(data).hexdigest() != expected[name].get("sha256") or len(data) != expected[name].get(
                        "size"):
                    raise ArchiveRefused(_("Το αρχείο είναι αλλοιωμένο: το άθροισμα ελέγχου του «%(name)s» δεν "
                                           "ταιριάζει με την περιγραφή του.") % {"name": name})
                if name == DUMP:
                    dump = data.decode("utf-8")
                elif with_media:
                    target = media_dir / name[len(MEDIA):]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
        except tarfile.TarError:
            raise ArchiveRefused(_(_NOT_OURS)) from None
        yield OpenedArchive(manifest=manifest, dump=dump, media_dir=media_dir if with_media else None)


def _load_schema(opened: OpenedArchive, *, target: str) -> dict[str, int]:
    """Replays the archive's dump as schema ``target`` (in the caller's transaction) and checks
    every table's rows against the manifest; returns the counts."""
    try:
        statements = statements_for_schema(dump_statements(opened.dump), source=opened.schema, target=target)
    except DumpRefused as exc:
        logger.warning("centre archive refused: %s", exc)
        raise ArchiveRefused(_(_NOT_OURS)) from None
    statements_run(statements)
    counts = table_row_counts(target)
    if counts != opened.manifest["row_counts"]:
        differing = sorted(set(counts) ^ set(opened.manifest["row_counts"])
                           | {t for t in counts if counts[t] != opened.manifest["row_counts"].get(t)})
        raise ArchiveRefused(_("Οι γραμμές των πινάκων μετά την επαναφορά δεν είναι όσες αναφέρει το αρχείο "
                               "(%(n)s πίνακας/-ες, π.χ. %(example)s).")
                             % {"n": len(differing), "example": differing[0]})
    return counts


# --- restore ---------------------------------------------------------------------------------

def _file_fields() -> list[tuple[str, str]]:
    """(table, column) of every file field of the centres' models: their paths name the schema."""
    return [
        (model._meta.db_table, field.column) for model in apps.get_models()
        if model._meta.app_config.name in settings.TENANT_APPS and not model._meta.proxy
        and model._meta.managed for field in model._meta.local_fields if isinstance(field, models.FileField)
    ]


def _file_paths_move(*, schema: str, old: str) -> None:
    old_prefix, new_prefix = f"centres/{old}/", f"centres/{schema}/"
    with connection.cursor() as cursor:
        for table, column in _file_fields():
            cursor.execute(
                f"UPDATE {_q(schema)}.{_q(table)} SET {_q(column)} = %s || substr({_q(column)}, %s) "  # noqa: S608
                f"WHERE left({_q(column)}, %s) = %s",
                [new_prefix, len(old_prefix) + 1, len(old_prefix), old_prefix])


def centre_restore(*, archive: Path, slug: str, name: str = "", by_id: str = "") -> Centre:
    """A new centre ``slug`` (schema, domain, staff, records, files) from the archive; see the
    module docstring for why it lands whole or not at all."""
    from .services import centre_domain_name, schema_name_for, slug_errors

    slug = (slug or "").strip()
    errors = slug_errors(slug, check_existing=True)
    if errors:
        raise ValidationError(errors)
    schema = schema_name_for(slug)
    media_target = centre_media_root(schema)
    if media_target.exists():
        raise ValidationError({"slug": [_("Υπάρχει ήδη φάκελος αρχείων για το «%(slug)s»· δεν αντικαθίσταται.")
                                        % {"slug": slug}]})
    with archive_opened(Path(archive)) as opened:
        source = opened.manifest["centre"]
        try:
            with transaction.atomic():
                counts = _load_schema(opened, target=schema)
                region = Region.objects.filter(slug=source.get("region") or "").first()
                municipality = Municipality.objects.filter(slug=source.get("municipality") or "",
                                                           regional_unit__region=region).first() if region else None
                centre = Centre(schema_name=schema, slug=slug, name=(name or source.get("name") or slug).strip()[:200],
                                region=region, municipality=municipality,
                                espa_mis_code=(source.get("espa_mis_code") or "")[:20])
                centre.full_clean(validate_unique=False)
                centre.save()
                Domain.objects.create(domain=centre_domain_name(slug), tenant=centre, is_primary=True)
                _file_paths_move(schema=schema, old=opened.schema)
                with connection.cursor() as cursor:
                    for table in SECRET_TABLES:
                        if table in counts:
                            cursor.execute(f"DELETE FROM {_q(schema)}.{_q(table)}")  # noqa: S608
                migrated = migrations_pending(schema)
                if migrated:
                    call_command("migrate_schemas", tenant=True, schema_name=schema, interactive=False, verbosity=0)
                reference_data_sync(schema=schema)
                _event(centre_id=centre.pk, slug=slug, action="restored", by_id=by_id,
                       source_slug=source.get("slug"), source_centre=source.get("id"), migrated=migrated,
                       rows=sum(counts.values()))
                if opened.media_dir is not None and opened.media_dir.is_dir():
                    shutil.copytree(opened.media_dir, media_target)
                centre_routing_cache_clear()
                transaction.on_commit(centre_routing_cache_clear)
        except BaseException:
            # The folder did not exist before (checked above): whatever is there now is this restore's.
            shutil.rmtree(media_target, ignore_errors=True)
            raise
    logger.info("centre restored", extra={"centre": slug})
    return centre


def centre_restore_queue(*, export: CentreExport, slug: str, by_id: str = "") -> None:
    """Checks ``slug`` now (the operator sees the error at once) and restores ``export`` as it in the
    background (``tenants.centre_restore``; the outcome is a JobRun on /operator/jobs/)."""
    from .services import slug_errors
    from .tasks import centre_restore_task

    slug = (slug or "").strip()
    if export.status != CentreExport.Status.READY or not export_file(export).is_file():
        raise ValidationError({"export": _("Η εξαγωγή δεν είναι έτοιμη ή το αρχείο της λείπει.")})
    errors = slug_errors(slug)
    if errors:
        raise ValidationError(errors)
    centre_restore_task.apply_async(kwargs={"export_id": str(export.pk), "slug": slug, "by_id": by_id})


# --- restore drill ---------------------------------------------------------------------------

class _DrillDone(Exception):
    pass


class RestoreDrillFailed(Exception):
    """The latest export would not come back; the message is counts and names of tables only."""


def centre_restore_drill(*, export: CentreExport) -> dict:
    """Replays ``export``'s archive into a scratch schema, compares every table's rows with the
    manifest and rolls it all back; returns counts. Raises RestoreDrillFailed."""
    path = export_file(export)
    if not path.is_file():
        raise RestoreDrillFailed("the archive file is missing")
    scratch = f"_drill_{uuid.uuid4().hex[:16]}"
    try:
        with archive_opened(path, with_media=False) as opened, transaction.atomic():
            counts = _load_schema(opened, target=scratch)
            raise _DrillDone
    except _DrillDone:
        pass
    except ValidationError as exc:
        raise RestoreDrillFailed(" ".join(exc.messages)) from None
    return {"export": str(export.pk), "exported_at": export.created_at.isoformat(), "tables": len(counts),
            "rows": sum(counts.values())}


def latest_exports() -> dict[str, CentreExport]:
    """The latest ready export of each existing centre, by schema (one query)."""
    latest: dict[str, CentreExport] = {}
    for export in (CentreExport.objects.filter(status=CentreExport.Status.READY, centre__deleted_at__isnull=True,
                                               centre__isnull=False).order_by("centre_schema", "-created_at")):
        latest.setdefault(export.centre_schema, export)
    return latest
