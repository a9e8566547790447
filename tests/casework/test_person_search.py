"""person_search: names (each word a prefix, accents and case ignored), ΑΜΚΑ, ΑΦΜ, phone; on an index."""

import datetime

import pytest
from django.db import connection

from casework.factories import PersonFactory, person_fields, valid_afm, valid_amka
from casework.identifiers import search_form
from casework.models import Person
from casework.selectors.people import person_search
from casework.services.people import person_create
from platform_core.accounts.roles import Role

BIRTH = datetime.date(1990, 7, 21)


@pytest.fixture
def maria(in_centre_a, coordinator) -> Person:
    return person_create(by=coordinator, **person_fields(
        first_name="Μαρία", last_name="Παπαδοπούλου", birth_date=BIRTH, amka=valid_amka(BIRTH), afm=valid_afm(),
        phone="6977123456"))


@pytest.fixture
def others(in_centre_a, coordinator) -> list[Person]:
    return [person_create(by=coordinator, **person_fields(first_name=first, last_name=last))
            for first, last in [("Νίκος", "Παπαδάκης"), ("Ελένη", "Μαρκάκη"), ("Ιωάννης", "Σταυρόπουλος")]]


def _found(query: str) -> set[str]:
    return {str(person) for person in person_search(query=query)}


def test_surname_without_accents_in_lower_case_finds_the_accented_name(maria, others):
    assert _found("παπαδοπουλου") == {"Παπαδοπούλου Μαρία"}


def test_upper_case_prefix_finds_every_surname_it_begins(maria, others):
    assert _found("ΠΑΠΑΔ") == {"Παπαδοπούλου Μαρία", "Παπαδάκης Νίκος"}


def test_each_word_narrows_by_surname_or_first_name(maria, others):
    assert _found("παπαδ μαρ") == {"Παπαδοπούλου Μαρία"}
    assert _found("μαρ") == {"Παπαδοπούλου Μαρία", "Μαρκάκη Ελένη"}


def test_final_sigma_and_medial_sigma_compare_equal(maria, others):
    assert _found("σταυροπουλος") == {"Σταυρόπουλος Ιωάννης"}


def test_amka_finds_its_person(maria, others):
    assert list(person_search(query=maria.amka)) == [maria]


def test_afm_with_spaces_finds_its_person(maria, others):
    assert list(person_search(query=f"{maria.afm[:3]} {maria.afm[3:]}")) == [maria]


def test_phone_with_country_code_finds_its_person(maria, others):
    assert list(person_search(query="+30 697 712 3456")) == [maria]


def test_digits_of_no_known_length_search_phone_prefixes(maria, others):
    assert list(person_search(query="697712")) == [maria]


def test_person_list_page_searches(maria, others, world_a):
    response = world_a.client(Role.RECEPTION).get("/people/", {"q": "παπαδοπουλου"})

    assert "Παπαδοπούλου" in response.content.decode() and "Μαρκάκη" not in response.content.decode()


def test_api_lists_search_results(maria, others, world_a):
    response = world_a.api(Role.AUDITOR).get("/api/v1/persons/", {"q": "ΜΑΡΙΑ"})

    assert [row["id"] for row in response.json()["results"]] == [str(maria.pk)]


def test_name_search_uses_the_surname_index(in_centre_a):
    """With 5,000 people and fresh statistics the planner chooses the varchar_pattern_ops index
    for a prefix of the folded surname (no planner settings changed: this is its own choice)."""
    people = PersonFactory.build_batch(5_000, amka="", afm="", amka_hash="", afm_hash="")
    for n, person in enumerate(people):
        person.last_name, person.first_name = f"Επώνυμο{n:05d}", f"Όνομα{n:05d}"
        person.search_last_name, person.search_first_name = search_form(person.last_name), search_form(
            person.first_name)
    Person.objects.bulk_create(people, batch_size=1_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE casework_person")
    queryset = person_search(query="επωνυμο0421")

    plan = queryset.explain()

    assert "person_search_last" in plan and "Seq Scan" not in plan, plan
    assert queryset.count() == 10
