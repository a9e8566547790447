"""A person moving to another municipality is referred to that centre with consent: the receiving
centre sees a pending referral with only the consented categories, accepts or declines it; on
acceptance the person is created there (or linked by ΑΜΚΑ/ΑΦΜ) and the sender sees the outcome.
Nothing personal lands in public; nothing not consented reaches the receiving schema."""

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, schema_context

import casework
from casework.factories import PersonFactory
from casework.identifiers import synthetic_amka
from casework.models import IncomingReferral, Person, Referral
from casework.services import assessments, people, referrals
from platform_core.accounts.roles import Role

AMKA = synthetic_amka(datetime.date(1985, 3, 14))
SECRET_HEALTH = "ΚρυφήΔιάγνωσηΔοκιμής"
SECRET_MEMBER = "Μυστικομέλος"


@pytest.fixture
def moving(world_a):
    """In centre A: a person with ΑΜΚΑ, ΑΦΜ left out, a household member and an assessment whose
    health notes must not travel; consent to send identity and case summary to centre B."""
    worker = world_a.users[Role.SOCIAL_WORKER]
    with schema_context(world_a.centre.schema_name):
        person = people.person_create(by=worker, first_name="Μετακομίζουσα", last_name="Δοκιμαστοπούλου",
                                      birth_date=datetime.date(1985, 3, 14), gender="female", amka=AMKA,
                                      phone="6912345678")
        household = people.household_create(by=worker, head=person)
        people.household_add_member(household=household, relation="child", person=PersonFactory(
            first_name=SECRET_MEMBER, last_name="Δοκιμαστοπούλου"))
        assessments.kea_rules_load()
        assessments.assessment_record(person=person, by=worker, assessed_on=timezone.localdate(), adults=1,
                                      minors=1, incomes=[], health_notes=SECRET_HEALTH)
        referrals.consent_record(person=person, by=worker, centre=world_b_centre(), purpose="Μετακόμιση",
                                 categories=["identity", "case_summary"], given_on=timezone.localdate())
        referral = referrals.referral_create(person=person, by=worker, centre=world_b_centre(),
                                             categories=["identity", "case_summary"],
                                             reason="Μετακομίζει στον Πλατανιά",
                                             due_on=timezone.localdate() + datetime.timedelta(days=14))
        referral = referrals.referral_send(referral=referral, by=worker)
    return referral


def world_b_centre():
    from tenants.models import Centre

    return Centre.objects.get(slug="beta")


def _incoming(world_b, referral) -> IncomingReferral:
    with schema_context(world_b.centre.schema_name):
        return IncomingReferral.objects.get(source_referral_id=referral.pk)


