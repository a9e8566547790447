"""Operator API on the public host: list, onboard, suspend, reactivate and archive centres."""

import pytest
from django.test import Client
from rest_framework.pagination import PageNumberPagination

from platform_core.accounts.roles import Role
from tenants.models import Centre
from tenants.services import centre_archive, centre_suspend

from .onboarding import (
    NEW_ADMIN_EMAIL,
    NEW_ADMIN_PASSWORD,
    NEW_SLUG,
    NO_TRACE,
    fresh,
    host_of,
    traces_of,
    valid_centre_input,
)

CENTRES = "/api/v1/operator/centres/"


@pytest.fixture
def operator_api(public_world):
    return public_world.api(public_world.operator_token)


# --- onboarding ---------------------------------------------------------------------------------


def test_operator_creates_a_centre_and_gets_its_address(operator_api):
    response = operator_api.post(CENTRES, valid_centre_input(), format="json")

    assert response.status_code == 201
    body = response.json()
    assert (body["slug"], body["domain"], body["status"]) == (NEW_SLUG, host_of(NEW_SLUG), "active")
    assert host_of(NEW_SLUG) in body["url"]


def test_centre_created_by_the_api_answers_on_its_host(operator_api):
    operator_api.post(CENTRES, valid_centre_input(), format="json")
    client = Client(HTTP_HOST=host_of(NEW_SLUG))

    response = client.post("/accounts/login/", {"username": NEW_ADMIN_EMAIL, "password": NEW_ADMIN_PASSWORD})

    assert response.status_code == 302
    assert client.get("/", follow=True).status_code == 200  # the first-login page, at first


def test_centre_created_by_the_api_has_its_schema_row_and_domain(operator_api):
    operator_api.post(CENTRES, valid_centre_input(), format="json")

    assert traces_of(NEW_SLUG) == {"schema": True, "centre": True, "domains": [NEW_SLUG]}


def test_api_response_never_echoes_the_admin_password(operator_api):
    response = operator_api.post(CENTRES, valid_centre_input(), format="json")

    assert NEW_ADMIN_PASSWORD not in response.content.decode()


