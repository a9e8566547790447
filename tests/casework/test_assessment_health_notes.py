"""An assessment's health notes follow the sensitive-notes rule (``sensitive_text_visible_to``,
the rule of ``notes_visible_to``): the assessor, psychologists and the coordinator read them on
the page, in the API and in the export; other social workers and auditors do not."""

import datetime

import pytest
from django.urls import reverse
from django_tenants.utils import schema_context

from casework.factories import PersonFactory
from casework.services.assessments import assessment_record
from platform_core.accounts.roles import Role

HEALTH = "Σακχαρώδης διαβήτης healthmarker"


@pytest.fixture
def assessment(world_a):
    """Recorded by the coordinator: the social worker and the auditor are not its author."""
    with schema_context(world_a.centre.schema_name):
        return assessment_record(person=PersonFactory(), by=world_a.coordinator, assessed_on=datetime.date(2024, 1, 10),
                                 adults=1, incomes=[], health_notes=HEALTH, notes="Γενικές παρατηρήσεις")


def _page(world, role, assessment) -> str:
    response = world.client(role).get(reverse("casework:assessment-detail", kwargs={"pk": assessment.pk}))
    assert response.status_code == 200
    return response.content.decode()


def _api_detail(world, role, assessment) -> dict:
    response = world.api(role).get(f"/api/v1/assessments/{assessment.pk}/")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.AUDITOR])
def test_health_notes_are_hidden_on_the_page_from_staff_who_do_not_read_sensitive_notes(world_a, assessment, role):
    html = _page(world_a, role, assessment)

    assert HEALTH not in html
    assert "Γενικές παρατηρήσεις" in html


@pytest.mark.parametrize("role", [Role.PSYCHOLOGIST, Role.COORDINATOR])
def test_health_notes_are_shown_on_the_page_to_roles_that_read_sensitive_notes(world_a, assessment, role):
    assert HEALTH in _page(world_a, role, assessment)


def test_the_assessor_reads_their_own_assessments_health_notes(world_a):
    with schema_context(world_a.centre.schema_name):
        own = assessment_record(person=PersonFactory(), by=world_a.users[Role.SOCIAL_WORKER],
                                assessed_on=datetime.date(2024, 1, 10), adults=1, incomes=[], health_notes=HEALTH)

    assert HEALTH in _page(world_a, Role.SOCIAL_WORKER, own)
    assert _api_detail(world_a, Role.SOCIAL_WORKER, own)["health_notes"] == HEALTH


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.AUDITOR])
def test_api_detail_and_list_give_null_health_notes_to_staff_who_do_not_read_sensitive_notes(world_a, assessment, role):
    listed = world_a.api(role).get("/api/v1/assessments/", {"person": str(assessment.person_id)}).json()["results"]

    assert _api_detail(world_a, role, assessment)["health_notes"] is None
    assert [row["health_notes"] for row in listed] == [None]


def test_api_gives_the_psychologist_the_health_notes(world_a, assessment):
    assert _api_detail(world_a, Role.PSYCHOLOGIST, assessment)["health_notes"] == HEALTH


def test_export_by_a_social_worker_leaves_other_authors_health_notes_out(world_a, assessment):
    client = world_a.client(Role.SOCIAL_WORKER)

    json_export = client.get(f"/people/{assessment.person_id}/export.json")
    pdf_export = client.get(f"/people/{assessment.person_id}/export.pdf")

    assert json_export.status_code == 200 and pdf_export.status_code == 200
    records = json_export.json()["sections"]["assessments"]["records"]
    assert len(records) == 1 and "health_notes" not in records[0]
    assert "healthmarker" not in json_export.content.decode()


def test_coordinators_export_has_the_health_notes(world_a, assessment):
    body = world_a.client(Role.COORDINATOR).get(f"/people/{assessment.person_id}/export.json").json()

    assert body["sections"]["assessments"]["records"][0]["health_notes"] == HEALTH


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.AUDITOR])
def test_the_person_page_and_timeline_do_not_show_health_notes(world_a, assessment, role):
    html = world_a.client(role).get(reverse("casework:person-detail", kwargs={"pk": assessment.person_id})).content

    assert b"healthmarker" not in html
