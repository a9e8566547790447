"""Every people and household page opens for the staff who use it."""

import pytest

from casework.factories import person_fields
from casework.services.people import household_create, person_create
from platform_core.accounts.roles import Role


@pytest.fixture
def household(in_centre_a, coordinator):
    head = person_create(by=coordinator, **person_fields(last_name="Σφακιανάκη"))
    return household_create(by=coordinator, head=head)


@pytest.mark.parametrize("page", [
    "/people/", "/people/new/", "/people/{person}/", "/people/{person}/edit/", "/people/{person}/exit/",
    "/households/", "/households/new/", "/households/new/?head={person}", "/households/{household}/",
    "/households/{household}/edit/",
])
def test_page_opens_for_reception(household, world_a, page):
    person = household.members.get().person_id

    response = world_a.client(Role.RECEPTION).get(page.format(person=person, household=household.pk))

    assert response.status_code == 200, response.content.decode()[:500]
    assert "Σφακιανάκη" in response.content.decode() or "{" not in page


def test_household_created_from_the_person_page_has_that_person_as_head(in_centre_a, coordinator, world_a):
    person = person_create(by=coordinator, **person_fields(last_name="Κουκουράκη"))

    response = world_a.client(Role.RECEPTION).post("/households/new/", {"head": str(person.pk), "name": ""})

    assert response.status_code == 302
    assert person.membership.relation == "head" and person.membership.household.name == "Οικογένεια Κουκουράκη"
