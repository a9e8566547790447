"""Two members of staff taking the last place at the same moment, on two database connections:
exactly one is enrolled, the other waitlisted (the programme's row lock, see
``programs.services.enrolments``)."""

import datetime
import threading

from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import PersonFactory
from programs.models import Enrolment, Programme
from programs.services.enrolments import enrolment_create
from programs.services.programmes import programme_create


def test_two_connections_taking_the_last_place_at_once_enrol_exactly_one(worlds, committed_db):
    world = worlds["a"]
    schema = world.centre.schema_name
    with schema_context(schema):
        today = timezone.localdate()
        programme = programme_create(by=world.coordinator, kind=Programme.Kind.COURSE, title="Μαθήματα Η/Υ",
                                     capacity=1, starts_on=today, ends_on=today + datetime.timedelta(days=30),
                                     status=Programme.Status.OPEN)
        first_person, second_person = PersonFactory(), PersonFactory()
    results, errors = {}, []

    def second_enrolment():
        try:
            with schema_context(schema):
                results["second"] = enrolment_create(programme=programme, person=second_person,
                                                     by=world.coordinator).status
        except Exception as exc:  # noqa: BLE001 -- reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    try:
        with schema_context(schema):
            thread = threading.Thread(target=second_enrolment)
            with transaction.atomic():
                # This connection takes the place and has not committed yet…
                results["first"] = enrolment_create(programme=programme, person=first_person,
                                                    by=world.coordinator).status
                # …while the other connection tries for the same place: it must wait for this
                # one's commit, then see the place taken.
                thread.start()
                thread.join(timeout=1.5)
                still_waiting = thread.is_alive()
            thread.join(timeout=10)
        assert not errors, errors
        assert still_waiting, "the second enrolment did not wait for the first to commit"
        assert sorted(results.values()) == ["enrolled", "waitlisted"]
        with schema_context(schema):
            assert Enrolment.objects.filter(programme=programme, status="enrolled").count() == 1
    finally:
        with schema_context(schema):
            Programme.objects.filter(pk=programme.pk).delete()
            first_person.delete()
            second_person.delete()


def test_two_connections_enrolling_at_the_same_instant_fill_the_capacity_exactly(worlds, committed_db):
    """Eight enrolments started together on eight connections for five places."""
    world = worlds["a"]
    schema = world.centre.schema_name
    with schema_context(schema):
        today = timezone.localdate()
        programme = programme_create(by=world.coordinator, kind=Programme.Kind.TALK, title="Ομιλία",
                                     capacity=5, starts_on=today, ends_on=today + datetime.timedelta(days=30),
                                     status=Programme.Status.OPEN)
        people = [PersonFactory() for _n in range(8)]
    start, statuses, errors = threading.Barrier(len(people)), [], []

    def enrol(person):
        try:
            with schema_context(schema):
                start.wait(timeout=10)
                statuses.append(enrolment_create(programme=programme, person=person, by=world.coordinator).status)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=enrol, args=(person,)) for person in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert not errors, errors
        assert sorted(statuses) == ["enrolled"] * 5 + ["waitlisted"] * 3
    finally:
        with schema_context(schema):
            Programme.objects.filter(pk=programme.pk).delete()
            for person in people:
                person.delete()
