"""Actors and records the casework tests share (all in centre A; ``in_centre_a`` keeps the test
body in A's schema, and the test clients switch to it by host)."""

import pytest

from casework.factories import PersonFactory
from casework.services import cases as services
from platform_core.accounts.roles import Role


@pytest.fixture
def worker(world_a):
    return world_a.users[Role.SOCIAL_WORKER]


@pytest.fixture
def psychologist(world_a):
    return world_a.users[Role.PSYCHOLOGIST]


@pytest.fixture
def person(in_centre_a):
    return PersonFactory()


@pytest.fixture
def case(person, worker, coordinator):
    return services.case_open(person=person, by=coordinator, assigned_worker=worker, needs=["socioeconomic"],
                              summary="Αίτημα στήριξης")
