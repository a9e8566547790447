"""Restores a centre archive as a new centre under a new slug."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from platform_core.management.base import validation_error_to_command_error
from tenants.archive import centre_restore
from tenants.services import centre_url


class Command(BaseCommand):
    help = ("Restores an archive written by centre_export as a new centre (new schema and domain), "
            "checking its manifest and row counts; the original centre is not touched.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by centre_export")
        parser.add_argument("--slug", required=True, help="the new centre's slug (schema and sub-domain)")
        parser.add_argument("--name", default="", help="the new centre's official name (default: the archive's)")

    def handle(self, *args, **options):
        path = Path(options["archive"])
        if not path.is_file():
            raise CommandError(f"No archive file at {path}.", returncode=2)
        try:
            centre = centre_restore(archive=path, slug=options["slug"], name=options["name"])
        except ValidationError as exc:
            raise validation_error_to_command_error(exc) from None
        self.stdout.write(self.style.SUCCESS(f"Restored as {centre.slug}: {centre_url(centre)}"))
