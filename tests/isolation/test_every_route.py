"""Every route of both URL confs, called as every caller who has no business there, leaks nothing."""

import pytest

from tests.conftest import LEAK_MARKER

from .calls import refusal_problem, response_text, walk
from .routes import PUBLIC_URLCONF, TENANT_URLCONF, route_ids, routes_of

# Read from the resolver at collection (pytest-django has set Django up): a route added to
# either URL conf gets its own tests here without editing this file.
TENANT_ROUTES = routes_of(TENANT_URLCONF)
PUBLIC_ROUTES = routes_of(PUBLIC_URLCONF)
TENANT_ID_ROUTES = [route for route in TENANT_ROUTES if route.takes_object_id]
TENANT_ROUTES_WITHOUT_IDS = [route for route in TENANT_ROUTES if not route.takes_object_id]
OPERATOR_ROUTES = [route for route in PUBLIC_ROUTES if route.is_operator_only]
REGION_ROUTES = [route for route in PUBLIC_ROUTES if route.is_region_only]

CENTRE_A_STAFF = ("A coordinator session", "A coordinator token", "A reception session", "A reception token")
# One centre's staff stand for all on the public host: every centre's accounts are alike there.
CENTRE_STAFF = ("A coordinator session", "A coordinator token")


def _refusal_unless_public(route):
    return None if route.is_public_by_design else refusal_problem


def _report(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems)


@pytest.mark.parametrize("route", TENANT_ROUTES, ids=route_ids(TENANT_ROUTES))
def test_centre_route_gives_anonymous_callers_nothing(route, call, isolation):
    problems = walk(
        call, route=route, host=isolation.a_host, object_ids=isolation.foreign_ids,
        credentials=[isolation["anonymous"]], secrets=isolation.b_secrets, judge=_refusal_unless_public(route),
    )

    assert not problems, _report(problems)


@pytest.mark.parametrize("route", TENANT_ROUTES, ids=route_ids(TENANT_ROUTES))
def test_centre_route_ignores_another_centres_session_and_token(route, call, isolation):
    problems = walk(
        call, route=route, host=isolation.a_host, object_ids=isolation.foreign_ids,
        credentials=[isolation["B coordinator session"], isolation["B coordinator token"]],
        secrets=isolation.b_secrets, judge=_refusal_unless_public(route),
    )

    assert not problems, _report(problems)


@pytest.mark.parametrize("route", TENANT_ID_ROUTES, ids=route_ids(TENANT_ID_ROUTES))
def test_centre_route_gives_staff_nothing_for_another_centres_object_ids(route, call, isolation):
    problems = walk(
        call, route=route, host=isolation.a_host, object_ids=isolation.foreign_ids,
        credentials=[isolation[label] for label in CENTRE_A_STAFF], secrets=isolation.b_secrets,
        judge=refusal_problem,
    )

    assert not problems, _report(problems)


# Routes with ids are checked for leaks to the same staff by the test above.
@pytest.mark.parametrize("route", TENANT_ROUTES_WITHOUT_IDS, ids=route_ids(TENANT_ROUTES_WITHOUT_IDS))
def test_centre_route_shows_its_own_staff_nothing_of_another_centre(route, call, isolation):
    problems = walk(
        call, route=route, host=isolation.a_host, object_ids=isolation.foreign_ids,
        credentials=[isolation[label] for label in CENTRE_A_STAFF], secrets=isolation.b_secrets, judge=None,
    )

    assert not problems, _report(problems)


@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=route_ids(PUBLIC_ROUTES))
def test_public_route_gives_anonymous_callers_nothing(route, call, isolation):
    problems = walk(
        call, route=route, host=isolation.public_host, object_ids=isolation.foreign_ids_on_public,
        credentials=[isolation["anonymous"]], secrets=isolation.public_secrets, judge=_refusal_unless_public(route),
    )

    assert not problems, _report(problems)


@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=route_ids(PUBLIC_ROUTES))
def test_public_route_ignores_centre_staff_sessions_and_tokens(route, call, isolation):
    problems = walk(
        call, route=route, host=isolation.public_host, object_ids=isolation.foreign_ids_on_public,
        credentials=[isolation[label] for label in CENTRE_STAFF], secrets=isolation.public_secrets,
        judge=_refusal_unless_public(route),
    )

    assert not problems, _report(problems)


@pytest.mark.parametrize("route", OPERATOR_ROUTES, ids=route_ids(OPERATOR_ROUTES))
def test_operator_route_refuses_region_users(route, call, isolation):
    problems = walk(
        call, route=route, host=isolation.public_host, object_ids=isolation.foreign_ids_on_public,
        credentials=[isolation["region user session"], isolation["region user token"]],
        secrets=isolation.public_secrets, judge=_refusal_unless_public(route),
    )

    assert not problems, _report(problems)


@pytest.mark.parametrize("route", REGION_ROUTES, ids=route_ids(REGION_ROUTES))
def test_region_route_refuses_operators(route, call, isolation):
    problems = walk(
        call, route=route, host=isolation.public_host, object_ids=isolation.foreign_ids_on_public,
        credentials=[isolation["operator session"], isolation["operator token"]],
        secrets=isolation.public_secrets, judge=_refusal_unless_public(route),
    )

    assert not problems, _report(problems)


def test_route_walk_reaches_included_admin_and_api_routes():
    tenant_names = {route.name for route in TENANT_ROUTES}
    public_names = {route.name for route in PUBLIC_ROUTES}

    assert {"accounts:staff-detail", "api-staff-detail", "set_language", "api-schema"} <= tenant_names
    # The coordinator's audit view and the first login (issue 12), walked like every route.
    assert {"casework:access-log", "casework_api:access-log", "first-login"} <= tenant_names
    assert {"admin:index", "admin:app_list", "operator-centre-suspend", "regional:console"} <= public_names
    # A centre's archive (issue 15): the coordinator's download, the operator's export, restore and health.
    assert {"centre-export:download", "api-centre-export-download"} <= tenant_names
    assert {"tenants:export-download", "tenants:export-restore", "operator-export-restore", "operator-health",
            "operator-centre-delete", "operator-centre-exports"} <= public_names


def test_harness_sees_centre_a_staff_on_centre_a_host_as_its_coordinator(call, isolation):
    """Without this, a harness that never sees any data (every call refused) would pass."""
    responses = (
        call("GET", isolation.a_host, path, isolation["A coordinator session"])
        for route in TENANT_ROUTES for path in route.paths(isolation.own_ids)
    )

    assert any(isolation.a_coordinator_email in response_text(response) for response in responses)


def test_harness_sees_centre_b_on_the_public_host_where_operators_may(call, isolation):
    responses = (
        call("GET", isolation.public_host, path, isolation["operator session"])
        for route in OPERATOR_ROUTES for path in route.paths(isolation.foreign_ids_on_public)
    )

    assert any(LEAK_MARKER in response_text(response) for response in responses)
