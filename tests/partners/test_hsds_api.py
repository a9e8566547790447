"""The open HSDS 3.0 API on the public host: metadata, services and organisations with HSDS's
paging fields and parameters; every response validates against HSDS's compiled JSON schemas."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.utils import timezone

import partners
from partners.taxonomy import term_id

SCHEMAS = Path(partners.__file__).resolve().parent / "schema"
PAGE_FIELDS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMAS / f"{name}.json").read_text()),
                                           format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def service_schema():
    return _validator("service")


@pytest.fixture(scope="module")
def service_list_schema():
    return _validator("service_list")


@pytest.fixture(scope="module")
def organization_schema():
    return _validator("organization")


@pytest.fixture(scope="module")
def organization_list_schema():
    return _validator("organization_list")


def _errors(validator, document) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)]


def test_meta_gives_the_hsds_version(public_world):
    response = public_world.api(None).get("/api/hsds/")

    assert response.status_code == 200 and response.json()["version"] == "3.0"


def test_services_page_has_the_hsds_paging_fields_and_valid_contents(directory, public_world, service_list_schema):
    body = public_world.api(None).get("/api/hsds/services", {"per_page": 2}).json()

    assert set(body) >= PAGE_FIELDS
    assert body["page_number"] == 1 and body["first_page"] and body["size"] == len(body["contents"]) <= 2
    assert body["total_pages"] == -(-body["total_items"] // 2)
    assert all(not _errors(service_list_schema, row) for row in body["contents"]), [
        _errors(service_list_schema, row) for row in body["contents"]]


def test_service_detail_is_a_fully_nested_valid_hsds_service(directory, public_world, service_schema):
    body = public_world.api(None).get(f"/api/hsds/services/{directory['mental'].pk}").json()

    assert not _errors(service_schema, body)
    assert body["organization"]["name"] == "Κέντρο Ψυχικής Υγείας Δοκιμών"
    assert {schedule["byday"] for schedule in body["schedules"]} == {"MO", "TU", "WE", "TH", "FR"}
    assert body["attributes"][0]["taxonomy_term"]["code"] == "mental_health"


def test_organizations_list_and_detail_validate(directory, public_world, organization_list_schema,
                                                organization_schema):
    page = public_world.api(None).get("/api/hsds/organizations").json()
    organization = directory["mental"].organization
    detail = public_world.api(None).get(f"/api/hsds/organizations/{organization.pk}").json()

    assert set(page) >= PAGE_FIELDS
    assert all(not _errors(organization_list_schema, row) for row in page["contents"])
    assert not _errors(organization_schema, detail)
    assert [service["name"] for service in detail["services"]] == ["Ψυχολογική υποστήριξη ενηλίκων"]


def test_search_taxonomy_term_and_organization_parameters_filter_services(directory, public_world):
    api = public_world.api(None)
    by_search = api.get("/api/hsds/services", {"search": "ΤΡΟΦΙΜΩΝ"}).json()["contents"]
    by_term = api.get("/api/hsds/services", {"taxonomy_term_id": str(term_id("mental_health"))}).json()["contents"]
    by_organization = api.get("/api/hsds/services",
                              {"organization_id": str(directory["food"].organization_id)}).json()["contents"]

    assert [row["name"] for row in by_search] == ["Διανομή τροφίμων"]
    assert "Ψυχολογική υποστήριξη ενηλίκων" in [row["name"] for row in by_term]
    assert {row["name"] for row in by_organization} == {"Διανομή τροφίμων", "Παλιό ενδυματοπωλείο"}


def test_modified_after_leaves_out_older_entries(directory, public_world):
    later = (timezone.now() + datetime.timedelta(minutes=5)).isoformat()

    assert public_world.api(None).get("/api/hsds/services", {"modified_after": later}).json()["total_items"] == 0


def test_the_hsds_api_is_not_served_on_a_centre_host(world_a):
    assert world_a.api().get("/api/hsds/services").status_code == 404
