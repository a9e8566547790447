"""Input PostgreSQL cannot store or Python cannot parse is bad input (400), never a server error:
a NUL character in any query parameter, form field or path, and JSON nested too deep."""

import io
import uuid

import pytest
from rest_framework.exceptions import ParseError

from platform_core.accounts.roles import Role
from platform_core.input_guards import JSON_MAX_DEPTH, BoundedJSONParser
from tests.isolation.routes import PUBLIC_URLCONF, TENANT_URLCONF, routes_of

DEEP_JSON = "[" * 100_000


def _no_raise(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("url", ["/api/v1/partners/?search=%00", "/api/v1/partners/?kind=%00", "/partners/?q=%00"])
@pytest.mark.parametrize("host", ["centre", "public"])
def test_nul_in_an_anonymous_search_is_a_bad_request(url, host, world_a, public_world):
    client = _no_raise(world_a.client(None) if host == "centre" else public_world.client(None))

    assert client.get(url).status_code == 400


@pytest.mark.parametrize("url", ["/api/v1/persons/?q=%00", "/people/?q=%00", "/api/v1/persons/?q=ab%00cd"])
def test_nul_in_a_staff_search_is_a_bad_request(url, world_a):
    assert _no_raise(world_a.client(Role.SOCIAL_WORKER)).get(url).status_code == 400


def test_nul_in_a_parameter_name_is_a_bad_request(world_a):
    assert _no_raise(world_a.client()).get("/people/?a%00b=1").status_code == 400


def test_nul_in_a_form_field_is_a_bad_request_with_a_message(world_a):
    response = _no_raise(world_a.client(None)).post(
        "/accounts/login/", {"username": "someone\x00@alpha.test", "password": "x"})

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_nul_in_the_path_is_a_bad_request(world_a):
    assert _no_raise(world_a.client(None)).get("/partners/x%00y/").status_code == 400


def test_nul_in_an_api_query_answers_json_with_a_code(world_a):
    response = _no_raise(world_a.api(Role.COORDINATOR)).get("/api/v1/persons/?q=%00")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_character"


def test_nul_in_a_token_is_refused_without_a_server_error(world_a):
    client = _no_raise(world_a.api(None))
    client.credentials(HTTP_AUTHORIZATION="Token abc\x00def")

    assert client.get("/api/v1/persons/").status_code in (400, 401)


def test_a_search_without_nul_still_works(world_a):
    assert world_a.api(Role.COORDINATOR).get("/api/v1/persons/?q=zzz").status_code == 200


@pytest.mark.parametrize("host", ["centre", "public"])
def test_deeply_nested_json_to_the_token_endpoint_is_a_bad_request(host, world_a, public_world):
    client = _no_raise(world_a.api(None) if host == "centre" else public_world.api(None))

    response = client.post("/api/v1/auth/token/", data=DEEP_JSON, content_type="application/json")

    assert response.status_code == 400


def test_json_just_past_the_depth_limit_is_a_bad_request(world_a):
    body = "[" * (JSON_MAX_DEPTH + 1) + "]" * (JSON_MAX_DEPTH + 1)

    response = _no_raise(world_a.api()).post("/api/v1/persons/", data=body, content_type="application/json")

    assert response.status_code == 400


def test_json_within_the_depth_limit_is_parsed():
    body = "[" * JSON_MAX_DEPTH + "]" * JSON_MAX_DEPTH

    assert BoundedJSONParser().parse(io.BytesIO(body.encode())) == eval(body)  # noqa: S307 - a literal


def test_a_json_string_or_key_holding_nul_is_refused_by_the_parser():
    for body in (b'{"first_name": "a\\u0000b"}', b'{"a\\u0000": 1}', b'[["x\\u0000"]]'):
        with pytest.raises(ParseError):
            BoundedJSONParser().parse(io.BytesIO(body))


def _api_paths(urlconf: str) -> list[str]:
    some_id = str(uuid.uuid4())
    paths = []
    for route in routes_of(urlconf):
        if route.display.startswith("/api/v1/"):
            paths += route.paths([some_id])
    return paths


def _server_errors_for_deep_json(client, urlconf: str, method: str) -> list[str]:
    errors = []
    for path in _api_paths(urlconf):
        response = getattr(client, method)(path, data=DEEP_JSON, content_type="application/json")
        if response.status_code >= 500:
            errors.append(f"{method.upper()} {path}: {response.status_code}")
    return errors


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_deeply_nested_json_is_never_a_server_error_on_any_centre_api_endpoint(method, world_a):
    assert _server_errors_for_deep_json(_no_raise(world_a.api(Role.COORDINATOR)), TENANT_URLCONF, method) == []


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_deeply_nested_json_is_never_a_server_error_on_any_public_api_endpoint(method, public_world):
    client = _no_raise(public_world.api(public_world.operator_token))

    assert _server_errors_for_deep_json(client, PUBLIC_URLCONF, method) == []


DRIVER_ERROR = ValueError("A string literal cannot contain NUL (0x00) characters.")


def test_a_nul_that_reaches_the_driver_in_the_api_is_a_bad_request():
    from platform_core.api import exception_handler

    response = exception_handler(DRIVER_ERROR, {})

    assert response.status_code == 400


def test_a_nul_that_reaches_the_driver_on_a_page_is_a_bad_request(rf, world_a):
    from platform_core.input_guards import NulCharacterMiddleware

    request = rf.get("/people/", HTTP_HOST=world_a.host)
    request.user = world_a.coordinator

    response = NulCharacterMiddleware(lambda request: None).process_exception(request, DRIVER_ERROR)

    assert response.status_code == 400


def test_other_value_errors_are_left_alone(rf):
    from platform_core.input_guards import NulCharacterMiddleware

    middleware = NulCharacterMiddleware(lambda request: None)

    assert middleware.process_exception(rf.get("/people/"), ValueError("something else")) is None
