"""Builds the demo: two Cretan centres with staff of every role, an operator, a region user and
the partner directory of the seed documents. Idempotent: a second run changes nothing."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import get_public_schema_name, schema_context

from notifications.demo import demo_reminders_seed
from partners.models import Partner
from partners.services import partner_upsert
from platform_core.accounts.models import User
from platform_core.accounts.roles import Role
from platform_core.accounts.services import operator_create, staff_create
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

# The organisations the two seed documents name as the centres' partners. No phone numbers or
# e-mails: only what the documents (or the organisation's own public website) say.
DEMO_PARTNERS: tuple[dict, ...] = (
    {
        "name": "Κέντρο Διεπιστημονικής Αξιολόγησης, Συμβουλευτικής και Υποστήριξης Χανίων",
        "short_name": "ΚΕΔΑΣΥ Χανίων", "kind": Partner.Kind.EDUCATION,
        "description": "Πρώην ΚΕΔΔΥ. Αξιολόγηση και υποστήριξη μαθητών με ειδικές εκπαιδευτικές ανάγκες· "
                       "συνεργάζεται με τις ΕΔΕΑΥ των σχολείων.",
    },
    {
        "name": "Κέντρο Ψυχικής Υγείας Ενηλίκων Χανίων", "short_name": "ΚΨΥ Ενηλίκων",
        "kind": Partner.Kind.MENTAL_HEALTH,
        "description": "Διάγνωση, θεραπεία και παρακολούθηση ενηλίκων με ψυχικές διαταραχές.",
    },
    {
        "name": "Κέντρο Ψυχικής Υγείας Παιδιών και Εφήβων Χανίων", "short_name": "ΚΨΥ Παιδιών και Εφήβων",
        "kind": Partner.Kind.MENTAL_HEALTH,
        "description": "Ψυχική υγεία παιδιών και εφήβων και συμβουλευτική γονέων.",
    },
    {
        "name": "Κέντρο Θεραπείας Εξαρτημένων Ατόμων", "short_name": "ΚΕΘΕΑ", "kind": Partner.Kind.ADDICTION,
        "description": "Προγράμματα απεξάρτησης και κοινωνικής επανένταξης.", "website": "https://www.kethea.gr",
    },
    {
        "name": "Το Χαμόγελο του Παιδιού", "short_name": "Χαμόγελο του Παιδιού",
        "kind": Partner.Kind.CHILD_PROTECTION,
        "description": "Προστασία και υποστήριξη παιδιών και των οικογενειών τους.",
        "website": "https://www.hamogelo.gr",
    },
    {
        "name": "Γιατροί του Κόσμου", "short_name": "", "kind": Partner.Kind.HEALTH,
        "description": "Μη κυβερνητική οργάνωση· ιατροφαρμακευτική περίθαλψη για ανασφάλιστους και ευάλωτους.",
        "website": "https://mdmgreece.gr",
    },
    {
        "name": "Κέντρο Υγείας Βάμου", "short_name": "", "kind": Partner.Kind.HEALTH,
        "description": "Πρωτοβάθμια φροντίδα υγείας για τον Δήμο Αποκορώνου.",
    },
    {
        "name": "Βοήθεια στο Σπίτι Δήμου Αποκορώνου", "short_name": "Βοήθεια στο Σπίτι Αποκορώνου",
        "kind": Partner.Kind.HOME_CARE,
        "description": "Κατ' οίκον φροντίδα ηλικιωμένων και ατόμων με αναπηρία στην περιοχή του Αποκόρωνα.",
    },
    {
        "name": "Κοινωνικό Παντοπωλείο και Ενδυματοπωλείο Δήμου Αποκορώνου", "short_name": "",
        "kind": Partner.Kind.SOCIAL_SERVICE,
        "description": "Της Κοινωφελούς Επιχείρησης του Δήμου· δέχεται παραπομπές του Κέντρου Κοινότητας "
                       "με κοινωνικοοικονομικά κριτήρια.",
    },
    {
        "name": "Κοινωνική Υπηρεσία Δήμου Χανίων", "short_name": "", "kind": Partner.Kind.SOCIAL_SERVICE,
        "description": "Κοινωνική υπηρεσία του Δήμου Χανίων.",
    },
    {
        "name": "Κοινωνική Υπηρεσία Δήμου Πλατανιά", "short_name": "", "kind": Partner.Kind.SOCIAL_SERVICE,
        "description": "Την υποστηρίζει το Κέντρο Κοινότητας του Δήμου Πλατανιά.",
    },
    {
        "name": "Κοινωνική Υπηρεσία Περιφέρειας Κρήτης", "short_name": "", "kind": Partner.Kind.SOCIAL_SERVICE,
        "description": "Υπηρεσίες κοινωνικής μέριμνας της Περιφέρειας Κρήτης.",
    },
    {
        "name": "Δημόσια Υπηρεσία Απασχόλησης", "short_name": "ΔΥΠΑ", "kind": Partner.Kind.EMPLOYMENT,
        "description": "Πρώην ΟΑΕΔ. Εγγραφή ανέργων, επιδόματα ανεργίας, προγράμματα απασχόλησης και κατάρτισης.",
        "website": "https://www.dypa.gov.gr",
    },
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
                new_centres, new_staff = self._seed_centres()
                new_public = self._seed_public_accounts()
                partners_before = Partner.objects.count()
                for partner in DEMO_PARTNERS:
                    partner_upsert(**partner, regions=[region])
                new_partners = Partner.objects.count() - partners_before
        except ValidationError as exc:
            raise validation_error_to_command_error(exc) from None
        self.stdout.write(self.style.SUCCESS(
            f"Demo ready: {len(DEMO_CENTRES)} centres ({new_centres} new), staff {new_staff} new, "
            f"public accounts {new_public} new, {len(DEMO_PARTNERS)} partners ({new_partners} new). "
            f"Every demo account's password: {DEMO_PASSWORD}"
        ))

    def _seed_centres(self) -> tuple[int, int]:
        new_centres = new_staff = 0
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
                demo_reminders_seed()
        return new_centres, new_staff

    def _seed_public_accounts(self) -> int:
        created = 0
        if not User.objects.filter(username=OPERATOR_EMAIL).exists():
            operator_create(email=OPERATOR_EMAIL, password=DEMO_PASSWORD, first_name="Σοφία", last_name="Αλεξίου")
            created += 1
        if not User.objects.filter(username=REGION_USER_EMAIL).exists():
            region_user_create(region=DEMO_REGION, email=REGION_USER_EMAIL, password=DEMO_PASSWORD)
            created += 1
        return created
