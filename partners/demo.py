"""The demo directory: the organisations the two seed documents name as the Cretan centres'
partners, each with the service a centre refers people to. No phone numbers or e-mails: only what
the documents (or the organisation's own public website) say; opening hours are illustrative."""

import datetime

from django.utils import timezone

from regional.models import Municipality, Region, RegionalUnit

from .models import Organization, ReferralMethod
from .services import organization_upsert, service_upsert

WEEKDAYS_9_TO_3 = [(day, "09:00", "15:00") for day in ("MO", "TU", "WE", "TH", "FR")]
EMAIL, PHONE, LETTER, PORTAL = ReferralMethod.EMAIL, ReferralMethod.PHONE, ReferralMethod.LETTER, ReferralMethod.PORTAL

DEMO_DIRECTORY: tuple[dict, ...] = (
    {"name": "Κέντρο Διεπιστημονικής Αξιολόγησης, Συμβουλευτικής και Υποστήριξης Χανίων",
     "alternate_name": "ΚΕΔΑΣΥ Χανίων",
     "description": "Πρώην ΚΕΔΔΥ. Αξιολόγηση και υποστήριξη μαθητών με ειδικές εκπαιδευτικές ανάγκες· "
                    "συνεργάζεται με τις ΕΔΕΑΥ των σχολείων.",
     "service": "Αξιολόγηση ειδικών εκπαιδευτικών αναγκών", "categories": ["education", "disability"],
     "methods": [LETTER, EMAIL], "ages": (3, 22), "area": "chania"},
    {"name": "Κέντρο Ψυχικής Υγείας Ενηλίκων Χανίων", "alternate_name": "ΚΨΥ Ενηλίκων",
     "description": "Διάγνωση, θεραπεία και παρακολούθηση ενηλίκων με ψυχικές διαταραχές.",
     "service": "Ψυχιατρική και ψυχολογική υποστήριξη ενηλίκων", "categories": ["mental_health"],
     "methods": [PHONE, LETTER], "ages": (18, None), "area": "chania"},
    {"name": "Κέντρο Ψυχικής Υγείας Παιδιών και Εφήβων Χανίων", "alternate_name": "ΚΨΥ Παιδιών και Εφήβων",
     "description": "Ψυχική υγεία παιδιών και εφήβων και συμβουλευτική γονέων.",
     "service": "Ψυχική υγεία παιδιών, εφήβων και συμβουλευτική γονέων", "categories": ["mental_health",
                                                                                       "child_protection"],
     "methods": [PHONE, LETTER], "ages": (0, 18), "area": "chania"},
    {"name": "Κέντρο Θεραπείας Εξαρτημένων Ατόμων", "alternate_name": "ΚΕΘΕΑ",
     "description": "Προγράμματα απεξάρτησης και κοινωνικής επανένταξης.", "website": "https://www.kethea.gr",
     "service": "Συμβουλευτικός σταθμός απεξάρτησης", "categories": ["addiction"], "methods": [PHONE],
     "area": "chania"},
    {"name": "Το Χαμόγελο του Παιδιού", "alternate_name": "Χαμόγελο του Παιδιού",
     "description": "Προστασία και υποστήριξη παιδιών και των οικογενειών τους.",
     "website": "https://www.hamogelo.gr", "service": "Υποστήριξη παιδιών και οικογενειών",
     "categories": ["child_protection", "food_material_aid"], "methods": [PHONE, EMAIL], "ages": (0, 18),
     "legal_status": "Μη κυβερνητική οργάνωση", "area": "chania"},
    {"name": "Γιατροί του Κόσμου", "description": "Μη κυβερνητική οργάνωση· ιατροφαρμακευτική περίθαλψη για "
                                                  "ανασφάλιστους και ευάλωτους.",
     "website": "https://mdmgreece.gr", "service": "Πολυιατρείο για ανασφάλιστους",
     "categories": ["health", "migrants_refugees"], "methods": [PHONE], "legal_status": "Μη κυβερνητική οργάνωση",
     "area": "chania", "languages": ["el", "en", "ar", "fa"]},
    {"name": "Κέντρο Υγείας Βάμου", "description": "Πρωτοβάθμια φροντίδα υγείας για τον Δήμο Αποκορώνου.",
     "service": "Πρωτοβάθμια φροντίδα υγείας", "categories": ["health"], "methods": [PHONE, LETTER],
     "municipality": "apokoronas"},
    {"name": "Βοήθεια στο Σπίτι Δήμου Αποκορώνου", "alternate_name": "Βοήθεια στο Σπίτι Αποκορώνου",
     "description": "Κατ' οίκον φροντίδα ηλικιωμένων και ατόμων με αναπηρία στην περιοχή του Αποκόρωνα.",
     "service": "Κατ' οίκον φροντίδα", "categories": ["elderly_care", "disability"], "methods": [PHONE, LETTER],
     "municipality": "apokoronas"},
    {"name": "Κοινωνικό Παντοπωλείο και Ενδυματοπωλείο Δήμου Αποκορώνου",
     "description": "Της Κοινωφελούς Επιχείρησης του Δήμου· δέχεται παραπομπές του Κέντρου Κοινότητας "
                    "με κοινωνικοοικονομικά κριτήρια.",
     "service": "Κοινωνικό Παντοπωλείο και Ενδυματοπωλείο", "categories": ["food_material_aid"],
     "methods": [LETTER], "municipality": "apokoronas",
     "eligibility": "Νοικοκυριά που κρίνονται επιλέξιμα με κοινωνικοοικονομικά κριτήρια από το Κέντρο Κοινότητας."},
    {"name": "Κοινωνική Υπηρεσία Δήμου Χανίων", "description": "Κοινωνική υπηρεσία του Δήμου Χανίων.",
     "service": "Κοινωνική υπηρεσία", "categories": ["welfare_benefits"], "methods": [PHONE, LETTER],
     "municipality": "chania-city"},
    {"name": "Κοινωνική Υπηρεσία Δήμου Πλατανιά",
     "description": "Την υποστηρίζει το Κέντρο Κοινότητας του Δήμου Πλατανιά.",
     "service": "Κοινωνική υπηρεσία", "categories": ["welfare_benefits"], "methods": [PHONE, LETTER],
     "municipality": "platanias"},
    {"name": "Κοινωνική Υπηρεσία Περιφέρειας Κρήτης", "description": "Υπηρεσίες κοινωνικής μέριμνας της "
                                                                   "Περιφέρειας Κρήτης.",
     "service": "Κοινωνική μέριμνα", "categories": ["welfare_benefits", "disability"], "methods": [LETTER],
     "area": "chania"},
    {"name": "Δημόσια Υπηρεσία Απασχόλησης", "alternate_name": "ΔΥΠΑ",
     "description": "Πρώην ΟΑΕΔ. Εγγραφή ανέργων, επιδόματα ανεργίας, προγράμματα απασχόλησης και κατάρτισης.",
     "website": "https://www.dypa.gov.gr", "service": "Εγγραφή ανέργων και προγράμματα απασχόλησης",
     "categories": ["employment"], "methods": [PORTAL, PHONE], "area": "chania"},
)


