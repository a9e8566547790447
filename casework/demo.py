"""Demo casework of a demo centre: synthetic families of the municipality with contacts, cases,
pathway plans, notes, assessments, a ΚΕΑ/ΕΕΕ application and a Social Grocery round, all made
through the services. Names, addresses and numbers are invented (ΑΜΚΑ/ΑΦΜ only pass checksums)."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from casework.identifiers import synthetic_afm, synthetic_amka
from casework.models import AidRound, AidScheme, AidThreshold, HouseholdMember, Person, Site
from casework.services import aid, assessments, cases, people
from casework.services.sites import site_update
from platform_core.accounts.roles import Role
from platform_core.demo import demo_seeder

SETTLEMENTS = {
    "apokoronas": ["Βρύσες", "Βάμος", "Κεφαλάς", "Γεωργιούπολη", "Καλύβες", "Αρμένοι", "Στύλος"],
    "platanias": ["Γεράνι", "Κολυμβάρι", "Αλικιανός", "Βουκολιές", "Μάλεμε", "Πλατανιάς", "Ταυρωνίτης"],
}
STREETS = ["Ελευθερίου Βενιζέλου", "25ης Μαρτίου", "Κουντουριώτη", "Δασκαλογιάννη", "Αγίου Νικολάου",
           "Μάχης Κρήτης", "Ηρώων Πολυτεχνείου"]


@dataclass(frozen=True)
class DemoMember:
    first_name: str
    relation: str
    gender: str
    age: int
    employment: str = "unemployed"
    education: str = "isced_3_4"


# (surname stem for the head's gender, members); surnames are declined by gender below.
FAMILIES: list[tuple[str, str, list[DemoMember]]] = [
    ("Παπαδάκης", "Παπαδάκη", [DemoMember("Μιχάλης", "head", "male", 46),
                               DemoMember("Σταυρούλα", "spouse", "female", 41, "inactive"),
                               DemoMember("Γιάννης", "child", "male", 14, "inactive_education", "isced_1_2"),
                               DemoMember("Ελένη", "child", "female", 9, "inactive_education", "isced_0")]),
    ("Τσιριγωτάκης", "Τσιριγωτάκη", [DemoMember("Αθηνά", "head", "female", 34, "unemployed"),
                                     DemoMember("Νίκος", "child", "male", 7, "inactive_education", "isced_0")]),
    ("Βενετάκης", "Βενετάκη", [DemoMember("Εμμανουήλ", "head", "male", 78, "retired", "isced_1_2")]),
    ("Ahmadi", "Ahmadi", [DemoMember("Farid", "head", "male", 38, "unemployed", "isced_1_2"),
                          DemoMember("Leyla", "spouse", "female", 33, "inactive", "isced_1_2"),
                          DemoMember("Omid", "child", "male", 11, "inactive_education", "isced_1_2")]),
    ("Σαριδάκης", "Σαριδάκη", [DemoMember("Ευαγγελία", "head", "female", 52, "employed", "isced_3_4"),
                               DemoMember("Κωνσταντίνος", "child", "male", 23, "unemployed", "isced_5_8")]),
    ("Μαυρογιάννης", "Μαυρογιάννη", [DemoMember("Δημήτρης", "head", "male", 61, "unemployed", "isced_1_2")]),
    ("Χατζηδάκης", "Χατζηδάκη", [DemoMember("Φωτεινή", "head", "female", 29, "unemployed", "isced_5_8"),
                                 DemoMember("Μαρία", "child", "female", 3, "inactive", "isced_0")]),
    ("Κουκουράκης", "Κουκουράκη", [DemoMember("Αντώνης", "head", "male", 44, "self_employed", "isced_3_4"),
                                   DemoMember("Ζαχαρένια", "spouse", "female", 42, "unemployed"),
                                   DemoMember("Μανώλης", "child", "male", 17, "inactive_education"),
                                   DemoMember("Ειρήνη", "child", "female", 15, "inactive_education", "isced_1_2"),
                                   DemoMember("Γεωργία", "child", "female", 12, "inactive_education",
                                              "isced_1_2")]),
]


def _birth_date(age: int, rng: random.Random) -> datetime.date:
    today = timezone.localdate()
    return datetime.date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))


@demo_seeder
def centre_setup_demo(*, centre, staff) -> int:
    """A demo centre is one in use: its main office has an address and its coordinator has confirmed
    the Social Grocery and Clothing thresholds (the defaults, from this January), so its set-up
    checklist is done. Once per centre."""
    coordinator, done = staff[Role.COORDINATOR], 0
    for site in Site.objects.filter(is_active=True, address=""):
        site_update(site=site, by=coordinator, address=f"Πλατεία Δημαρχείου 1, {centre.name}"[:200])
        done += 1
    confirmed_from, default_from = datetime.date(timezone.localdate().year, 1, 1), assessments.DEFAULT_THRESHOLDS_FROM
    for scheme in AidScheme.values:
        if AidThreshold.objects.filter(scheme=scheme).exclude(effective_from=default_from).exists():
            continue
        defaults = AidThreshold.objects.filter(scheme=scheme, effective_from=default_from)
        if defaults:
            assessments.aid_threshold_set(
                scheme=scheme, effective_from=confirmed_from, by=coordinator,
                validity_months=defaults[0].validity_months,
                limits={row.household_size: row.max_monthly_income for row in defaults})
            done += 1
    return done


@demo_seeder
def casework_demo(*, centre, staff) -> int:
    """Builds the families once; a centre that already has people is left as it is."""
    if Person.objects.exists():
        return 0
    rng = random.Random(centre.slug)  # noqa: S311 -- synthetic data, the same demo on every machine
    settlements = SETTLEMENTS.get(centre.municipality.slug, ["Κέντρο"])
    worker, psychologist = staff[Role.SOCIAL_WORKER], staff[Role.PSYCHOLOGIST]
    reception, coordinator = staff[Role.RECEPTION], staff[Role.COORDINATOR]
    today, now = timezone.localdate(), timezone.now()
    created = 0
    heads: list[Person] = []
    for index, (male_surname, female_surname, members) in enumerate(FAMILIES):
        settlement = settlements[index % len(settlements)]
        street = f"{STREETS[index % len(STREETS)]} {rng.randint(1, 60)}"
        household = None
        for member in members:
            birth = _birth_date(member.age, rng)
            foreign = male_surname == "Ahmadi"
            person = people.person_create(
                by=reception, confirm_duplicate=True, first_name=member.first_name,
                last_name=male_surname if member.gender == "male" else female_surname,
                birth_date=birth, gender=member.gender,
                amka="" if foreign else synthetic_amka(birth, rng=rng),
                afm=synthetic_afm(rng=rng) if member.age >= 18 and not foreign else "",
                phone=f"69{rng.randrange(10**8):08d}" if member.age >= 18 else "",
                municipality=centre.municipality, settlement=settlement, street=street,
                citizenship="third_country" if foreign else "greek",
                country_of_birth="Αφγανιστάν" if foreign else "Ελλάδα",
                foreign_background="yes" if foreign else "no", minority="none", disability="no",
                employment_status=member.employment, education=member.education,
                housing="rented" if index % 3 else "owned", rural_area="yes",
                languages=["fa", "en"] if foreign else ["el"],
            )
            created += 1
            if household is None:
                household = people.household_create(by=reception, head=person, municipality=centre.municipality,
                                                     settlement=settlement, street=street)
                heads.append(person)
                created += 1
            else:
                people.household_add_member(household=household, person=person, relation=member.relation,
                                            is_dependant=member.age < 18)
    created += _demo_casework(heads, worker=worker, psychologist=psychologist, reception=reception,
                              coordinator=coordinator, today=today, now=now, rng=rng)
    return created


def _demo_casework(heads, *, worker, psychologist, reception, coordinator, today, now, rng) -> int:
    created = 0
    topics = ["benefits", "unemployment", "foreigners", "pensions", "social", "benefits", "unemployment", "social"]
    for index, head in enumerate(heads):
        cases.contact_log(by=reception, person=head, topic=topics[index % len(topics)],
                          contacted_at=now - datetime.timedelta(days=3 * index + 1, hours=rng.randint(0, 5)),
                          channel="in_person" if index % 2 else "phone", outcome="informed",
                          summary="Ενημέρωση για τις διαθέσιμες παροχές και τα απαιτούμενα δικαιολογητικά.")
        created += 1
    cases.contact_log(by=reception, visitor_name="Επισκέπτης χωρίς καταχώριση", topic="pensions",
                      contacted_at=now - datetime.timedelta(days=2), channel="phone", outcome="informed",
                      summary="Ερώτηση για την προθεσμία αίτησης σύνταξης χηρείας.")
    created += 1

    for index, head in enumerate(heads[:5]):
        case = cases.case_open(person=head, by=coordinator, assigned_worker=worker if index != 3 else psychologist,
                               needs=["socioeconomic", "employment"] if index % 2 == 0 else ["socioeconomic", "family"],
                               intake_date=today - datetime.timedelta(days=40 - 5 * index),
                               summary="Αίτημα οικονομικής στήριξης και ένταξης στην αγορά εργασίας.",
                               household=head.household)
        cases.plan_create_or_update(case=case, by=worker, summary="Σταδιακή ένταξη στην εργασία και στήριξη "
                                    "του νοικοκυριού με τις διαθέσιμες παροχές.",
                                    agreed_on=case.intake_date + datetime.timedelta(days=7))
        goal = cases.goal_add(case=case, by=worker, title="Εγγραφή και ενεργή αναζήτηση εργασίας", area="employment")
        cases.step_add(goal=goal, by=worker, title="Εγγραφή στο μητρώο ανέργων της ΔΥΠΑ", owner=worker,
                       due_date=today - datetime.timedelta(days=2 + index))  # overdue: shows on the dashboard
        cases.step_add(goal=goal, by=worker, title="Σύνταξη βιογραφικού σημειώματος", owner=worker,
                       due_date=today + datetime.timedelta(days=5 + index))
        cases.note_add(person=head, by=worker, kind="counselling", case=case, duration_minutes=45,
                       occurred_at=now - datetime.timedelta(days=10 - index),
                       text="Πρώτη συνεδρία: καταγραφή αναγκών, ενημέρωση για ΕΕΕ και Κοινωνικό Παντοπωλείο.")
        created += 5
        if index == 3:
            cases.note_add(person=head, by=psychologist, kind="counselling", case=case, sensitive=True,
                           duration_minutes=50, occurred_at=now - datetime.timedelta(days=4),
                           text="Ψυχολογική υποστήριξη: άγχος λόγω ανεργίας· συμφωνήθηκαν εβδομαδιαίες συνεδρίες.")
            created += 1
    closed = cases.case_open(person=heads[5], by=coordinator, assigned_worker=worker, needs=["socioeconomic"],
                             intake_date=today - datetime.timedelta(days=90), summary="Στήριξη για αίτηση ΚΕΑ.")
    cases.case_close(case=closed, by=worker, reason="goals_met", note="Εγκρίθηκε το ΕΕΕ· ο στόχος επετεύχθη.")
    created += 1

    grocery = aid.aidround_create(kind=AidRound.Kind.GROCERY, title="Διανομή Κοινωνικού Παντοπωλείου",
                                  distributed_on=today, by=worker, items="Τρόφιμα και είδη ατομικής υγιεινής")
    created += 1
    for index, head in enumerate(heads[:6]):
        household_size = HouseholdMember.objects.filter(household=head.household)
        adults = sum(1 for member in household_size.select_related("person")
                     if (today - member.person.birth_date).days >= 18 * 365)
        assessment = assessments.assessment_record(
            person=head, by=worker, assessed_on=today - datetime.timedelta(days=20 - index),
            adults=max(adults, 1), minors=household_size.count() - max(adults, 1),
            single_parent=head.last_name in ("Τσιριγωτάκη", "Χατζηδάκη"), housing=head.housing,
            incomes=[("wages", Decimal(rng.choice([0, 150, 320, 480, 900])))], monthly_rent=Decimal("250"))
        created += 1
        if index < 4:
            application = aid.benefit_create(person=head, by=worker, assessment=assessment)
            aid.benefit_submit(application=application, by=worker, submitted_on=today - datetime.timedelta(days=15))
            created += 1
        decision = aid.aid_eligibility_decide(household=head.household, scheme=AidScheme.GROCERY,
                                              by=worker, assessment=assessment)
        created += 1
        if decision.eligible:
            aid.aid_receipt_record(round=grocery, household=head.household, by=reception,
                                   received_by=head, signed=True, items="1 δέμα τροφίμων")
            created += 1
    return created


@demo_seeder
def referrals_demo(*, centre, staff) -> int:
    """Consents and referrals in every state, a partner's referral in, and (from the second demo
    centre) a referral to the first one; once per centre."""
    from casework.models import Referral
    from casework.services import referrals
    from partners.models import Service
    from tenants.models import Centre

    services = {service.organization.alternate_name or service.organization.name: service
                for service in Service.objects.select_related("organization")}
    people_ = list(Person.objects.filter(membership__relation="head").order_by("created_at")[:5])
    if Referral.objects.exists() or len(people_) < 4 or not services:
        return 0
    worker, coordinator = staff[Role.SOCIAL_WORKER], staff[Role.COORDINATOR]
    today = timezone.localdate()
    plan = [  # (person, service, categories, final state)
        (people_[0], "ΔΥΠΑ", ["identity", "assessment"], "completed"),
        (people_[1], "ΚΨΥ Ενηλίκων", ["identity", "case_summary", "mental_health"], "accepted"),
        (people_[2], "Γιατροί του Κόσμου", ["identity", "health"], "sent"),
        (people_[3], "ΚΕΔΑΣΥ Χανίων", ["identity", "household"], "declined"),
        (people_[0], "Βοήθεια στο Σπίτι Αποκορώνου", ["identity"], "draft"),
    ]
    created = 0
    for person, name, categories, state in plan:
        service = services.get(name)
        if service is None:
            continue
        referrals.consent_record(person=person, by=worker, organization=service.organization, categories=categories,
                                 purpose="Παραπομπή για υποστήριξη", given_on=today - datetime.timedelta(days=20),
                                 expires_on=today + datetime.timedelta(days=345))
        referral = referrals.referral_create(person=person, by=worker, service=service, categories=categories,
                                             reason="Χρειάζεται υποστήριξη που παρέχει ο φορέας.",
                                             due_on=today + datetime.timedelta(days=10))
        created += 2
        if state == "draft":
            continue
        referrals.referral_send(referral=referral, by=worker)
        if state == "accepted" or state == "completed":
            referrals.referral_accept(referral=referral, by=worker)
        if state == "completed":
            referrals.referral_complete(referral=referral, by=worker, outcome="successful",
                                        note="Εγγράφηκε στο μητρώο ανέργων.")
        if state == "declined":
            referrals.referral_decline(referral=referral, by=worker, reason="Δεν ανήκει στην περιοχή ευθύνης.")
    school = "Δημοτικό Σχολείο " + (people_[0].settlement or "της περιοχής")
    referrals.incoming_referral_record(by=staff[Role.RECEPTION], source_name=school, referrer_name="Διευθυντής",
                                       reason="Οικογένεια με ανάγκη στήριξης, σύσταση του σχολείου.",
                                       person=people_[4] if len(people_) > 4 else None)
    created += 1
    first = Centre.objects.exclude(pk=centre.pk).filter(slug="apokoronas").first()
    if first is not None:
        person = people_[1]
        referrals.consent_record(person=person, by=coordinator, centre=first, categories=["identity", "household"],
                                 purpose="Μετακόμιση στον Δήμο Αποκορώνου", given_on=today)
        referral = referrals.referral_create(person=person, by=coordinator, centre=first,
                                             categories=["identity", "household"], reason="Μετακομίζει στον Αποκόρωνα.",
                                             due_on=today + datetime.timedelta(days=14))
        referrals.referral_send(referral=referral, by=coordinator)
        created += 2
    return created
