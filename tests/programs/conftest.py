"""Actors and records the programme tests share (all in centre A; ``in_centre_a`` keeps the test
body in A's schema, and the test clients switch to it by host)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from casework.factories import PersonFactory
from platform_core.accounts.roles import Role
from programs.models import Programme
from programs.services import programmes

ATHENS = ZoneInfo("Europe/Athens")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ATHENS)


def next_weekday(weekday: int, *, weeks: int = 1) -> datetime.date:
    """A date ``weeks`` weeks ahead falling on ``weekday`` (0 = Monday)."""
    today = timezone.localdate()
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)


@pytest.fixture
def worker(world_a):
    return world_a.users[Role.SOCIAL_WORKER]


@pytest.fixture
def psychologist(world_a):
    return world_a.users[Role.PSYCHOLOGIST]


@pytest.fixture
def person(in_centre_a):
    return PersonFactory(phone="6912345678", email="maria@example.org")


@pytest.fixture
def make_programme(in_centre_a, coordinator, psychologist):
    def make(**changes) -> Programme:
        today = timezone.localdate()
        fields = {"kind": Programme.Kind.WORKSHOP, "title": "Βιωματικό σεμινάριο", "capacity": 10,
                  "starts_on": today - datetime.timedelta(days=60), "ends_on": today + datetime.timedelta(days=120),
                  "status": Programme.Status.OPEN, "facilitators": [psychologist]}
        fields.update(changes)
        return programmes.programme_create(by=coordinator, **fields)

    return make


@pytest.fixture
def programme(make_programme):
    return make_programme()
