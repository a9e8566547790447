"""A suspended or archived centre answers only with its status: no login, no API, data untouched."""

import pytest
from django.test import Client
from django_tenants.utils import schema_context

from platform_core.accounts.models import User
from platform_core.accounts.roles import Role
from tenants.services import centre_archive, centre_reactivate, centre_suspend
from tests.conftest import PASSWORD

from .onboarding import fresh

# What each closed state does to centre A, and the sentence its staff then read.
CLOSURES = {
    "suspended": (centre_suspend, "Η πρόσβαση στο Κέντρο Κοινότητας Άλφα έχει ανασταλεί."),
    "archived": (centre_archive, "Το Κέντρο Κοινότητας Άλφα έχει αρχειοθετηθεί"),
}


@pytest.fixture(params=list(CLOSURES))
def closed_a(request, world_a):
    """Centre A, suspended or archived for this test only."""
    close, _sentence = CLOSURES[request.param]
    return close(centre=fresh(world_a.centre))


@pytest.fixture
def suspended_a(world_a):
    return centre_suspend(centre=fresh(world_a.centre))


def log_in(host: str, user: User):
    return Client(HTTP_HOST=host).post("/accounts/login/", {"username": user.username, "password": PASSWORD})


def test_closed_centres_login_page_answers_503_with_the_reason(world_a, closed_a):
    response = world_a.client(None).get("/accounts/login/")

    assert response.status_code == 503
    assert CLOSURES[closed_a.status][1] in response.text


def test_closed_centres_staff_cannot_log_in(world_a, closed_a):
    response = log_in(world_a.host, world_a.coordinator)

    assert response.status_code == 503
    assert "sessionid" not in response.cookies


def test_closed_centres_open_session_reaches_no_page(world_a, closed_a):
    response = world_a.client(Role.COORDINATOR).get("/staff/")

    assert response.status_code == 503


def test_closed_centres_api_answers_503_json_with_its_status_code(world_a, closed_a):
    response = world_a.api(Role.COORDINATOR).get("/api/v1/me/")

    assert response.status_code == 503
    assert response.json()["code"] == f"centre_{closed_a.status}"


def test_closed_centre_gives_no_new_api_token(world_a, closed_a):
    response = world_a.api(None).post(
        "/api/v1/auth/token/", {"username": world_a.coordinator.username, "password": PASSWORD}, format="json"
    )

    assert response.status_code == 503
    assert "token" not in response.json()


def test_closing_keeps_the_centres_staff_accounts(world_a, closed_a):
    with schema_context(closed_a.schema_name):
        usernames = set(User.objects.values_list("username", flat=True))

    assert usernames == {user.username for user in world_a.users.values()}


def test_reactivated_centres_staff_can_log_in_again(world_a, suspended_a):
    centre_reactivate(centre=suspended_a)

    response = log_in(world_a.host, world_a.coordinator)

    assert response.status_code == 302


def test_reactivated_centres_api_tokens_work_again(world_a, suspended_a):
    centre_reactivate(centre=suspended_a)

    response = world_a.api(Role.COORDINATOR).get("/api/v1/me/")

    assert response.status_code == 200
    assert response.json()["username"] == world_a.coordinator.username


def test_other_centres_staff_log_in_while_one_is_closed(world_b, closed_a):
    response = log_in(world_b.host, world_b.coordinator)

    assert response.status_code == 302


def test_other_centres_api_answers_while_one_is_closed(world_b, closed_a):
    response = world_b.api(Role.COORDINATOR).get("/api/v1/me/")

    assert response.status_code == 200


def test_closed_centres_probes_still_answer(world_a, closed_a):
    client = world_a.client(None)

    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
