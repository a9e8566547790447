"""One directory for everyone: centre staff search it from their own host, by words (accent- and
case-insensitive), category, area and open now; defunct services are left out."""

from partners.selectors import service_search

from .conftest import weekday_at


def _names(services) -> set[str]:
    return {service.name for service in services}


def test_search_ignores_accents_and_case(directory):
    assert _names(service_search(search="ΨΥΧΟΛΟΓΙΚΗ υποστηριξη")) == {"Ψυχολογική υποστήριξη ενηλίκων"}


def test_search_matches_the_organisations_short_name(directory):
    assert "Ψυχολογική υποστήριξη ενηλίκων" in _names(service_search(search="κψυ δοκιμων"))


def test_category_filter_keeps_only_that_category(directory):
    assert _names(service_search(category="food_material_aid")) >= {"Διανομή τροφίμων"}
    assert "Ψυχολογική υποστήριξη ενηλίκων" not in _names(service_search(category="food_material_aid"))


def test_a_municipality_finds_services_of_its_regional_unit_and_its_own(directory):
    found = _names(service_search(area="apokoronas"))

    assert {"Ψυχολογική υποστήριξη ενηλίκων", "Διανομή τροφίμων"} <= found


def test_open_now_uses_the_opening_hours(directory):
    assert "Ψυχολογική υποστήριξη ενηλίκων" in _names(service_search(open_now=True, now=weekday_at(1, 10)))
    assert "Ψυχολογική υποστήριξη ενηλίκων" not in _names(service_search(open_now=True, now=weekday_at(1, 18)))
    assert "Ψυχολογική υποστήριξη ενηλίκων" not in _names(service_search(open_now=True, now=weekday_at(6, 10)))


def test_defunct_services_are_not_listed(directory):
    assert "Παλιό ενδυματοπωλείο" not in _names(service_search(search="ενδυματοπωλειο"))


def test_an_entry_not_confirmed_for_twelve_months_is_flagged(directory):
    assert directory["food"].is_stale and not directory["mental"].is_stale


def test_centre_staff_search_the_directory_through_their_own_api(directory, world_a):
    response = world_a.api().get("/api/v1/partners/", {"search": "ψυχολογικη", "category": "mental_health"})

    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == ["Ψυχολογική υποστήριξη ενηλίκων"]
    assert response.json()["results"][0]["referral_methods"] == ["phone", "letter"]


def test_centre_search_page_needs_a_signed_in_staff_member(directory, world_a):
    assert world_a.client(None).get("/partners/").status_code == 302
    page = world_a.client().get("/partners/", {"q": "τροφιμων"})

    assert page.status_code == 200 and "Διανομή τροφίμων" in page.content.decode()


def test_public_host_serves_the_directory_search_openly(directory, public_world):
    response = public_world.api(None).get("/api/v1/partners/", {"area": "chania"})

    assert response.status_code == 200
    assert "Ψυχολογική υποστήριξη ενηλίκων" in {row["name"] for row in response.json()["results"]}
