"""Reminders API: list with a state filter, custom reminders, cancel; another centre's id is 404."""

import datetime

from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import PersonFactory
from notifications.models import Channel, Reminder
from notifications.services import reminder_create_custom
from platform_core.accounts.roles import Role


def a_person(world):
    with schema_context(world.centre.schema_name):
        return PersonFactory()


def test_a_custom_reminder_is_created_through_the_api(world_a):
    person = a_person(world_a)

    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/reminders/", {
        "person": str(person.pk), "channel": "sms", "due_at": "2026-12-01T10:00:00+02:00", "text": "Ραντεβού",
    }, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["state"] == "scheduled"
    assert response.json()["kind"] == "custom"


def test_an_in_app_reminder_for_a_person_is_refused_with_a_field_error(world_a):
    person = a_person(world_a)

    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/reminders/", {
        "person": str(person.pk), "channel": "in_app", "due_at": "2026-12-01T10:00:00+02:00", "text": "x",
    }, format="json")

    assert response.status_code == 400
    assert "channel" in response.json()


def test_a_person_of_another_centre_is_refused(world_a, world_b):
    foreign = a_person(world_b)

    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/reminders/", {
        "person": str(foreign.pk), "channel": "sms", "due_at": "2026-12-01T10:00:00+02:00", "text": "x",
    }, format="json")

    assert response.status_code == 400
    assert "person" in response.json()


def test_the_list_filters_by_state(world_a):
    with schema_context(world_a.centre.schema_name):
        cancelled = reminder_create_custom(by=world_a.coordinator, staff=world_a.coordinator,
                                           channel=Channel.IN_APP, due_at=timezone.now(), text="x")
        Reminder.objects.filter(pk=cancelled.pk).update(state=Reminder.State.CANCELLED)

    response = world_a.api(Role.COORDINATOR).get("/api/v1/reminders/?state=cancelled")

    assert [item["id"] for item in response.json()["results"]] == [str(cancelled.pk)]


def test_cancel_through_the_api(world_a):
    with schema_context(world_a.centre.schema_name):
        reminder = reminder_create_custom(by=world_a.coordinator, staff=world_a.coordinator, channel=Channel.IN_APP,
                                          due_at=timezone.now() + datetime.timedelta(days=1), text="x")

    response = world_a.api(Role.COORDINATOR).post(f"/api/v1/reminders/{reminder.pk}/cancel/")

    assert response.status_code == 200
    assert response.json()["state"] == "cancelled"


def test_reception_may_not_cancel(world_a):
    with schema_context(world_a.centre.schema_name):
        reminder = reminder_create_custom(by=world_a.users[Role.RECEPTION], staff=world_a.coordinator,
                                          channel=Channel.IN_APP, due_at=timezone.now(), text="x")

    response = world_a.api(Role.RECEPTION).post(f"/api/v1/reminders/{reminder.pk}/cancel/")

    assert response.status_code == 403


def test_the_detail_shows_the_delivery_log(world_a):
    with schema_context(world_a.centre.schema_name):
        from notifications.dispatch import reminders_dispatch

        reminder = reminder_create_custom(by=world_a.coordinator, staff=world_a.coordinator, channel=Channel.IN_APP,
                                          due_at=timezone.now() - datetime.timedelta(minutes=1), text="x")
        reminders_dispatch()

    response = world_a.api(Role.COORDINATOR).get(f"/api/v1/reminders/{reminder.pk}/")

    assert response.json()["state"] == "sent"
    assert [d["outcome"] for d in response.json()["deliveries"]] == ["sent"]


def test_another_centres_reminder_is_404(world_a, world_b):
    with schema_context(world_b.centre.schema_name):
        foreign = Reminder.objects.first()

    response = world_a.api(Role.COORDINATOR).get(f"/api/v1/reminders/{foreign.pk}/")

    assert response.status_code == 404