def _tables_containing(schema: str, needle: str) -> list[str]:
    """Every table of ``schema`` with a row whose text contains ``needle``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s "
                       "AND table_type = 'BASE TABLE'", [schema])
        tables = [row[0] for row in cursor.fetchall()]
        found = []
        for table in tables:
            cursor.execute(f'SELECT 1 FROM "{schema}"."{table}" AS t WHERE t::text LIKE %s LIMIT 1', [f"%{needle}%"])
            if cursor.fetchone():
                found.append(table)
    return found


def test_the_receiving_centre_sees_a_pending_referral_with_the_consented_identity(world_b, moving):
    response = world_b.api().get("/api/v1/incoming-referrals/", {"status": "pending"})
    rows = [row for row in response.json()["results"] if row["source_centre"] == "alpha"]
    detail = world_b.api().get(f"/api/v1/incoming-referrals/{rows[0]['id']}/").json()

    assert detail["shared_data"]["identity"]["amka"] == AMKA
    assert set(detail["shared_data"]) == {"identity", "case_summary"}


def test_fields_not_consented_never_reach_the_receiving_schema(world_b, moving):
    schema = world_b.centre.schema_name
    with schema_context(schema):
        incoming = IncomingReferral.objects.get(source_referral_id=moving.pk)
        referrals.incoming_referral_accept(incoming=incoming, by=world_b.users[Role.SOCIAL_WORKER], open_case=True)

    assert _tables_containing(schema, SECRET_HEALTH) == []
    assert _tables_containing(schema, SECRET_MEMBER) == []
    assert _tables_containing(schema, AMKA)  # identity was consented: it is there


def test_nothing_personal_lands_in_any_public_table(world_b, moving):
    with schema_context(world_b.centre.schema_name):
        referrals.incoming_referral_accept(incoming=IncomingReferral.objects.get(source_referral_id=moving.pk),
                                           by=world_b.users[Role.SOCIAL_WORKER])

    public = get_public_schema_name()
    assert _tables_containing(public, AMKA) == []
    assert _tables_containing(public, "Δοκιμαστοπούλου") == []
    assert _tables_containing(public, "Μετακομίζουσα") == []


def test_accepting_creates_the_person_and_the_sender_sees_acceptance(world_a, world_b, moving):
    with schema_context(world_b.centre.schema_name):
        incoming = referrals.incoming_referral_accept(
            incoming=IncomingReferral.objects.get(source_referral_id=moving.pk), by=world_b.users[Role.SOCIAL_WORKER],
            open_case=True)
        created = Person.objects.get(pk=incoming.person_id)
        assert (created.first_name, created.amka, incoming.case.person_id) == ("Μετακομίζουσα", AMKA, created.pk)
        assert incoming.shared_data == {}

    with schema_context(world_a.centre.schema_name):
        referral = Referral.objects.get(pk=moving.pk)
        assert referral.status == Referral.Status.ACCEPTED and referral.answered_on == timezone.localdate()
        assert referral.events.last().by is None


def test_a_person_already_registered_with_the_same_amka_is_linked(world_b, moving):
    with schema_context(world_b.centre.schema_name):
        existing = people.person_create(by=world_b.coordinator, first_name="Ήδη", last_name="Γνωστή",
                                        birth_date=datetime.date(1985, 3, 14), amka=AMKA)
        incoming = referrals.incoming_referral_accept(
            incoming=IncomingReferral.objects.get(source_referral_id=moving.pk), by=world_b.coordinator)

        assert incoming.person_id == existing.pk and Person.objects.filter(amka_hash=existing.amka_hash).count() == 1


def test_declining_deletes_the_shared_data_and_the_sender_sees_why(world_a, world_b, moving):
    response = world_b.api().post(f"/api/v1/incoming-referrals/{_incoming(world_b, moving).pk}/decline/",
                                  {"reason": "Δεν ανήκει στον δήμο μας"}, format="json")

    assert response.status_code == 200
    assert _incoming(world_b, moving).shared_data == {}
    with schema_context(world_a.centre.schema_name):
        referral = Referral.objects.get(pk=moving.pk)
        assert (referral.status, referral.decline_reason) == (Referral.Status.DECLINED, "Δεν ανήκει στον δήμο μας")


def test_the_sender_cannot_answer_for_the_receiving_centre(world_a, moving):
    response = world_a.api().post(f"/api/v1/referrals/{moving.pk}/accept/", {}, format="json")

    assert response.status_code == 400


def test_revoking_the_consent_withdraws_the_pending_referral_there(world_a, world_b, moving):
    with schema_context(world_a.centre.schema_name):
        referrals.consent_revoke(consent=moving.consent, by=world_a.coordinator)

    incoming = _incoming(world_b, moving)
    assert incoming.status == IncomingReferral.Status.WITHDRAWN and incoming.shared_data == {}


def test_a_referral_to_another_centre_needs_the_identity_category(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()
        with pytest.raises(Exception) as error:
            referrals.referral_create(person=person, by=world_a.coordinator, centre=world_b_centre(),
                                      categories=["case_summary"], reason="x",
                                      due_on=timezone.localdate() + datetime.timedelta(days=3))

    assert "categories" in error.value.message_dict


def test_only_one_function_of_casework_switches_schema():
    """Request-time code, that is: management commands fan out over every centre by design."""
    root = Path(casework.__file__).resolve().parent
    uses = [(path.name, line.strip()) for path in root.rglob("*.py") if "management" not in path.parts
            for line in path.read_text().splitlines()
            if "schema_context(" in line and not line.strip().startswith(("#", '"', "`"))]

    assert uses == [("transfer.py", "with schema_context(to_centre.schema_name):")]


def test_another_centres_referral_ids_are_not_found(world_b, moving):
    assert world_b.api().get(f"/api/v1/referrals/{moving.pk}/").status_code == 404
