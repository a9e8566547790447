"""Writes the shared directory as one HSDS 3.0 JSON dataset."""

import json

from django.core.management.base import BaseCommand
from django_tenants.utils import get_public_schema_name, schema_context

from partners.hsds import dataset_export


class Command(BaseCommand):
    help = "Writes the directory as HSDS 3.0 JSON (organizations with nested services, taxonomies)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-", help="Output file (default: standard output).")

    def handle(self, *args, file, **options):
        with schema_context(get_public_schema_name()):
            text = json.dumps(dataset_export(), ensure_ascii=False, indent=2)
        if file == "-":
            self.stdout.write(text)
        else:
            with open(file, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stdout.write(self.style.SUCCESS(f"Wrote {file}."))
