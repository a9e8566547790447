"""Writes one centre's archive (schema dump, media files, manifest) into a folder."""

import shutil
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from platform_core.management.base import validation_error_to_command_error
from tenants.archive import centre_export_now, export_file
from tenants.pgdump import DumpError
from tenants.selectors import centre_list


class Command(BaseCommand):
    help = "Exports one centre as a .tar.gz archive: its schema (pg_dump), its media files and a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="the centre's slug, e.g. apokoronas")
        parser.add_argument("--out", required=True, help="folder the archive is written to (created if missing)")

    def handle(self, *args, **options):
        centre = centre_list().filter(slug=options["slug"]).first()
        if centre is None:
            raise CommandError(f"No centre with the slug {options['slug']!r}.", returncode=2)
        out = Path(options["out"])
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} exists and is not a folder.", returncode=2)
        try:
            export = centre_export_now(centre=centre)
        except ValidationError as exc:
            raise validation_error_to_command_error(exc) from None
        except DumpError as exc:
            raise CommandError(str(exc), returncode=1) from None
        out.mkdir(parents=True, exist_ok=True)
        target = out / export.file_name()
        shutil.copyfile(export_file(export), target)
        summary = export.summary
        self.stdout.write(self.style.SUCCESS(
            f"Exported {centre.slug}: {target} ({export.size_bytes} bytes, {summary['tables']} tables, "
            f"{summary['rows']} rows, {summary['files']} files, sha256 {export.sha256})"))
