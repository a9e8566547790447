"""Reception (υποδοχή): contacts with or without a registered person, optionally opening a case."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import PersonFactory
from casework.models import Case, ReceptionContact
from casework.services import cases as services
from platform_core.accounts.roles import Role


def _log(by, **fields):
    values = {"topic": "benefits", "contacted_at": timezone.now(), "channel": "in_person", "outcome": "informed",
              "summary": "Ενημέρωση"} | fields
    return services.contact_log(by=by, **values)


def test_contact_without_a_registered_person_is_logged_with_the_visitors_name(in_centre_a, world_a):
    contact = _log(world_a.users[Role.RECEPTION], visitor_name="Επισκέπτρια")

    assert contact.person is None and contact.visitor_name == "Επισκέπτρια"
    assert contact.staff == world_a.users[Role.RECEPTION]


def test_contact_naming_nobody_is_refused_on_visitor_name(in_centre_a, world_a):
    with pytest.raises(ValidationError) as error:
        _log(world_a.users[Role.RECEPTION])

    assert "visitor_name" in error.value.message_dict


def test_contact_dated_in_the_future_is_refused_on_contacted_at(person, world_a):
    with pytest.raises(ValidationError) as error:
        _log(world_a.users[Role.RECEPTION], person=person, contacted_at=timezone.now() + datetime.timedelta(days=1))

    assert "contacted_at" in error.value.message_dict


def test_contact_with_an_unknown_topic_is_refused_on_topic(person, world_a):
    with pytest.raises(ValidationError) as error:
        _log(world_a.users[Role.RECEPTION], person=person, topic="astrology")

    assert "topic" in error.value.message_dict


def test_contact_that_opens_a_case_records_the_case_and_outcome_case_opened(person, world_a, worker):
    contact = _log(world_a.coordinator, person=person, outcome="informed", open_case=True, assigned_worker=worker,
                   needs=["employment"])

    assert contact.outcome == ReceptionContact.Outcome.CASE_OPENED
    assert contact.case.person == person and contact.case.assigned_worker == worker
    assert contact.case.needs == ["employment"] and contact.case.events.count() == 1


def test_opening_a_case_without_a_registered_person_is_refused_on_person(in_centre_a, world_a, worker):
    with pytest.raises(ValidationError) as error:
        _log(world_a.coordinator, visitor_name="Επισκέπτης", open_case=True, assigned_worker=worker, needs=["other"])

    assert "person" in error.value.message_dict


def test_contact_whose_case_is_refused_leaves_neither_contact_nor_case(person, world_a):
    with pytest.raises(ValidationError) as error:
        _log(world_a.coordinator, person=person, open_case=True, assigned_worker=world_a.coordinator, needs=[])

    assert "needs" in error.value.message_dict
    assert not ReceptionContact.objects.filter(person=person).exists()
    assert not Case.objects.filter(person=person).exists()


def test_reception_staff_cannot_open_a_case_with_a_contact(person, world_a, worker):
    with pytest.raises(ValidationError) as error:
        _log(world_a.users[Role.RECEPTION], person=person, open_case=True, assigned_worker=worker, needs=["other"])

    assert "open_case" in error.value.message_dict


def test_reception_page_logs_a_contact_and_lists_it_among_todays(world_a, person):
    client = world_a.client(Role.RECEPTION)

    response = client.post("/reception/", {
        "person": str(person.pk), "contacted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "channel": "phone", "topic": "pensions", "outcome": "informed", "summary": "Σύνταξη χηρείας",
    })
    page = client.get("/reception/")

    assert response.status_code == 302
    assert ReceptionContact.objects.filter(person=person, topic="pensions").exists()
    assert str(person) in page.content.decode()


def test_reception_page_shows_a_field_error_when_the_topic_is_missing(world_a):
    response = world_a.client(Role.RECEPTION).post("/reception/", {
        "visitor_name": "Επισκέπτης", "contacted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "channel": "phone", "outcome": "informed",
    })

    assert response.status_code == 200
    assert "topic" in response.context["form"].errors
    with schema_context(world_a.centre.schema_name):
        assert not ReceptionContact.objects.filter(visitor_name="Επισκέπτης").exists()


def test_reception_page_shows_the_service_error_on_visitor_name(world_a):
    response = world_a.client(Role.RECEPTION).post("/reception/", {
        "contacted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "channel": "phone",
        "topic": "other", "outcome": "informed",
    })

    assert "visitor_name" in response.context["form"].errors


def test_reception_page_opened_from_a_person_offers_that_person(world_a, in_centre_a):
    someone = PersonFactory()

    response = world_a.client(Role.RECEPTION).get(f"/reception/?person={someone.pk}")

    assert response.context["form"]["person"].value() == someone.pk


def test_contacts_api_logs_a_contact_and_opens_its_case(world_a, person, worker):
    response = world_a.api(Role.SOCIAL_WORKER).post("/api/v1/contacts/", {
        "person": str(person.pk), "topic": "social", "open_case": True, "assigned_worker": str(worker.pk),
        "needs": ["housing"],
    }, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["outcome"] == "case_opened"
    assert response.json()["case_number"].startswith(f"{timezone.localdate().year}/")


@pytest.mark.parametrize(("payload", "field"), [
    ({"visitor_name": "Χ"}, "topic"),
    ({"visitor_name": "Χ", "topic": "weather"}, "topic"),
    ({"topic": "other"}, "visitor_name"),
    ({"visitor_name": "Χ", "topic": "other", "channel": "pigeon"}, "channel"),
    ({"visitor_name": "Χ", "topic": "other", "contacted_at": "2999-01-01T10:00:00Z"}, "contacted_at"),
])
def test_contacts_api_refuses_bad_input_with_the_fields_error(world_a, payload, field):
    response = world_a.api(Role.RECEPTION).post("/api/v1/contacts/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_contacts_api_filters_by_topic_date_range_and_person(world_a, person):
    with schema_context(world_a.centre.schema_name):
        staff = world_a.users[Role.RECEPTION]
        last_week = timezone.now() - datetime.timedelta(days=7)
        _log(staff, person=person, topic="pensions")
        _log(staff, person=person, topic="benefits", contacted_at=last_week)
        _log(staff, visitor_name="Άλλος", topic="pensions")
    api = world_a.api(Role.RECEPTION)
    today = timezone.localdate().isoformat()

    by_person = api.get(f"/api/v1/contacts/?person={person.pk}").json()
    by_topic = api.get(f"/api/v1/contacts/?person={person.pk}&topic=pensions").json()
    by_date = api.get(f"/api/v1/contacts/?person={person.pk}&date_from={today}&date_to={today}").json()

    assert by_person["count"] == 2
    assert [row["topic"] for row in by_topic["results"]] == ["pensions"]
    assert [row["topic"] for row in by_date["results"]] == ["pensions"]


def test_reception_page_offers_opening_a_case_only_to_those_who_may(world_a):
    reception = world_a.client(Role.RECEPTION).get("/reception/").context["form"]
    worker = world_a.client(Role.SOCIAL_WORKER).get("/reception/").context["form"]

    assert "open_case" not in reception.fields and "open_case" in worker.fields


def test_reception_page_opens_a_case_with_the_contact(world_a, person, worker):
    response = world_a.client(Role.SOCIAL_WORKER).post("/reception/", {
        "person": str(person.pk), "contacted_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "channel": "in_person", "topic": "social", "outcome": "informed", "open_case": "on",
        "assigned_worker": str(worker.pk), "needs": ["family"],
    })

    assert response.status_code == 302
    assert ReceptionContact.objects.get(person=person).case == Case.objects.get(person=person, needs=["family"])
