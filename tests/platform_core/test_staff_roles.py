"""A centre always keeps an active coordinator: the one who manages its staff."""

import pytest
from django.core.exceptions import ValidationError

from platform_core.accounts.roles import Role
from platform_core.accounts.services import staff_create, staff_set_active, staff_set_role
from tests.conftest import PASSWORD


def test_the_last_coordinator_cannot_be_given_another_role(world_a, in_centre_a):
    with pytest.raises(ValidationError) as refused:
        staff_set_role(user=world_a.coordinator, role=Role.SOCIAL_WORKER)

    assert "role" in refused.value.message_dict
    assert world_a.coordinator.role == Role.COORDINATOR


def test_a_coordinator_can_change_role_once_there_is_another(world_a, in_centre_a):
    staff_create(email="second.coordinator@alpha.test", password=PASSWORD, role=Role.COORDINATOR)

    staff_set_role(user=world_a.coordinator, role=Role.SOCIAL_WORKER)

    assert world_a.coordinator.role == Role.SOCIAL_WORKER


def test_the_last_coordinator_cannot_be_deactivated(world_a, in_centre_a):
    with pytest.raises(ValidationError) as refused:
        staff_set_active(user=world_a.coordinator, active=False, by=world_a.users[Role.SOCIAL_WORKER])

    assert "is_active" in refused.value.message_dict


def test_the_staff_page_explains_why_the_last_coordinator_keeps_the_role(world_a):
    client = world_a.client(Role.COORDINATOR)

    response = client.post(f"/staff/{world_a.coordinator.pk}/role/", {"role": Role.RECEPTION.value}, follow=True)

    assert "τουλάχιστον έναν/μία ενεργό/ή συντονιστή/τρια" in response.content.decode()
