"""The region API: published cells of the caller's own region only, the catalogue, and 400
with field errors for anything it does not know."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from platform_core.accounts.services import token_create
from regional.models import PublishedIndicatorValue
from regional.services import region_user_create
from tests.conftest import PASSWORD

URL = "/api/v1/region/indicators/"


def rows_of(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_region_user_gets_the_published_cells_with_the_contract_fields(public_world, published):
    response = public_world.api(public_world.region_token).get(URL, {"indicator": "people_served", "period": published})

    rows = rows_of(response)
    assert set(rows[0]) == {"centre", "regional_unit", "period", "indicator", "breakdown", "value", "suppressed"}
    region_total = next(r for r in rows if r["centre"] is None and r["regional_unit"] is None and r["breakdown"] == "")
    assert region_total["value"] == 32


def test_a_suppressed_cell_has_a_null_value(public_world, published):
    rows = rows_of(public_world.api(public_world.region_token).get(
        URL, {"indicator": "people_served", "period": published, "centre": "alpha", "breakdown": "gender=women"}))

    assert rows == [{"centre": "alpha", "regional_unit": "chania", "period": published, "indicator": "people_served",
                     "breakdown": "gender=women", "value": None, "suppressed": True}]


def test_unit_filter_keeps_the_units_totals_and_centres(public_world, published):
    rows = rows_of(public_world.api(public_world.region_token).get(
        URL, {"indicator": "people_served", "period": published, "unit": "chania", "breakdown": ""}))

    assert {(r["centre"], r["regional_unit"]) for r in rows} == {("alpha", "chania"), ("beta", "chania"),
                                                                 (None, "chania")}


@pytest.mark.parametrize(("params", "field"), [
    ({"indicator": "no_such_indicator"}, "indicator"),
    ({"period": "2024-13"}, "period"),
    ({"period": "last-year"}, "period"),
    ({"period": "2999-01"}, "period"),
    ({"unit": "atlantis"}, "unit"),
    ({"unit": "attica"}, "unit"),
    ({"centre": "nowhere"}, "centre"),
    ({"indicator": "people_served", "breakdown": "colour=blue"}, "breakdown"),
])
def test_bad_input_is_a_400_with_the_fields_error(public_world, params, field):
    response = public_world.api(public_world.region_token).get(URL, params)

    assert response.status_code == 400 and field in response.json()


def test_catalogue_lists_every_indicator_with_its_unit(public_world):
    response = public_world.api(public_world.region_token).get(URL + "catalogue/", {"page_size": 200})

    entries = {entry["code"]: entry for entry in response.json()["results"]}
    assert entries["people_served"]["unit"] == "persons" and entries["people_served"]["label"]
    assert entries["reception_contacts"]["unit"] == "events"
    assert {"code", "label", "unit"} <= set(entries["families_served"])


def test_a_user_of_another_region_gets_nothing_of_crete(public_world, published):
    attica = region_user_create(region="attica", email="region@attica.test", password=PASSWORD)
    client = public_world.api(token_create(user=attica).key)

    assert rows_of(client.get(URL, {"period": published})) == []
    assert client.get(URL, {"centre": "alpha", "period": published}).status_code == 400
    assert client.get(URL, {"unit": "chania"}).status_code == 400


def test_operator_token_is_refused(public_world, published):
    assert public_world.api(public_world.operator_token).get(URL).status_code == 403


def test_a_centres_token_is_not_known_on_the_public_host(public_world, world_a, published):
    assert public_world.api(world_a.tokens[next(iter(world_a.tokens))]).get(URL).status_code == 401


def test_the_region_api_does_not_exist_on_a_centre_host(world_a):
    assert world_a.api().get(URL).status_code == 404


def centre_schemas_in(queries, centres) -> list[str]:
    names = [centre.schema_name for centre in centres]
    return [q["sql"] for q in queries if any(re.search(rf'\b{re.escape(n)}\b', q["sql"]) for n in names)]


def test_region_pages_and_api_read_no_centre_schema(public_world, published, centre_a, centre_b):
    api = public_world.api(public_world.region_token)
    pages = public_world.client(public_world.region_user)

    with CaptureQueriesContext(connection) as captured:
        assert api.get(URL, {"period": published}).status_code == 200
        assert api.get(URL + "catalogue/").status_code == 200
        for path in ["/region/", "/region/indicators/people_served/", "/region/esf/"]:
            assert pages.get(path, {"period": published}).status_code == 200
            assert pages.get(path, {"period": published, "format": "xlsx"}).status_code == 200

    assert captured.captured_queries
    assert not centre_schemas_in(captured.captured_queries, [centre_a, centre_b])
    search_paths = {q["sql"] for q in captured.captured_queries if "search_path" in q["sql"].lower()}
    assert search_paths <= {'SET search_path = "public"'}
    assert PublishedIndicatorValue.objects.exists()
