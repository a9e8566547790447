"""The access log: reads of a person's data are logged in the same transaction as the read, and
only the coordinator sees a person's access history (pages and API)."""

import pytest
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context

from casework.factories import TINY_PNG, DocumentFactory, PersonFactory
from casework.models import AccessLog
from casework.services.access import access_record
from platform_core.accounts.roles import Role

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def person(world_a):
    with schema_context(world_a.centre.schema_name):
        return PersonFactory()


def _log(world, person):
    with schema_context(world.centre.schema_name):
        return list(AccessLog.objects.filter(person=person).order_by("at"))


@pytest.fixture
def log_writes_fail(world_a):
    """The database refuses every new access-log row of centre A (for this test's transaction)."""
    with schema_context(world_a.centre.schema_name), connection.cursor() as cursor:
        cursor.execute("""
            CREATE FUNCTION refuse_access_log() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'access log unavailable'; END $$;
            CREATE TRIGGER refuse_access_log BEFORE INSERT ON casework_accesslog
            FOR EACH ROW EXECUTE FUNCTION refuse_access_log();
        """)


def _raw_client(world, role=Role.COORDINATOR) -> Client:
    """A client that returns the server error a user would get, instead of raising it."""
    client = world.client(role)
    client.raise_request_exception = False
    return client


def test_coordinator_sees_who_read_the_record_when_what_and_through_which_channel(world_a, person):
    social_worker = world_a.users[Role.SOCIAL_WORKER]
    with schema_context(world_a.centre.schema_name):
        document = DocumentFactory(person=person, uploaded_by=social_worker)
        access_record(user=social_worker, person=person, obj=document, action="download", channel="api")

    page = world_a.client().get(f"/people/{person.pk}/access-log/").content.decode()

    assert social_worker.get_full_name() in page
    assert "Λήψη εγγράφου" in page and "Έγγραφο" in page and "API" in page


def test_access_history_is_paginated_newest_first(world_a, person):
    with schema_context(world_a.centre.schema_name):
        for _ in range(60):
            access_record(user=world_a.users[Role.AUDITOR], person=person)

    first = world_a.client().get(f"/people/{person.pk}/access-log/")
    second = world_a.client().get(f"/people/{person.pk}/access-log/?page=2")

    assert len(first.context["page"]) == 50 and first.context["page"][0].user == world_a.coordinator
    assert len(second.context["page"]) == 12  # 60, and the coordinator's two views of this page
    assert 'href="?page=2"' in first.content.decode()


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PSYCHOLOGIST, Role.RECEPTION, Role.AUDITOR])
def test_only_the_coordinator_sees_access_history(world_a, person, role):
    assert world_a.client(role).get(f"/people/{person.pk}/access-log/").status_code == 403
    assert world_a.api(role).get(f"/api/v1/persons/{person.pk}/access-log/").status_code == 403


def test_api_lists_the_access_history_with_who_when_what_and_channel(world_a, person):
    with schema_context(world_a.centre.schema_name):
        access_record(user=world_a.users[Role.PSYCHOLOGIST], person=person, channel="ui")

    body = world_a.api().get(f"/api/v1/persons/{person.pk}/access-log/").json()

    assert body["count"] == 2
    newest, oldest = body["results"]
    assert (newest["user"], newest["channel"]) == (str(world_a.coordinator.pk), "api")  # this very read
    assert (oldest["user_name"], oldest["action"], oldest["object_type"], oldest["object_id"]) == (
        world_a.users[Role.PSYCHOLOGIST].get_full_name(), "view", "person", str(person.pk))


def test_access_history_of_another_centres_person_is_not_found(world_a, world_b):
    with schema_context(world_b.centre.schema_name):
        foreign = PersonFactory()

    assert world_a.client().get(f"/people/{foreign.pk}/access-log/").status_code == 404
    assert world_a.api().get(f"/api/v1/persons/{foreign.pk}/access-log/").status_code == 404


def test_a_document_is_not_served_when_its_download_cannot_be_logged(world_a, person, log_writes_fail):
    with schema_context(world_a.centre.schema_name):
        document = DocumentFactory(person=person, uploaded_by=world_a.coordinator)

    response = _raw_client(world_a).get(f"/documents/{document.pk}/download/")

    assert response.status_code == 500 and "access log unavailable" in str(response.exc_info[1])
    assert TINY_PNG not in response.content


def test_an_export_is_not_served_when_it_cannot_be_logged(world_a, person, log_writes_fail):
    response = _raw_client(world_a).get(f"/people/{person.pk}/export.json")

    assert response.status_code == 500 and "access log unavailable" in str(response.exc_info[1])
    assert person.amka not in response.content.decode()


def test_an_api_read_is_not_served_when_it_cannot_be_logged(world_a, person, log_writes_fail):
    api = world_a.api()
    api.raise_request_exception = False

    response = api.get(f"/api/v1/persons/{person.pk}/export/")

    assert response.status_code == 500 and "access log unavailable" in str(response.exc_info[1])
    assert person.amka not in response.content.decode()


def test_timeline_api_lists_entries_for_the_reader_and_logs_the_view(world_a, person):
    with schema_context(world_a.centre.schema_name):
        DocumentFactory(person=person, uploaded_by=world_a.coordinator, title="Γνωμάτευση ΚΕΠΑ")

    body = world_a.api(Role.SOCIAL_WORKER).get(f"/api/v1/persons/{person.pk}/timeline/").json()

    [entry] = [item for item in body["results"] if item["kind"] == "document"]
    assert entry["title"] == "Γνωμάτευση ΚΕΠΑ" and entry["label"] == "Έγγραφο"
    assert set(entry) == {"at", "kind", "label", "title", "url", "sensitive", "about_household"}
    [logged] = _log(world_a, person)
    assert (logged.user, logged.action, logged.channel) == (world_a.users[Role.SOCIAL_WORKER], "view", "api")


def test_timeline_of_another_centres_person_is_not_found(world_a, world_b):
    with schema_context(world_b.centre.schema_name):
        foreign = PersonFactory()

    assert world_a.api().get(f"/api/v1/persons/{foreign.pk}/timeline/").status_code == 404
