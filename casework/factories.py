"""factory-boy factories for casework, with believable synthetic Greek data (Faker el_GR).
Use inside a centre's schema (``in_centre_a`` fixture or ``schema_context``)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from casework import models
from casework.identifiers import id_hash, search_form
from casework.identifiers import synthetic_afm as valid_afm
from casework.identifiers import synthetic_amka as valid_amka


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = models.Person

    first_name = factory.Faker("first_name", locale="el_GR")
    last_name = factory.Faker("last_name", locale="el_GR")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=85)
    gender = factory.Iterator([models.Gender.FEMALE, models.Gender.MALE])
    amka = factory.LazyAttribute(lambda person: valid_amka(person.birth_date))
    afm = factory.LazyFunction(valid_afm)
    phone = factory.Sequence(lambda n: f"69{n:08d}")
    citizenship = models.Citizenship.GREEK
    employment_status = models.EmploymentStatus.UNEMPLOYED
    education = models.Education.ISCED_3_4
    housing = models.Housing.RENTED
    amka_hash = factory.LazyAttribute(lambda person: id_hash("amka", person.amka))
    afm_hash = factory.LazyAttribute(lambda person: id_hash("afm", person.afm))
    search_last_name = factory.LazyAttribute(lambda person: search_form(person.last_name))
    search_first_name = factory.LazyAttribute(lambda person: search_form(person.first_name))


class HouseholdFactory(DjangoModelFactory):
    class Meta:
        model = models.Household

    class Params:
        surname = factory.Faker("last_name", locale="el_GR")

    name = factory.LazyAttribute(lambda household: f"Οικογένεια {household.surname}")
    settlement = factory.Faker("city", locale="el_GR")
    street = factory.Faker("street_address", locale="el_GR")


class HouseholdMemberFactory(DjangoModelFactory):
    class Meta:
        model = models.HouseholdMember

    household = factory.SubFactory(HouseholdFactory)
    person = factory.SubFactory(PersonFactory)
    relation = models.HouseholdMember.Relation.HEAD


class CaseFactory(DjangoModelFactory):
    """Needs ``assigned_worker`` (a staff user of the same centre)."""

    class Meta:
        model = models.Case

    number = factory.Sequence(lambda n: f"T{n:06d}")
    person = factory.SubFactory(PersonFactory)
    intake_date = factory.LazyFunction(timezone.localdate)
    needs = factory.LazyFunction(lambda: [models.Need.SOCIOECONOMIC])


class ContactNoteFactory(DjangoModelFactory):
    """Needs ``author``."""

    class Meta:
        model = models.ContactNote

    person = factory.SubFactory(PersonFactory)
    kind = models.ContactNote.Kind.COUNSELLING
    occurred_at = factory.LazyFunction(timezone.now)
    text = factory.Faker("paragraph", locale="el_GR")


class ReceptionContactFactory(DjangoModelFactory):
    """Needs ``staff``."""

    class Meta:
        model = models.ReceptionContact

    person = factory.SubFactory(PersonFactory)
    contacted_at = factory.LazyFunction(timezone.now)
    topic = models.Topic.BENEFITS
    outcome = models.ReceptionContact.Outcome.INFORMED


# The smallest valid files of two accepted document types (a 1×1 grey PNG, a one-page PDF).
TINY_PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00\x00\x00:~\x9bU"
            b"\x00\x00\x00\nIDATx\x9cc`\x00\x00\x00\x02\x00\x01H\xaf\xa4q\x00\x00\x00\x00IEND\xaeB`\x82")
TINY_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


class DocumentFactory(DjangoModelFactory):
    """Needs ``uploaded_by``; writes a tiny PNG under MEDIA_ROOT (set it to a temporary folder in tests)."""

    class Meta:
        model = models.Document

    person = factory.SubFactory(PersonFactory)
    kind = models.Document.Kind.IDENTITY
    title = "Δελτίο ταυτότητας"
    file = factory.django.FileField(data=TINY_PNG, filename="scan.png")
    original_name = "scan.png"
    content_type = "image/png"
    size = len(TINY_PNG)


def person_fields(**overrides) -> dict:
    """Keyword arguments for ``casework.services.people.person_create``: a built (unsaved)
    person's own fields, without the derived ones."""
    from casework.services.people import PERSON_FIELDS

    person = PersonFactory.build(**overrides)
    return {name: getattr(person, name) for name in sorted(PERSON_FIELDS)}


# --- Cases, pathway plans and notes ----------------------------------------------------------

class CaseEventFactory(DjangoModelFactory):
    """Needs ``case`` and ``by``."""

    class Meta:
        model = models.CaseEvent

    kind = models.CaseEvent.Kind.OPENED
    to_status = models.Case.Status.OPEN


class PathwayPlanFactory(DjangoModelFactory):
    """Needs ``case`` (a ``CaseFactory`` needs its ``assigned_worker``)."""

    class Meta:
        model = models.PathwayPlan

    summary = "Στήριξη για ένταξη στην αγορά εργασίας και αίτηση ΕΕΕ."
    agreed_on = factory.LazyFunction(timezone.localdate)


class PathwayGoalFactory(DjangoModelFactory):
    """Needs ``plan``."""

    class Meta:
        model = models.PathwayGoal

    title = factory.Iterator(["Εγγραφή στη ΔΥΠΑ", "Αίτηση Ελάχιστου Εγγυημένου Εισοδήματος",
                              "Συμμετοχή σε πρόγραμμα κατάρτισης"])
    area = models.Need.EMPLOYMENT


class PathwayStepFactory(DjangoModelFactory):
    """Needs ``goal`` and ``owner``."""

    class Meta:
        model = models.PathwayStep

    title = factory.Iterator(["Συγκέντρωση δικαιολογητικών", "Ραντεβού στη ΔΥΠΑ", "Υποβολή αίτησης"])
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


# --- assessments, benefits and aid ---------------------------------------------------------


class AidThresholdFactory(DjangoModelFactory):
    class Meta:
        model = models.AidThreshold

    scheme = models.AidScheme.GROCERY
    effective_from = datetime.date(2020, 1, 1)
    household_size = 1
    max_monthly_income = factory.LazyAttribute(lambda row: 250 + 250 * row.household_size)
    validity_months = 6


class AssessmentFactory(DjangoModelFactory):
    """Needs ``assessed_by``. Stores no computed outcome: use ``assessment_record`` for that."""

    class Meta:
        model = models.Assessment

    person = factory.SubFactory(PersonFactory)
    assessed_on = factory.LazyFunction(timezone.localdate)
    adults = 1


class BenefitApplicationFactory(DjangoModelFactory):
    """Needs ``handled_by``."""

    class Meta:
        model = models.BenefitApplication

    person = factory.SubFactory(PersonFactory)
    kind = models.BenefitApplication.Kind.KEA


class AidRoundFactory(DjangoModelFactory):
    class Meta:
        model = models.AidRound

    kind = models.AidRound.Kind.TEBA
    title = factory.Sequence(lambda n: f"Διανομή ΤΕΒΑ {n}")
    distributed_on = factory.LazyFunction(timezone.localdate)
    items = "Τρόφιμα, είδη προσωπικής υγιεινής"


class AidEligibilityFactory(DjangoModelFactory):
    """Needs ``decided_by``."""

    class Meta:
        model = models.AidEligibility

    household = factory.SubFactory(HouseholdFactory)
    scheme = models.AidScheme.GROCERY
    eligible = True
    decided_on = factory.LazyFunction(timezone.localdate)
    valid_until = factory.LazyAttribute(lambda decision: decision.decided_on + datetime.timedelta(days=180))
