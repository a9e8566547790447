"""Onboards a centre in one step: schema, domain, reference data and first coordinator."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from platform_core.management.base import validation_error_to_command_error
from tenants.services import centre_create


class Command(BaseCommand):
    help = "Creates a Community Centre: schema, domain <slug>.<PLATFORM_DOMAIN>, reference data, coordinator."

    def add_arguments(self, parser):
        parser.add_argument("--slug", required=True, help="e.g. apokoronas (schema and sub-domain)")
        parser.add_argument("--name", required=True, help="official name, e.g. «Κέντρο Κοινότητας Δήμου Αποκορώνου»")
        parser.add_argument("--municipality", required=True, help="municipality slug or name, e.g. apokoronas")
        parser.add_argument("--region", required=True, help="region slug, e.g. crete")
        parser.add_argument("--espa-mis-code", default="", help="ESPA operation code (MIS), optional")
        parser.add_argument("--admin-email", help="first coordinator's e-mail, also the username")
        parser.add_argument("--admin-password", help="first coordinator's password")

    def handle(self, *args, **options):
        try:
            onboarded = centre_create(
                slug=options["slug"], name=options["name"], municipality=options["municipality"],
                region=options["region"], espa_mis_code=options["espa_mis_code"],
                admin_email=options["admin_email"], admin_password=options["admin_password"],
            )
        except ValidationError as exc:
            raise validation_error_to_command_error(exc) from None
        self.stdout.write(self.style.SUCCESS(f"Created centre {onboarded.centre.slug}: {onboarded.url}"))
        if onboarded.admin_username:
            self.stdout.write(f"Coordinator login: {onboarded.admin_username}")
