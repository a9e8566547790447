"""Lists cost the same number of queries whatever their length (no query per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from casework.factories import CaseFactory, ContactNoteFactory, PersonFactory, ReceptionContactFactory
from platform_core.accounts.roles import Role

PAGES = ["/people/", "/api/v1/persons/", "/cases/", "/api/v1/cases/", "/cases/caseload/", "/reception/",
         "/api/v1/contacts/", "/api/v1/notes/", "/benefits/", "/reminders/", "/api/v1/reminders/", "/households/"]


def add_rows(world, count: int) -> None:
    worker = world.users[Role.SOCIAL_WORKER]
    with schema_context(world.centre.schema_name):
        for _ in range(count):
            person = PersonFactory()
            CaseFactory(person=person, assigned_worker=worker)
            ReceptionContactFactory(person=person, staff=world.users[Role.RECEPTION])
            ContactNoteFactory(person=person, author=worker)


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(captured)


@pytest.mark.parametrize("path", PAGES)
def test_a_list_costs_the_same_queries_for_two_rows_as_for_twelve(world_a, path):
    client = world_a.client(Role.COORDINATOR) if not path.startswith("/api/") else world_a.api(Role.COORDINATOR)
    add_rows(world_a, 2)
    queries(client, path)  # the first request of a process also fills its caches (routing, permissions)
    few = queries(client, path)

    add_rows(world_a, 10)

    assert queries(client, path) == few


def test_the_person_page_costs_the_same_queries_for_two_records_of_each_kind_as_for_twelve(world_a):
    worker = world_a.users[Role.SOCIAL_WORKER]
    with schema_context(world_a.centre.schema_name):
        person = PersonFactory()

    def add(count):
        with schema_context(world_a.centre.schema_name):
            for _ in range(count):
                CaseFactory(person=person, assigned_worker=worker)
                ReceptionContactFactory(person=person, staff=world_a.users[Role.RECEPTION])
                ContactNoteFactory(person=person, author=worker)

    client = world_a.client(Role.COORDINATOR)
    add(2)
    few = queries(client, f"/people/{person.pk}/")

    add(10)

    assert queries(client, f"/people/{person.pk}/") == few


def test_the_person_page_of_a_household_member_reads_the_members_once(world_a):
    from casework.models import Household, HouseholdMember

    with schema_context(world_a.centre.schema_name):
        person, sibling = PersonFactory(), PersonFactory()
        household = Household.objects.create(street="Οδός Ελευθερίας 1")
        HouseholdMember.objects.create(household=household, person=person, relation=HouseholdMember.Relation.HEAD)
        HouseholdMember.objects.create(household=household, person=sibling, relation=HouseholdMember.Relation.CHILD)
        CaseFactory(person=sibling, assigned_worker=world_a.users[Role.SOCIAL_WORKER])
    client = world_a.client(Role.COORDINATOR)
    client.get(f"/people/{person.pk}/")

    with CaptureQueriesContext(connection) as captured:
        html = client.get(f"/people/{person.pk}/").content.decode()

    statements = [query["sql"] for query in captured.captured_queries if not query["sql"].startswith("SET ")]
    members = [sql for sql in statements if 'FROM "casework_householdmember"' in sql]
    assert len(members) == 1, members  # the page's list and every timeline provider share it
    assert len(statements) <= 40, len(statements)  # routing, session, user, access log, 13 providers, page
    assert sibling.last_name in html
