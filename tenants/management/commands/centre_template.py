"""Brings the template schema that new centres are copied from up to date; run after migrate_schemas."""

from django.core.management.base import BaseCommand
from django.db import transaction

from tenants.template import TEMPLATE_SCHEMA, template_sync


class Command(BaseCommand):
    help = (
        "Migrates the template schema new centres are copied from and refreshes its reference data. "
        "Onboarding does this itself when needed; running it after migrate_schemas keeps the next "
        "onboarding fast."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="drop the template and build it again")

    def handle(self, *args, **options):
        with transaction.atomic():
            state = template_sync(rebuild=options["rebuild"])
        if options["rebuild"]:
            done = "rebuilt"
        else:
            done = "already current" if state == "current" else f"was {state}, now current"
        self.stdout.write(self.style.SUCCESS(f"Centre template {TEMPLATE_SCHEMA}: {done}."))
