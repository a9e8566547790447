"""Finding a person from anywhere: the header's search as you type, and every person picker a
search over person_search (never a list of every person) that also works as a plain form."""

import re

import pytest
from django_tenants.utils import schema_context

from casework.factories import PersonFactory
from casework.models import ReceptionContact
from platform_core.accounts.roles import Role

PICKER_PAGES = ["/reception/", "/referrals/new/", "/incoming-referrals/new/", "/appointments/new/"]


@pytest.fixture
def chania_people(world_a):
    with schema_context(world_a.centre.schema_name):
        return {
            "maria": PersonFactory(last_name="Ξυλούρη", first_name="Μαρία"),
            "nikos": PersonFactory(last_name="Ξυλουράκης", first_name="Νίκος"),
            "eleni": PersonFactory(last_name="Μαρκάκη", first_name="Ελένη"),
        }


def _radios(html: str, name: str = "person") -> set[str]:
    return set(re.findall(rf'<input type="radio" name="{name}" value="([0-9a-f-]+)"', html))


def test_every_centre_page_has_the_person_search_in_its_header_loading_htmx_from_this_host(world_a):
    html = world_a.client(Role.RECEPTION).get("/cases/caseload/").content.decode()

    assert 'data-testid="header-search"' in html
    assert 'action="/people/"' in html and 'hx-post="/people/search/"' in html
    assert re.search(r'<script src="/static/django_htmx/htmx-2[^"]*\.js"', html)


def test_header_search_answers_as_you_type_with_links_to_the_people_found(world_a, chania_people):
    response = world_a.client(Role.RECEPTION).post("/people/search/", {"q": "ξυλουρ"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert f'href="/people/{chania_people["maria"].pk}/"' in html
    assert f'href="/people/{chania_people["nikos"].pk}/"' in html
    assert str(chania_people["eleni"].pk) not in html
    assert 'href="/people/new/"' in html


def test_header_search_with_nothing_typed_lists_nobody(world_a, chania_people):
    html = world_a.client(Role.RECEPTION).post("/people/search/", {"q": " "}).content.decode()

    assert "Ξυλούρη" not in html and "Μαρκάκη" not in html


def test_header_search_never_finds_another_centres_people(world_a, world_b):
    with schema_context(world_b.centre.schema_name):
        PersonFactory(last_name="Ψαλιδάκη")

    html = world_a.client(Role.COORDINATOR).post("/people/search/", {"q": "ψαλιδ"}).content.decode()

    assert "Ψαλιδάκη" not in html


def test_header_search_is_refused_to_someone_not_signed_in(world_a, chania_people):
    response = world_a.client(None).post("/people/search/", {"q": "ξυλουρ"})

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", PICKER_PAGES)
def test_a_person_picker_is_a_search_not_a_list_of_everyone(world_a, chania_people, path):
    html = world_a.client(Role.COORDINATOR).get(path).content.decode()

    assert '<select name="person"' not in html
    assert 'name="person_q"' in html and 'hx-post="/people/pick/"' in html
    assert 'href="/people/new/"' in html
    assert "Μαρκάκη" not in html


def test_the_picker_offers_the_people_found_as_choices_of_their_id(world_a, chania_people):
    html = world_a.client(Role.RECEPTION).post(
        "/people/pick/", {"field": "person", "person_q": "ξυλουρ"}, HTTP_HX_REQUEST="true").content.decode()

    assert _radios(html) == {str(chania_people["maria"].pk), str(chania_people["nikos"].pk)}


def test_the_picker_keeps_the_person_already_chosen_among_new_results(world_a, chania_people):
    chosen = chania_people["eleni"]
    html = world_a.client(Role.RECEPTION).post("/people/pick/", {
        "field": "guardian", "guardian_q": "ξυλουρη", "guardian": str(chosen.pk)}).content.decode()

    assert _radios(html, "guardian") == {str(chosen.pk), str(chania_people["maria"].pk)}
    assert f'value="{chosen.pk}" checked' in html


def test_without_javascript_the_picker_search_posts_the_form_back_with_choices_and_saves_nothing(
        world_a, chania_people):
    with schema_context(world_a.centre.schema_name):
        contacts_before = ReceptionContact.objects.count()
    response = world_a.client(Role.RECEPTION).post("/reception/", {
        "person_q": "μαρκακη", "person_find": "1", "topic": "benefits", "channel": "in_person",
        "outcome": "informed", "contacted_at": "2026-12-04T10:00"})

    assert response.status_code == 200
    assert _radios(response.content.decode()) == {str(chania_people["eleni"].pk)}
    with schema_context(world_a.centre.schema_name):
        assert ReceptionContact.objects.count() == contacts_before


def test_the_person_chosen_in_the_reception_picker_is_the_one_the_contact_is_logged_for(world_a, chania_people):
    chosen = chania_people["nikos"]
    response = world_a.client(Role.RECEPTION).post("/reception/", {
        "person_q": "ξυλουρ", "person": str(chosen.pk), "topic": "benefits", "channel": "in_person",
        "outcome": "informed", "contacted_at": "2026-12-04T10:00"})

    assert response.status_code == 302
    with schema_context(world_a.centre.schema_name):
        assert ReceptionContact.objects.filter(person=chosen).count() == 1


def test_a_page_opened_for_a_person_starts_with_that_person_chosen(world_a, chania_people):
    person = chania_people["maria"]
    html = world_a.client(Role.RECEPTION).get(f"/reception/?person={person.pk}").content.decode()

    assert f'<input type="radio" name="person" value="{person.pk}" checked>' in html
