"""person_create refuses bad input field by field, and keeps the derived columns in step."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from casework.factories import person_fields, valid_afm, valid_amka
from casework.identifiers import id_hash
from casework.models import Person
from casework.services.people import person_create, person_update

BIRTH = datetime.date(1984, 3, 9)


def _errors(coordinator, **overrides) -> dict:
    with pytest.raises(ValidationError) as caught:
        person_create(by=coordinator, **person_fields(**{"birth_date": BIRTH, **overrides}))
    return caught.value.message_dict


def _codes(coordinator, field, **overrides) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        person_create(by=coordinator, **person_fields(**{"birth_date": BIRTH, **overrides}))
    return [error.code for error in caught.value.error_dict[field]]


def test_amka_of_ten_digits_is_refused_for_its_length(in_centre_a, coordinator):
    assert _codes(coordinator, "amka", amka="0903841234") == ["amka_length"]


def test_amka_with_a_wrong_check_digit_is_refused(in_centre_a, coordinator):
    amka = valid_amka(BIRTH)
    wrong = amka[:-1] + str((int(amka[-1]) + 1) % 10)

    assert _codes(coordinator, "amka", amka=wrong) == ["amka_checksum"]


def test_amka_that_disagrees_with_the_birth_date_is_refused(in_centre_a, coordinator):
    amka = valid_amka(datetime.date(1984, 3, 10))

    errors = _errors(coordinator, amka=amka)

    assert "100384" in errors["amka"][0] and "090384" in errors["amka"][0]


def test_amka_typed_with_spaces_is_stored_as_eleven_digits(in_centre_a, coordinator):
    amka = valid_amka(BIRTH)

    person = person_create(by=coordinator, **person_fields(birth_date=BIRTH, amka=f"{amka[:6]} {amka[6:]}"))

    assert person.amka == amka and person.amka_hash == id_hash("amka", amka)


def test_afm_with_a_wrong_check_digit_is_refused(in_centre_a, coordinator):
    afm = valid_afm()
    wrong = afm[:-1] + str((int(afm[-1]) + 1) % 10)

    assert _codes(coordinator, "afm", afm=wrong) == ["afm_checksum"]


def test_afm_of_zeros_is_refused_though_its_checksum_passes(in_centre_a, coordinator):
    assert _codes(coordinator, "afm", afm="000000000") == ["afm_zero"]


def test_malformed_email_is_refused(in_centre_a, coordinator):
    assert "email" in _errors(coordinator, email="not-an-address")


@pytest.mark.parametrize("phone", ["69123", "69123456789", "+44 7700 900123", "69-12-ab-3456"])
def test_phone_that_is_not_ten_greek_digits_is_refused(in_centre_a, coordinator, phone):
    assert _codes(coordinator, "phone", phone=phone) == ["phone"]


def test_phone_with_country_code_and_spaces_is_stored_as_ten_digits(in_centre_a, coordinator):
    person = person_create(by=coordinator, **person_fields(phone="+30 694 123 4567"))

    assert person.phone == "6941234567"


def test_postcode_of_four_digits_is_refused(in_centre_a, coordinator):
    assert _codes(coordinator, "postcode", postcode="7310") == ["postcode"]


def test_unknown_choice_is_refused(in_centre_a, coordinator):
    assert "employment_status" in _errors(coordinator, employment_status="astronaut")


def test_birth_date_in_the_future_is_refused(in_centre_a, coordinator):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)

    assert "birth_date" in _errors(coordinator, birth_date=tomorrow, amka="")


def test_every_bad_field_is_reported_at_once_and_nothing_is_written(in_centre_a, coordinator):
    errors = _errors(coordinator, afm="000000000", email="nope", phone="12", last_name="")

    assert {"afm", "email", "phone", "last_name"} <= set(errors)
    assert not Person.objects.filter(email="nope").exists()


def test_search_names_follow_a_change_of_surname(in_centre_a, coordinator):
    person = person_create(by=coordinator, **person_fields(last_name="Παπαδάκη"))

    person = person_update(person=person, by=coordinator, last_name="Ανδρουλάκη")

    assert Person.objects.get(pk=person.pk).search_last_name == "ανδρουλακη"
