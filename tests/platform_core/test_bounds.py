"""Bounds on dates, text, amounts and lists (platform_core/bounds.py): refused with the field's
error on the API, stated in the published schema; the largest text accepted still exports."""

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import PersonFactory
from platform_core import bounds
from platform_core.accounts.roles import Role


@pytest.fixture
def person(world_a):
    with schema_context(world_a.centre.schema_name):
        return PersonFactory()


def post(world, path: str, data: dict):
    return world.api(Role.COORDINATOR).post(path, data, format="json")


def new_person(**extra) -> dict:
    return {"first_name": "Όρια", "last_name": "Δοκιμής", "birth_date": "1980-01-01", **extra}


def test_a_birth_date_before_1900_is_refused_and_1900_is_accepted(world_a):
    refused = post(world_a, "/api/v1/persons/", new_person(birth_date="1899-12-31"))
    accepted = post(world_a, "/api/v1/persons/", new_person(birth_date="1900-01-01", last_name="Αρχή"))

    assert refused.status_code == 400 and "birth_date" in refused.json(), refused.content
    assert accepted.status_code == 201, accepted.content


def test_a_birth_date_of_year_one_is_refused(world_a):
    response = post(world_a, "/api/v1/persons/", new_person(birth_date="0001-01-01"))

    assert response.status_code == 400 and "birth_date" in response.json()


def test_an_intake_before_2016_is_refused(world_a, person):
    response = post(world_a, "/api/v1/cases/", {"person": str(person.pk), "assigned_worker": str(
        world_a.users[Role.SOCIAL_WORKER].pk), "needs": ["housing"], "intake_date": "2015-12-31"})

    assert response.status_code == 400 and "intake_date" in response.json(), response.content


def test_an_assessment_with_more_income_lines_than_the_cap_is_refused_at_once(world_a, person):
    lines = [{"source": "wages", "monthly_amount": "1.00"}] * (bounds.INCOME_LINES_MAX + 1)

    response = post(world_a, "/api/v1/assessments/", {"person": str(person.pk), "assessed_on": "2024-01-10",
                                                      "adults": 1, "incomes": lines})

    assert response.status_code == 400 and "incomes" in response.json(), response.content


def test_ten_thousand_income_lines_are_refused_with_400(world_a, person):
    lines = [{"source": "wages", "monthly_amount": "1.00"}] * 10_000

    response = post(world_a, "/api/v1/assessments/", {"person": str(person.pk), "assessed_on": "2024-01-10",
                                                      "adults": 1, "incomes": lines})

    assert response.status_code == 400 and "incomes" in response.json()


def test_the_cap_on_income_lines_holds_in_the_service_too(world_a, person):
    from django.core.exceptions import ValidationError

    from casework.services.assessments import assessment_record

    with schema_context(world_a.centre.schema_name), pytest.raises(ValidationError) as refused:
        assessment_record(person=person, by=world_a.coordinator, assessed_on=timezone.localdate(), adults=1,
                          incomes=[("wages", 1)] * (bounds.INCOME_LINES_MAX + 1))
    assert "incomes" in refused.value.message_dict


def test_an_amount_over_the_cap_is_refused(world_a, person):
    response = post(world_a, "/api/v1/assessments/", {"person": str(person.pk), "assessed_on": "2024-01-10",
                                                      "adults": 1, "monthly_rent": "1000000.01"})

    assert response.status_code == 400 and "monthly_rent" in response.json()


def test_free_text_longer_than_the_cap_is_refused(world_a):
    response = post(world_a, "/api/v1/persons/", new_person(notes="α" * (bounds.LONG_TEXT_MAX + 1)))

    assert response.status_code == 400 and "notes" in response.json()


def test_a_note_longer_than_the_cap_is_refused(world_a, person):
    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/notes/", {
        "person": str(person.pk), "kind": "contact", "occurred_at": timezone.now().isoformat(),
        "text": "α" * (bounds.LONG_TEXT_MAX + 1)}, format="json")

    assert response.status_code == 400 and "text" in response.json()


def test_the_longest_text_accepted_exports_as_pdf(world_a):
    created = post(world_a, "/api/v1/persons/", new_person(notes="Μεγάλη σημείωση. " * 500 + "ω" * 1500))
    assert created.status_code == 201, created.content

    response = world_a.client().get(f"/people/{created.json()['id']}/export.pdf")

    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.parametrize("due_at", ["0001-01-01T10:00:00Z", "2015-12-31T10:00:00Z", "9999-01-01T10:00:00Z"])
def test_a_reminder_dated_before_2016_or_centuries_ahead_is_refused(world_a, person, due_at):
    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/reminders/", {
        "person": str(person.pk), "channel": "sms", "due_at": due_at, "text": "Ραντεβού"}, format="json")

    assert response.status_code == 400 and "due_at" in response.json(), response.content


# --- the schema states the rules and the nulls ----------------------------------------------------


@pytest.fixture
def schema(world_a):
    return world_a.api(None).get("/api/v1/schema/", {"format": "json"}).json()["components"]["schemas"]


def test_fields_that_can_be_null_are_declared_nullable(schema):
    assert schema["PersonOutput"]["properties"]["municipality"]["nullable"] is True
    assert schema["HouseholdOutput"]["properties"]["municipality"]["nullable"] is True
    assert schema["ContactOutput"]["properties"]["case_number"]["nullable"] is True


def test_the_schema_states_the_caps_on_text_amounts_and_lists(schema):
    assessment = schema["AssessmentInput"]["properties"]
    assert assessment["incomes"]["maxItems"] == bounds.INCOME_LINES_MAX
    assert assessment["notes"]["maxLength"] == bounds.LONG_TEXT_MAX
    assert f"{bounds.AMOUNT_MAX:,}" in assessment["monthly_rent"]["description"]


def test_the_schema_states_the_date_rules(schema):
    assert "1900" in schema["PersonCreate"]["properties"]["birth_date"]["description"]
    assert "2016" in schema["CaseCreate"]["properties"]["intake_date"]["description"]
    assert "future" in schema["CaseCreate"]["properties"]["intake_date"]["description"]
