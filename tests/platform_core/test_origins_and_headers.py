"""A form posts only to the host that served it (no origin of a sibling centre is trusted), and
every response of both hosts switches off the browser features the platform never uses."""

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import PASSWORD


def _login_post(host: str, origin: str | None, username: str):
    """The login form posted over HTTPS (as in production) with the browser's ``Origin``."""
    client = Client(HTTP_HOST=host, enforce_csrf_checks=True)
    client.get("/accounts/login/", secure=True)
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    headers = {"HTTP_ORIGIN": origin} if origin else {}
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD,
                                            "csrfmiddlewaretoken": token}, secure=True, **headers)


def test_no_wildcard_origin_is_trusted():
    assert not any("*" in origin for origin in settings.CSRF_TRUSTED_ORIGINS)


def test_a_post_from_a_sibling_centres_origin_is_refused(world_a, world_b):
    response = _login_post(world_a.host, f"https://{world_b.host}", world_a.coordinator.email)

    assert response.status_code == 403


def test_a_post_from_the_public_sites_origin_to_a_centre_is_refused(world_a, public_world):
    response = _login_post(world_a.host, f"https://{public_world.host}", world_a.coordinator.email)

    assert response.status_code == 403


def test_a_post_from_the_centres_own_origin_is_accepted(world_a):
    response = _login_post(world_a.host, f"https://{world_a.host}", world_a.coordinator.email)

    assert response.status_code == 302


def test_a_post_from_a_centres_origin_to_the_public_site_is_refused(world_a, public_world):
    response = _login_post(public_world.host, f"https://{world_a.host}", public_world.operator.email)

    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/accounts/login/", "/api/v1/schema/", "/healthz", "/no-such-page/"])
@pytest.mark.parametrize("host", ["centre", "public"])
def test_every_response_carries_the_permissions_policy(path, host, world_a, public_world):
    client = world_a.client(None) if host == "centre" else public_world.client(None)

    response = client.get(path)

    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
