"""Households: one head, named after the head by default, members in one household at a time."""

import pytest
from django.core.exceptions import ValidationError

from casework.factories import person_fields
from casework.models import Household, HouseholdMember
from casework.services.people import (
    household_add_member,
    household_create,
    household_remove_member,
    household_set_head,
    household_update,
    person_create,
)
from platform_core.accounts.roles import Role

HEAD, CHILD, SPOUSE = HouseholdMember.Relation.HEAD, HouseholdMember.Relation.CHILD, HouseholdMember.Relation.SPOUSE


@pytest.fixture
def person(in_centre_a, coordinator):
    return lambda **fields: person_create(by=coordinator, **person_fields(**fields))


def test_household_is_named_after_its_heads_surname_by_default(person, coordinator):
    household = household_create(by=coordinator, head=person(last_name="Τζανάκη"))

    assert household.name == "Οικογένεια Τζανάκη"
    assert household.members.get().relation == HEAD


def test_a_given_name_is_kept(person, coordinator):
    household = household_create(by=coordinator, head=person(last_name="Τζανάκη"), name="Τζανάκη – Λουλάκη")

    assert household.name == "Τζανάκη – Λουλάκη"


def test_unnamed_household_takes_the_name_of_its_first_head(person, coordinator):
    household = household_create(by=coordinator)

    household_add_member(household=household, person=person(last_name="Βλαχάκη"), relation=HEAD)

    assert Household.objects.get(pk=household.pk).name == "Οικογένεια Βλαχάκη"


def test_a_second_head_is_refused(person, coordinator):
    household = household_create(by=coordinator, head=person())

    with pytest.raises(ValidationError) as caught:
        household_add_member(household=household, person=person(), relation=HEAD)

    assert "relation" in caught.value.message_dict


def test_a_person_belongs_to_one_household_at_a_time(person, coordinator):
    head = person()
    household_create(by=coordinator, head=head)

    with pytest.raises(ValidationError) as caught:
        household_add_member(household=household_create(by=coordinator), person=head, relation=SPOUSE)

    assert "person" in caught.value.message_dict


def test_dependants_are_recorded(person, coordinator):
    household = household_create(by=coordinator, head=person())

    child = household_add_member(household=household, person=person(), relation=CHILD, is_dependant=True)

    assert HouseholdMember.objects.get(pk=child.pk).is_dependant


def test_head_cannot_leave_while_others_remain(person, coordinator):
    head = person()
    household = household_create(by=coordinator, head=head)
    household_add_member(household=household, person=person(), relation=SPOUSE)

    with pytest.raises(ValidationError):
        household_remove_member(household=household, person=head)


def test_head_can_leave_after_handing_over(person, coordinator):
    head, spouse = person(), person()
    household = household_create(by=coordinator, head=head)
    household_add_member(household=household, person=spouse, relation=SPOUSE)

    household_set_head(household=household, person=spouse)
    household_remove_member(household=household, person=head)

    assert list(household.members.values_list("person", "relation")) == [(spouse.pk, HEAD)]


def test_clearing_the_name_restores_the_default(person, coordinator):
    household = household_create(by=coordinator, head=person(last_name="Μανουσάκη"), name="Άλλο")

    household = household_update(household=household, by=coordinator, name="")

    assert household.name == "Οικογένεια Μανουσάκη"


def test_household_page_adds_a_member_found_by_search(person, world_a):
    household = household_create(by=world_a.coordinator, head=person())
    newcomer = person(last_name="Ξυλούρη")
    client = world_a.client(Role.RECEPTION)

    found = client.post(f"/households/{household.pk}/members/add/",
                        {"person_q": "ξυλουρη", "person_find": "1", "relation": "child"})
    added = client.post(f"/households/{household.pk}/members/add/",
                        {"person": str(newcomer.pk), "relation": "child", "is_dependant": "on"})

    assert f'value="{newcomer.pk}"' in found.content.decode()
    assert added.status_code == 302
    assert household.members.filter(person=newcomer, relation=CHILD, is_dependant=True).exists()


def test_api_adds_a_member_and_lists_the_household(person, world_a):
    household = household_create(by=world_a.coordinator, head=person())
    api = world_a.api(Role.SOCIAL_WORKER)

    added = api.post(f"/api/v1/households/{household.pk}/members/",
                     {"person": str(person().pk), "relation": "spouse"}, format="json")
    second_head = api.post(f"/api/v1/households/{household.pk}/members/",
                           {"person": str(person().pk), "relation": "head"}, format="json")
    detail = api.get(f"/api/v1/households/{household.pk}/")

    assert added.status_code == 201 and second_head.status_code == 400 and "relation" in second_head.json()
    assert [member["relation"] for member in detail.json()["members"]] == ["head", "spouse"]
