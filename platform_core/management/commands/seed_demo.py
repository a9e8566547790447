"""Builds the demo: two Cretan centres with staff of every role, an operator, a region user and
the partner directory of the seed documents. Idempotent: a second run changes nothing."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import get_public_schema_name, schema_context

from partners.demo import DEMO_DIRECTORY, directory_demo_seed
from platform_core.accounts.models import User
from platform_core.accounts.roles import Role
from platform_core.accounts.services import operator_create, staff_create
from platform_core.demo import demo_data_seed
from platform_core.management.base import validation_error_to_command_error
from regional.models import Region
from regional.services import region_user_create
from tenants.models import Centre
from tenants.services import centre_create

# One password for every demo account, printed by `./dev run`; demo data only, never production.
DEMO_PASSWORD = "Koinotita-demo-2026"
DEMO_REGION = "crete"
OPERATOR_EMAIL = "operator@koinotita.demo"
REGION_USER_EMAIL = "perifereia@crete.demo"

# The mailbox of each role at a demo centre: <mailbox>@<slug>.demo.
ROLE_MAILBOXES = {
    Role.COORDINATOR: "syntonistis",
    Role.SOCIAL_WORKER: "koinonikos.leitourgos",
    Role.PSYCHOLOGIST: "psychologos",
    Role.RECEPTION: "ypodochi",
    Role.AUDITOR: "elegktis",
}


@dataclass(frozen=True)
class DemoCentre:
    slug: str
    name: str
    municipality: str
    espa_mis_code: str
    # (first name, last name) of the person holding each role; synthetic.
    staff: dict[Role, tuple[str, str]]

    def staff_email(self, role: Role) -> str:
        return f"{ROLE_MAILBOXES[role]}@{self.slug}.demo"


DEMO_CENTRES = (
    DemoCentre(
        slug="apokoronas", name="Κέντρο Κοινότητας Δήμου Αποκορώνου", municipality="apokoronas", espa_mis_code="",
        staff={
            Role.COORDINATOR: ("Ελένη", "Μαρκάκη"),
            Role.SOCIAL_WORKER: ("Γιώργος", "Παπαδάκης"),
            Role.PSYCHOLOGIST: ("Μαρία", "Τζανάκη"),
            Role.RECEPTION: ("Νίκος", "Βλαχάκης"),
            Role.AUDITOR: ("Κατερίνα", "Σπανουδάκη"),
        },
    ),
    DemoCentre(
        slug="platanias", name="Κέντρο Κοινότητας Δήμου Πλατανιά", municipality="platanias", espa_mis_code="5001426",
        staff={
            Role.COORDINATOR: ("Δήμητρα", "Καλαϊτζάκη"),
            Role.SOCIAL_WORKER: ("Μανώλης", "Σταυρουλάκης"),
            Role.PSYCHOLOGIST: ("Ειρήνη", "Φραγκιαδάκη"),
            Role.RECEPTION: ("Κώστας", "Λιονάκης"),
            Role.AUDITOR: ("Αντωνία", "Χαιρετάκη"),
        },
    ),
)

def demo_logins() -> list[tuple[str, str, str]]:
    """(where, role, username) of every demo account; they all share DEMO_PASSWORD."""
    logins = [(centre.slug, str(role.label), centre.staff_email(role))
              for centre in DEMO_CENTRES for role in centre.staff]
    logins.append(("operator", "διαχειριστής πλατφόρμας", OPERATOR_EMAIL))
    logins.append(("region", f"χρήστης περιφέρειας ({DEMO_REGION})", REGION_USER_EMAIL))
    return logins


class Command(BaseCommand):
    help = "Creates (or completes) the demo centres, staff, operator, region user and partner directory."

    def handle(self, *args, **options):
        try:
            with schema_context(get_public_schema_name()):
                region = Region.objects.filter(slug=DEMO_REGION).first()
                if region is None:
                    raise CommandError(f"Region {DEMO_REGION!r} is missing: run `manage.py migrate_schemas --shared`.")
                # The directory first: the centres' demo referrals go to its services.
                new_partners = directory_demo_seed(region=region)
                new_centres, new_staff, new_records = self._seed_centres()
                new_public = self._seed_public_accounts()
        except ValidationError as exc:
            raise validation_error_to_command_error(exc) from None
        self.stdout.write(self.style.SUCCESS(
            f"Demo ready: {len(DEMO_CENTRES)} centres ({new_centres} new), staff {new_staff} new, "
            f"{new_records} new demo records (people, cases, …), "
            f"public accounts {new_public} new, {len(DEMO_DIRECTORY)} partners ({new_partners} new). "
            f"Every demo account's password: {DEMO_PASSWORD}"
        ))

    def _seed_centres(self) -> tuple[int, int, int]:
        new_centres = new_staff = new_records = 0
        for demo in DEMO_CENTRES:
            centre = Centre.objects.filter(slug=demo.slug).first()
            if centre is None:
                centre = centre_create(slug=demo.slug, name=demo.name, municipality=demo.municipality,
                                       region=DEMO_REGION, espa_mis_code=demo.espa_mis_code).centre
                new_centres += 1
            with schema_context(centre.schema_name):
                for role, (first_name, last_name) in demo.staff.items():
                    email = demo.staff_email(role)
                    if not User.objects.filter(username=email).exists():
                        staff_create(email=email, password=DEMO_PASSWORD, role=role,
                                     first_name=first_name, last_name=last_name)
                        new_staff += 1
                staff = {role: User.objects.get(username=demo.staff_email(role)) for role in demo.staff}
                new_records += demo_data_seed(centre=centre, staff=staff)
        return new_centres, new_staff, new_records

    def _seed_public_accounts(self) -> int:
        created = 0
        if not User.objects.filter(username=OPERATOR_EMAIL).exists():
            operator_create(email=OPERATOR_EMAIL, password=DEMO_PASSWORD, first_name="Σοφία", last_name="Αλεξίου")
            created += 1
        if not User.objects.filter(username=REGION_USER_EMAIL).exists():
            region_user_create(region=DEMO_REGION, email=REGION_USER_EMAIL, password=DEMO_PASSWORD)
            created += 1
        return created
