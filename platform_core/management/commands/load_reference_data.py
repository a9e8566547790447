"""Brings every centre's reference data (role groups, …) up to date; safe to run repeatedly."""

from django.core.management.base import BaseCommand

from tenants.migrate import reference_data_sync
from tenants.selectors import centre_list


class Command(BaseCommand):
    help = "Loads the reference data of every centre (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--centre", help="only this centre's slug")

    def handle(self, *args, **options):
        centres = centre_list()
        if options["centre"]:
            centres = centres.filter(slug=options["centre"])
        count = 0
        for centre in centres:
            reference_data_sync(schema=centre.schema_name)
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded in {count} centre(s)."))
