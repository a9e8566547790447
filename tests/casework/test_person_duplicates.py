"""ΑΜΚΑ and ΑΦΜ are unique in a centre (refused with a link to the existing record); the same names
and birth date need a confirmation (pages and API)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from casework.factories import person_fields, valid_afm, valid_amka
from casework.models import Person
from casework.services import people as people_services
from casework.services.people import person_create, person_update
from platform_core.accounts.roles import Role

BIRTH = datetime.date(1975, 11, 2)


@pytest.fixture
def registered(in_centre_a, coordinator) -> Person:
    return person_create(by=coordinator, **person_fields(
        first_name="Γεώργιος", last_name="Παπαδόπουλος", birth_date=BIRTH, amka=valid_amka(BIRTH), afm=valid_afm()))


def _form(**fields) -> dict:
    data = {"gender": "declined", "citizenship": "declined", "foreign_background": "declined",
            "minority": "declined", "disability": "declined", "employment_status": "declined",
            "education": "declined", "housing": "declined", "rural_area": "declined"}
    return {**data, **{name: value for name, value in fields.items() if value is not None}}


def test_duplicate_amka_is_refused_with_link_to_existing_person(registered, coordinator):
    with pytest.raises(ValidationError) as caught:
        person_create(by=coordinator, **person_fields(birth_date=BIRTH, amka=registered.amka))

    [error] = caught.value.error_dict["amka"]
    assert error.code == "duplicate" and error.params["duplicate_of"] == str(registered.pk)
    assert f"/people/{registered.pk}/" in caught.value.message_dict["amka"][0]


def test_duplicate_afm_is_refused_with_link_to_existing_person(registered, coordinator):
    with pytest.raises(ValidationError) as caught:
        person_create(by=coordinator, **person_fields(afm=registered.afm))

    assert f"/people/{registered.pk}/" in caught.value.message_dict["afm"][0]


def test_updating_to_another_persons_afm_is_refused(registered, coordinator):
    other = person_create(by=coordinator, **person_fields())

    with pytest.raises(ValidationError) as caught:
        person_update(person=other, by=coordinator, afm=registered.afm)

    assert caught.value.error_dict["afm"][0].params["duplicate_of"] == str(registered.pk)


def test_saving_a_person_with_their_own_amka_again_is_not_a_duplicate(registered, coordinator):
    person_update(person=registered, by=coordinator, amka=registered.amka, phone="2821012345")

    assert Person.objects.get(pk=registered.pk).phone == "2821012345"


def test_same_names_and_birth_date_need_a_confirmation(registered, coordinator):
    with pytest.raises(ValidationError) as caught:
        person_create(by=coordinator, **person_fields(first_name="ΓΕΩΡΓΙΟΣ", last_name="παπαδοπουλος",
                                                      birth_date=BIRTH, amka="", afm=""))

    [error] = caught.value.error_dict["__all__"]
    assert error.code == "possible_duplicate" and error.params["candidates"] == [str(registered.pk)]


def test_confirmed_possible_duplicate_is_registered(registered, coordinator):
    person = person_create(by=coordinator, confirm_duplicate=True, **person_fields(
        first_name="Γεώργιος", last_name="Παπαδόπουλος", birth_date=BIRTH, amka="", afm=""))

    assert Person.objects.filter(search_last_name="παπαδοπουλοσ").count() == 2 and person.pk != registered.pk


def test_page_refuses_duplicate_amka_with_link_to_existing_person(registered, world_a):
    response = world_a.client(Role.RECEPTION).post("/people/new/", _form(
        first_name="Άννα", last_name="Κρασάκη", birth_date=BIRTH.isoformat(), amka=registered.amka))

    assert response.status_code == 200
    assert f'href="/people/{registered.pk}/"' in response.content.decode()
    assert not Person.objects.filter(last_name="Κρασάκη").exists()


def test_page_warns_of_possible_duplicate_then_registers_when_confirmed(registered, world_a):
    client = world_a.client(Role.RECEPTION)
    form = _form(first_name="Γεώργιος", last_name="Παπαδοπουλος", birth_date=BIRTH.isoformat())

    warned = client.post("/people/new/", form)
    confirmed = client.post("/people/new/", {**form, "confirm_duplicate": "on"})

    assert warned.status_code == 200 and 'name="confirm_duplicate"' in warned.content.decode()
    assert f'href="/people/{registered.pk}/"' in warned.content.decode()
    assert confirmed.status_code == 302
    assert Person.objects.filter(search_last_name="παπαδοπουλοσ").count() == 2


def test_api_refuses_duplicate_amka_with_the_existing_persons_id(registered, world_a):
    response = world_a.api(Role.RECEPTION).post("/api/v1/persons/", {
        "first_name": "Άννα", "last_name": "Κρασάκη", "birth_date": BIRTH.isoformat(), "amka": registered.amka,
    }, format="json")

    body = response.json()
    assert response.status_code == 400
    assert body["code"] == "duplicate" and body["duplicate_of"] == str(registered.pk)
    assert f"/people/{registered.pk}/" in body["amka"][0]


def test_api_answers_possible_duplicate_until_confirmed(registered, world_a):
    api = world_a.api(Role.RECEPTION)
    data = {"first_name": "Γεώργιος", "last_name": "Παπαδόπουλος", "birth_date": BIRTH.isoformat()}

    warned = api.post("/api/v1/persons/", data, format="json")
    confirmed = api.post("/api/v1/persons/", {**data, "confirm_duplicate": True}, format="json")

    assert warned.status_code == 400
    assert warned.json()["code"] == "possible_duplicate"
    assert warned.json()["candidates"] == [str(registered.pk)]
    assert confirmed.status_code == 201 and confirmed.json()["id"] != str(registered.pk)


def test_amka_registered_between_check_and_save_gets_the_same_refusal(registered, coordinator, monkeypatch):
    """Two desks registering the same person at once: the first check passes for both, the
    database's unique constraint stops the second, and it hears the same answer as if it had lost
    the check."""
    check = people_services._refuse_duplicates
    calls = []

    def passes_the_first_time(person):
        calls.append(person)
        if len(calls) > 1:
            check(person)

    monkeypatch.setattr(people_services, "_refuse_duplicates", passes_the_first_time)

    with pytest.raises(ValidationError) as caught:
        person_create(by=coordinator, **person_fields(birth_date=BIRTH, amka=registered.amka))

    assert caught.value.error_dict["amka"][0].params["duplicate_of"] == str(registered.pk)