@pytest.mark.parametrize(("overrides", "field"), [
    ({"slug": "Gamma"}, "slug"),
    ({"slug": "9gamma"}, "slug"),
    ({"slug": "γάμμα"}, "slug"),
    ({"slug": "g" * 42}, "slug"),
    ({"slug": "admin"}, "slug"),
    ({"slug": "pg-x"}, "slug"),
    ({"name": "   "}, "name"),
    ({"region": "atlantis"}, "region"),
    ({"municipality": "nowhere"}, "municipality"),
    ({"admin_password": "12345"}, "admin_password"),
    ({"admin_email": "not-an-email"}, "admin_email"),
])
def test_invalid_input_gives_400_naming_the_field_and_creates_nothing(operator_api, overrides, field):
    data = valid_centre_input(**overrides)

    response = operator_api.post(CENTRES, data, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert traces_of(data["slug"]) == NO_TRACE


def test_missing_name_gives_400_on_the_name_field(operator_api):
    data = valid_centre_input()
    del data["name"]

    response = operator_api.post(CENTRES, data, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["name"]
    assert traces_of(NEW_SLUG) == NO_TRACE


def test_duplicate_slug_gives_400_with_a_sentence_on_the_slug(operator_api, centre_a):
    response = operator_api.post(CENTRES, valid_centre_input(slug=centre_a.slug), format="json")

    assert response.status_code == 400
    assert response.json() == {"slug": [f"Υπάρχει ήδη κέντρο με αναγνωριστικό «{centre_a.slug}»."]}


def test_duplicate_domain_gives_400_on_the_domain_and_creates_nothing(operator_api, centre_b):
    centre_b.domains.create(domain=host_of(NEW_SLUG), is_primary=False)

    response = operator_api.post(CENTRES, valid_centre_input(), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["domain"]
    assert traces_of(NEW_SLUG) == {"schema": False, "centre": False, "domains": [centre_b.slug]}


def test_failure_half_way_through_the_api_leaves_nothing_behind(public_world, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("injected failure")

    monkeypatch.setattr("tenants.services.reference_data_load", fail)
    api = public_world.api(public_world.operator_token)
    api.raise_request_exception = False

    response = api.post(CENTRES, valid_centre_input(), format="json")

    assert response.status_code == 500
    assert traces_of(NEW_SLUG) == NO_TRACE


# --- listing ------------------------------------------------------------------------------------


def test_operator_lists_every_centre_but_not_the_public_site(operator_api, centre_a, centre_b):
    response = operator_api.get(CENTRES)

    assert response.status_code == 200
    assert {c["slug"] for c in response.json()["results"]} == {centre_a.slug, centre_b.slug}


def test_centre_list_is_paginated(operator_api, centre_a, centre_b, monkeypatch):
    monkeypatch.setattr(PageNumberPagination, "page_size", 1)

    first = operator_api.get(CENTRES).json()
    second = operator_api.get(first["next"]).json()

    assert first["count"] == 2
    assert [len(first["results"]), len(second["results"])] == [1, 1]
    assert first["results"][0]["slug"] != second["results"][0]["slug"]


def test_operator_sees_one_centre_by_its_id(operator_api, centre_a):
    response = operator_api.get(f"{CENTRES}{centre_a.pk}/")

    assert response.status_code == 200
    assert response.json()["slug"] == centre_a.slug


# --- who may use it -----------------------------------------------------------------------------


def test_anonymous_caller_is_refused_with_401(public_world):
    response = public_world.api(None).get(CENTRES)

    assert response.status_code == 401


def test_anonymous_caller_cannot_create_a_centre(public_world):
    response = public_world.api(None).post(CENTRES, valid_centre_input(), format="json")

    assert response.status_code == 401
    assert traces_of(NEW_SLUG) == NO_TRACE


def test_region_user_is_refused_with_403(public_world):
    response = public_world.api(public_world.region_token).post(CENTRES, valid_centre_input(), format="json")

    assert response.status_code == 403
    assert traces_of(NEW_SLUG) == NO_TRACE


def test_centre_staff_token_is_unknown_on_the_public_host(public_world, world_a):
    response = public_world.api(world_a.tokens[Role.COORDINATOR]).get(CENTRES)

    assert response.status_code == 401


def test_operator_api_does_not_exist_on_a_centre_host(world_a):
    response = world_a.api(Role.COORDINATOR).get(CENTRES)

    assert response.status_code == 404


def test_region_user_cannot_suspend_a_centre(public_world, centre_a):
    response = public_world.api(public_world.region_token).post(f"{CENTRES}{centre_a.pk}/suspend/")

    assert response.status_code == 403
    assert fresh(centre_a).status == Centre.Status.ACTIVE


# --- lifecycle ----------------------------------------------------------------------------------


def test_operator_suspends_an_active_centre(operator_api, centre_a):
    response = operator_api.post(f"{CENTRES}{centre_a.pk}/suspend/")

    assert response.status_code == 200
    assert response.json()["status"] == "suspended"
    assert fresh(centre_a).status == Centre.Status.SUSPENDED


def test_operator_reactivates_a_suspended_centre(operator_api, centre_a):
    centre_suspend(centre=fresh(centre_a))

    response = operator_api.post(f"{CENTRES}{centre_a.pk}/reactivate/")

    assert response.status_code == 200
    assert fresh(centre_a).status == Centre.Status.ACTIVE


def test_operator_archives_a_suspended_centre(operator_api, centre_a):
    centre_suspend(centre=fresh(centre_a))

    response = operator_api.post(f"{CENTRES}{centre_a.pk}/archive/")

    assert response.status_code == 200
    assert fresh(centre_a).status == Centre.Status.ARCHIVED


def test_suspending_one_centre_leaves_the_other_active(operator_api, centre_a, centre_b):
    operator_api.post(f"{CENTRES}{centre_a.pk}/suspend/")

    assert fresh(centre_b).status == Centre.Status.ACTIVE


def test_reactivating_an_active_centre_gives_400_with_a_sentence(operator_api, centre_a):
    response = operator_api.post(f"{CENTRES}{centre_a.pk}/reactivate/")

    assert response.status_code == 400
    assert response.json() == {"status": ["Το κέντρο είναι «Ενεργό»· η αλλαγή δεν επιτρέπεται."]}


def test_suspending_a_suspended_centre_gives_400(operator_api, centre_a):
    centre_suspend(centre=fresh(centre_a))

    response = operator_api.post(f"{CENTRES}{centre_a.pk}/suspend/")

    assert response.status_code == 400
    assert response.json() == {"status": ["Το κέντρο είναι «Σε αναστολή»· η αλλαγή δεν επιτρέπεται."]}


@pytest.mark.parametrize("action", ["suspend", "reactivate", "archive"])
def test_an_archived_centre_cannot_change_status_again(operator_api, centre_a, action):
    centre_archive(centre=fresh(centre_a))

    response = operator_api.post(f"{CENTRES}{centre_a.pk}/{action}/")

    assert response.status_code == 400
    assert "Αρχειοθετημένο" in response.json()["status"][0]
    assert fresh(centre_a).status == Centre.Status.ARCHIVED


def test_lifecycle_of_an_unknown_centre_gives_404(operator_api):
    response = operator_api.post(f"{CENTRES}00000000-0000-0000-0000-000000000000/suspend/")

    assert response.status_code == 404
