"""Creates a region account: aggregated indicators of one region, never a person."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from platform_core.management.base import validation_error_to_command_error
from regional.services import region_user_create


class Command(BaseCommand):
    help = "Creates a region user in the public schema."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="region slug, e.g. crete")
        parser.add_argument("--email", required=True)
        parser.add_argument("--password", required=True)

    def handle(self, *args, **options):
        try:
            user = region_user_create(region=options["region"], email=options["email"], password=options["password"])
        except ValidationError as exc:
            raise validation_error_to_command_error(exc) from None
        self.stdout.write(self.style.SUCCESS(f"Created region user {user.username} ({options['region']})."))
