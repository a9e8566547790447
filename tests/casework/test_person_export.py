"""A person's data export (GDPR access request) as JSON and PDF: every area of the record, as the
exporting user may see it, as a private attachment, logged."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from casework import models
from casework.factories import (
    CaseFactory,
    ContactNoteFactory,
    DocumentFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    PersonFactory,
    ReceptionContactFactory,
)
from platform_core.accounts.roles import Role
from platform_core.bounds import LONG_TEXT_MAX

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def record(world_a):
    """A person with something in every area of casework, and a spouse in the household."""
    users = world_a.users
    worker, psychologist = users[Role.SOCIAL_WORKER], users[Role.PSYCHOLOGIST]
    today = timezone.localdate()
    with schema_context(world_a.centre.schema_name):
        household = HouseholdFactory(name="Οικογένεια Δοκιμαστικού")
        person = HouseholdMemberFactory(household=household, relation="head").person
        spouse = HouseholdMemberFactory(household=household, relation="spouse").person
        models.ParticipantRecord.objects.create(
            person=person, stage="entry", recorded_on=today, gender=person.gender, citizenship="greek",
            foreign_background="no", minority="none", disability="no", employment_status="unemployed",
            education="isced_3_4", housing="rented", rural_area="yes")
        ReceptionContactFactory(person=person, staff=users[Role.RECEPTION], summary="Ενημέρωση για ΚΕΑ")
        case = CaseFactory(person=person, household=household, assigned_worker=worker, summary="Αίτημα στήριξης")
        models.CaseEvent.objects.create(case=case, by=worker, to_status="open", note="Άνοιγμα φακέλου")
        plan = models.PathwayPlan.objects.create(case=case, summary="Σχέδιο ένταξης")
        goal = models.PathwayGoal.objects.create(plan=plan, title="Εύρεση εργασίας", area="employment")
        models.PathwayStep.objects.create(goal=goal, title="Εγγραφή στη ΔΥΠΑ", owner=worker,
                                          due_date=today + datetime.timedelta(days=7))
        ContactNoteFactory(person=person, author=worker, text="Συνάντηση για την αίτηση ΚΕΑ.")
        ContactNoteFactory(person=person, author=psychologist, sensitive=True, text="Ευαίσθητη συνεδρία ψυχολόγου.")
        assessment = models.Assessment.objects.create(person=person, household=household, assessed_on=today,
                                                      assessed_by=worker, adults=2)
        models.AssessmentIncome.objects.create(assessment=assessment, source="pension",
                                               monthly_amount=Decimal("420.00"))
        models.BenefitApplication.objects.create(person=person, household=household, handled_by=worker,
                                                 status="submitted", reference_number="ΚΕΑ-2026-0042")
        models.AidEligibility.objects.create(household=household, scheme="grocery", eligible=True,
                                             decided_on=today, decided_by=worker)
        aid_round = models.AidRound.objects.create(kind="teba", title="ΤΕΒΑ Νοέμβριος", distributed_on=today)
        models.AidReceipt.objects.create(round=aid_round, household=household, received_by=spouse,
                                         received_at=timezone.now(), items="2 κιβώτια τροφίμων",
                                         recorded_by=users[Role.RECEPTION])
        DocumentFactory(person=person, uploaded_by=worker, title="Εκκαθαριστικό 2025")
        models.AccessLog.objects.create(user=users[Role.AUDITOR], person=person, object_type="person",
                                        object_id=person.pk, channel="ui")
    return person, spouse


def _export(world, person, role=Role.COORDINATOR):
    response = world.client(role).get(f"/people/{person.pk}/export.json")
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_json_export_is_a_private_attachment_named_by_the_persons_id(world_a, record):
    person, _spouse = record

    response, body = _export(world_a, person)

    assert response["Content-Disposition"] == f'attachment; filename="person-{person.pk}.json"'
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith("application/json")
    assert body["person_id"] == str(person.pk)


def test_export_is_logged_as_an_export_by_the_exporting_user(world_a, record):
    person, _spouse = record

    _export(world_a, person, Role.SOCIAL_WORKER)

    with schema_context(world_a.centre.schema_name):
        entry = models.AccessLog.objects.filter(person=person, action="export").get()
    assert (entry.user, entry.channel, entry.object_id) == (world_a.users[Role.SOCIAL_WORKER], "ui", person.pk)


def test_json_export_contains_every_area_of_the_record(world_a, record):
    person, _spouse = record

    sections = _export(world_a, person)[1]["sections"]

    assert list(sections) == ["person", "participant_records", "household", "contacts", "cases", "plans", "notes",
                              "assessments", "benefits", "aid_eligibility", "aid_receipts", "documents",
                              "access_log", "consents", "referrals", "incoming_referrals", "enrolments", "appointments"]
    [identity] = sections["person"]["records"]
    assert (identity["amka"], identity["afm"], identity["last_name"]) == (person.amka, person.afm, person.last_name)
    assert sections["participant_records"]["records"][0]["employment_status"] == "unemployed"
    assert sections["contacts"]["records"][0]["summary"] == "Ενημέρωση για ΚΕΑ"
    assert sections["cases"]["records"][0]["history"][0]["note"] == "Άνοιγμα φακέλου"
    assert sections["plans"]["records"][0]["goals"][0]["steps"][0]["title"] == "Εγγραφή στη ΔΥΠΑ"
    assert sections["assessments"]["records"][0]["incomes"] == [{"source": "pension", "monthly_amount": "420.00"}]
    assert sections["benefits"]["records"][0]["reference_number"] == "ΚΕΑ-2026-0042"
    assert sections["aid_eligibility"]["records"][0]["eligible"] is True
    assert sections["aid_receipts"]["records"][0]["items"] == "2 κιβώτια τροφίμων"
    assert sections["documents"]["records"][0]["title"] == "Εκκαθαριστικό 2025"
    assert {entry["action"] for entry in sections["access_log"]["records"]} == {"view", "export"}


def test_other_household_members_appear_by_name_and_relation_only(world_a, record):
    person, spouse = record

    response, body = _export(world_a, person)

    [household] = body["sections"]["household"]["records"]
    assert household["relation"] == "head"
    assert household["members"] == [{"name": spouse.full_name, "relation": "spouse"}]
    text = response.content.decode()
    assert spouse.amka not in text and spouse.afm not in text and spouse.phone not in text


def test_sensitive_note_by_someone_else_is_left_out_for_a_social_worker(world_a, record):
    person, _spouse = record

    body = _export(world_a, person, Role.SOCIAL_WORKER)[1]

    texts = [note["text"] for note in body["sections"]["notes"]["records"]]
    assert texts == ["Συνάντηση για την αίτηση ΚΕΑ."]
    assert "access_log" not in body["sections"]
    assert [item["key"] for item in body["sections_left_out"]] == ["access_log"]
    assert "συντονιστής" in body["scope"]


def test_coordinators_export_has_the_sensitive_note(world_a, record):
    person, _spouse = record

    body = _export(world_a, person)[1]

    notes = body["sections"]["notes"]["records"]
    assert {note["text"] for note in notes} == {"Συνάντηση για την αίτηση ΚΕΑ.", "Ευαίσθητη συνεδρία ψυχολόγου."}
    assert body["sections_left_out"] == []


def test_pdf_export_is_a_non_trivial_pdf_attachment_and_is_logged(world_a, record):
    person, _spouse = record

    response = world_a.client(Role.PSYCHOLOGIST).get(f"/people/{person.pk}/export.pdf")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF") and len(response.content) > 10_000
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="person-{person.pk}.pdf"'
    assert response["Cache-Control"] == "no-store"
    with schema_context(world_a.centre.schema_name):
        assert models.AccessLog.objects.filter(person=person, action="export").count() == 1


def test_export_of_a_person_with_nothing_else_recorded_still_works(world_a):
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()

    body = _export(world_a, person)[1]
    pdf = world_a.client().get(f"/people/{person.pk}/export.pdf")

    assert body["sections"]["household"]["records"] == [] and body["sections"]["notes"]["records"] == []
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.RECEPTION])
def test_auditor_and_reception_cannot_export(world_a, record, role):
    person, _spouse = record

    assert world_a.client(role).get(f"/people/{person.pk}/export.json").status_code == 403
    assert world_a.client(role).get(f"/people/{person.pk}/export.pdf").status_code == 403
    assert world_a.api(role).get(f"/api/v1/persons/{person.pk}/export/").status_code == 403


def test_api_export_is_the_same_json_logged_through_the_api(world_a, record):
    person, _spouse = record

    response = world_a.api(Role.SOCIAL_WORKER).get(f"/api/v1/persons/{person.pk}/export/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="person-{person.pk}.json"'
    assert response["Cache-Control"] == "no-store"
    assert json.loads(response.content)["sections"]["person"]["records"][0]["amka"] == person.amka
    with schema_context(world_a.centre.schema_name):
        assert models.AccessLog.objects.get(person=person, action="export").channel == "api"


def test_export_of_another_centres_person_is_not_found(world_a, world_b):
    with schema_context(world_b.centre.schema_name):
        foreign = PersonFactory()

    assert world_a.client().get(f"/people/{foreign.pk}/export.json").status_code == 404
    assert world_a.client().get(f"/people/{foreign.pk}/export.pdf").status_code == 404
    assert world_a.api().get(f"/api/v1/persons/{foreign.pk}/export/").status_code == 404


def test_pdf_export_of_a_person_with_very_long_fields_accepted_by_the_api_works(world_a):
    api = world_a.api(Role.COORDINATOR)
    created = api.post("/api/v1/persons/", {
        "first_name": "Μακρύς", "last_name": "Φάκελος", "birth_date": "1980-01-01",
        # The longest text the API accepts (platform_core.bounds), a fifth of it one unbroken word.
        "notes": ("Πολλές παρατηρήσεις για την κατάσταση της οικογένειας. " * 150)[:LONG_TEXT_MAX - 2000] + "ω" * 2000,
    }, format="json")
    assert created.status_code == 201, created.content

    response = world_a.client().get(f"/people/{created.json()['id']}/export.pdf")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