def directory_demo_seed(*, region: Region) -> int:
    """Builds (or completes) the demo directory; returns the organisations created."""
    before = Organization.objects.count()
    assured = timezone.localdate() - datetime.timedelta(days=30)
    for entry in DEMO_DIRECTORY:
        organization = organization_upsert(
            name=entry["name"], alternate_name=entry.get("alternate_name", ""), description=entry["description"],
            website=entry.get("website", ""), legal_status=entry.get("legal_status", ""), regions=[region],
            assured_date=None if Organization.objects.filter(name=entry["name"]).exists() else assured)
        if "municipality" in entry:
            areas = list(Municipality.objects.filter(slug=entry["municipality"]))
        else:
            areas = list(RegionalUnit.objects.filter(slug=entry.get("area", "")))
        minimum_age, maximum_age = entry.get("ages", (None, None))
        service_upsert(
            organization=organization, name=entry["service"], description=entry["description"],
            categories=entry["categories"], referral_methods=entry["methods"], areas=areas,
            minimum_age=minimum_age, maximum_age=maximum_age, languages=entry.get("languages", ["el"]),
            eligibility_description=entry.get("eligibility", ""), hours=WEEKDAYS_9_TO_3,
            url=entry.get("website", ""), assured_date=None if organization.services.exists() else assured)
    return Organization.objects.count() - before
