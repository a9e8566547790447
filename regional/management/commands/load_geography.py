"""Loads or updates municipalities from a CSV (region,regional_unit,name,slug): all rows or none."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from platform_core.management.base import validation_error_to_command_error
from regional.geography import municipalities_load


class Command(BaseCommand):
    help = "Loads or updates municipalities from a CSV file (columns region,regional_unit,name,slug)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="e.g. regional/data/municipalities.csv")

    def handle(self, *args, **options):
        try:
            with open(options["file"], encoding="utf-8-sig", newline="") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc.__class__.__name__}.", returncode=2) from None
        try:
            counts = municipalities_load(text=text)
        except ValidationError as exc:
            raise validation_error_to_command_error(exc) from None
        self.stdout.write(self.style.SUCCESS(
            f"Municipalities: {counts['created']} created, {counts['updated']} updated."))
