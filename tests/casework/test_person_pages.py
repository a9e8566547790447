"""The person page and person API: who may do what, the access log, and centre isolation."""

import datetime

import pytest
from django_tenants.utils import schema_context

from casework import timeline
from casework.factories import person_fields
from casework.models import AccessLog, Person
from casework.services.people import household_create, person_create
from platform_core.accounts.roles import Role


@pytest.fixture
def person(in_centre_a, coordinator) -> Person:
    head = person_create(by=coordinator, **person_fields(first_name="Ειρήνη", last_name="Χαλκιαδάκη"))
    household_create(by=coordinator, head=head)
    return head


def test_person_page_shows_identity_household_and_is_logged(person, world_a):
    user = world_a.users[Role.SOCIAL_WORKER]

    response = world_a.client(Role.SOCIAL_WORKER).get(f"/people/{person.pk}/")

    assert response.status_code == 200
    assert "Χαλκιαδάκη" in response.content.decode() and "Οικογένεια Χαλκιαδάκη" in response.content.decode()
    assert AccessLog.objects.filter(person=person, user=user, channel="ui", object_id=person.pk).count() == 1


def test_person_api_detail_is_logged(person, world_a):
    response = world_a.api(Role.AUDITOR).get(f"/api/v1/persons/{person.pk}/")

    assert response.status_code == 200 and response.json()["last_name"] == "Χαλκιαδάκη"
    assert AccessLog.objects.filter(person=person, user=world_a.users[Role.AUDITOR], channel="api").count() == 1


def test_person_page_shows_the_timeline_from_the_registry(person, world_a, monkeypatch):
    def provider(*, person, household, user):
        return [timeline.TimelineEntry(at=timeline.as_datetime(datetime.date(2026, 1, 5)), kind="test",
                                       label="Δοκιμή", title=f"Για {person.last_name}")]

    monkeypatch.setattr(timeline, "_providers", [provider])

    response = world_a.client(Role.SOCIAL_WORKER).get(f"/people/{person.pk}/")

    assert "Για Χαλκιαδάκη" in response.content.decode()


def test_reception_may_register_a_person(in_centre_a, world_a):
    response = world_a.api(Role.RECEPTION).post("/api/v1/persons/", {
        "first_name": "Στέλιος", "last_name": "Μαυρογιάννης", "birth_date": "1969-02-14", "phone": "6944000111",
        "email": "stelios@example.gr"}, format="json")

    assert response.status_code == 201
    assert Person.objects.get(pk=response.json()["id"]).created_by == world_a.users[Role.RECEPTION]


def test_auditor_may_not_register_a_person(in_centre_a, world_a):
    api = world_a.api(Role.AUDITOR).post("/api/v1/persons/", {"first_name": "Α", "last_name": "Β"}, format="json")
    page = world_a.client(Role.AUDITOR).post("/people/new/", {"first_name": "Α", "last_name": "Β"})

    assert (api.status_code, page.status_code) == (403, 403)
    assert not Person.objects.filter(last_name="Β").exists()


def test_auditor_may_read_but_not_edit(person, world_a):
    client = world_a.client(Role.AUDITOR)

    assert client.get("/people/").status_code == 200
    assert client.get(f"/people/{person.pk}/edit/").status_code == 403
    assert world_a.api(Role.AUDITOR).patch(f"/api/v1/persons/{person.pk}/", {"phone": "2821000000"},
                                           format="json").status_code == 403


def test_api_patch_changes_a_field_and_keeps_the_rest(person, world_a):
    response = world_a.api(Role.SOCIAL_WORKER).patch(f"/api/v1/persons/{person.pk}/", {"phone": "+30 2821 022 333"},
                                                     format="json")

    assert response.status_code == 200 and response.json()["phone"] == "2821022333"
    assert response.json()["last_name"] == "Χαλκιαδάκη"


def test_centre_b_person_is_not_found_from_centre_a(world_a, world_b):
    with schema_context(world_b.centre.schema_name):
        b_person = Person.objects.first()

    page = world_a.client(Role.COORDINATOR).get(f"/people/{b_person.pk}/")
    api = world_a.api(Role.COORDINATOR).get(f"/api/v1/persons/{b_person.pk}/")

    assert (page.status_code, api.status_code) == (404, 404)
    with schema_context(world_a.centre.schema_name):
        assert not AccessLog.objects.filter(object_id=b_person.pk).exists()


def test_person_edit_form_shows_the_record_and_is_logged(person, world_a):
    response = world_a.client(Role.RECEPTION).get(f"/people/{person.pk}/edit/")

    assert response.status_code == 200 and 'value="Χαλκιαδάκη"' in response.content.decode()
    assert AccessLog.objects.filter(person=person, user=world_a.users[Role.RECEPTION]).count() == 1


def test_timeline_entries_of_a_day_show_the_date_without_a_midnight_time(person, world_a):
    from casework.services.assessments import assessment_record

    assessment_record(person=person, by=world_a.coordinator, assessed_on=datetime.date(2026, 3, 4), adults=1)

    page = world_a.client(Role.COORDINATOR).get(f"/people/{person.pk}/").content.decode()

    assert "04/03/2026" in page and "04/03/2026 00:00" not in page
