"""Imports an HSDS 3.0 JSON dataset into the shared directory: create or update by id, all or nothing."""

import json

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import get_public_schema_name, schema_context

from partners.hsds import dataset_import


class Command(BaseCommand):
    help = "Imports an HSDS 3.0 JSON file (organizations with nested services); nothing is kept if any record fails."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check every record, change nothing.")

    def handle(self, *args, file, dry_run, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, json.JSONDecodeError) as exc:
            raise CommandError(f"{file}: not a readable JSON file ({exc})") from None
        with schema_context(get_public_schema_name()):
            result = dataset_import(data, dry_run=dry_run)
        if result.errors:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(result.errors)} record(s) with errors: nothing was imported.")
        verb = "would be" if dry_run else "were"
        self.stdout.write(self.style.SUCCESS(
            f"{result.created} record(s) {verb} created and {result.updated} updated."))
