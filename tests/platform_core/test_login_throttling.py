"""Failed sign-ins are throttled per (account, address), per account and per address; the address
comes from X-Forwarded-For only behind a trusted proxy; a success clears the account's count on
the page and on the API (README "Sign-in", platform_core/accounts/throttling.py)."""

import pytest
from django.test import Client
from django_tenants.utils import schema_context
from rest_framework.test import APIClient

from platform_core.accounts.roles import Role
from platform_core.accounts.services import staff_create
from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 20
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 20
    settings.TRUSTED_PROXIES = [PROXY]


def page(world, address: str, forwarded: str | None = None) -> Client:
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client(HTTP_HOST=world.host, **extra)


def log_in(client, username: str, password: str = PASSWORD) -> int:
    return client.post(LOGIN, {"username": username, "password": password}).status_code


def token(world, address: str, username: str, password: str = PASSWORD, forwarded: str | None = None) -> int:
    extra = {"REMOTE_ADDR": address, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})}
    client = APIClient(HTTP_HOST=world.host, **extra)
    return client.post(TOKEN, {"username": username, "password": password}, format="json").status_code


def test_spraying_thirty_usernames_once_each_from_one_address_is_throttled(world_a):
    client = page(world_a, "203.0.113.7")

    answers = [log_in(client, f"nobody{n}@alpha.test", "Summer2026!") for n in range(30)]

    assert answers[:19] == [200] * 19
    assert set(answers[20:]) == {429}


def test_a_sprayed_address_is_refused_even_for_a_right_password_of_a_real_account(world_a):
    client = page(world_a, "203.0.113.7")
    for n in range(20):
        log_in(client, f"nobody{n}@alpha.test", "Summer2026!")

    assert log_in(client, world_a.coordinator.username) == 429
    assert log_in(page(world_a, "198.51.100.9"), world_a.coordinator.username) == 302


def test_spraying_through_the_token_endpoint_is_throttled_too(world_a):
    answers = [token(world_a, "203.0.113.8", f"nobody{n}@alpha.test", "Summer2026!") for n in range(25)]

    assert answers[:19] == [400] * 19
    assert set(answers[20:]) == {429}


def test_bad_attempts_from_one_address_do_not_lock_the_account_for_another(world_a):
    attacker = page(world_a, "203.0.113.7")
    for _n in range(12):
        log_in(attacker, world_a.coordinator.username, "wrong-password")

    assert log_in(attacker, world_a.coordinator.username) == 429
    assert log_in(page(world_a, "198.51.100.9"), world_a.coordinator.username) == 302


def test_an_account_guessed_at_from_many_addresses_is_locked_everywhere(world_a):
    for n in range(4):
        for _attempt in range(5):
            log_in(page(world_a, f"203.0.113.{n + 10}"), world_a.coordinator.username, "wrong-password")

    assert log_in(page(world_a, "198.51.100.9"), world_a.coordinator.username) == 429


def test_behind_the_trusted_proxy_each_client_is_counted_apart(world_a):
    attacker = page(world_a, PROXY, forwarded="203.0.113.7")
    for _n in range(5):
        log_in(attacker, world_a.coordinator.username, "wrong-password")

    assert log_in(attacker, world_a.coordinator.username) == 429
    assert log_in(page(world_a, PROXY, forwarded="198.51.100.9"), world_a.coordinator.username) == 302


def test_a_forwarded_address_a_client_wrote_itself_is_ignored(world_a):
    # Not through the proxy: the header is the client's own and changing it changes nothing.
    for n in range(5):
        log_in(page(world_a, "203.0.113.7", forwarded=f"192.0.2.{n}"), world_a.coordinator.username, "wrong")

    assert log_in(page(world_a, "203.0.113.7", forwarded="192.0.2.99"), world_a.coordinator.username) == 429


def test_through_the_proxy_only_the_address_the_proxy_appended_counts(world_a):
    # nginx appends the address it saw: "what the client wrote, <client>".
    for n in range(5):
        log_in(page(world_a, PROXY, forwarded=f"192.0.2.{n}, 203.0.113.7"), world_a.coordinator.username, "wrong")

    assert log_in(page(world_a, PROXY, forwarded="192.0.2.99, 203.0.113.7"), world_a.coordinator.username) == 429
    assert log_in(page(world_a, PROXY, forwarded="203.0.113.8"), world_a.coordinator.username) == 302


def test_a_success_on_the_page_clears_the_accounts_failures(world_a):
    for _n in range(4):
        log_in(page(world_a, "203.0.113.7"), world_a.coordinator.username, "wrong-password")
    assert log_in(page(world_a, "203.0.113.7"), world_a.coordinator.username) == 302

    for _n in range(4):
        log_in(page(world_a, "203.0.113.7"), world_a.coordinator.username, "wrong-password")

    assert log_in(page(world_a, "203.0.113.7"), world_a.coordinator.username) == 302


def test_a_success_on_the_token_endpoint_clears_the_accounts_failures(world_a):
    for _n in range(4):
        token(world_a, "203.0.113.7", world_a.coordinator.username, "wrong-password")
    assert token(world_a, "203.0.113.7", world_a.coordinator.username) == 200

    for _n in range(4):
        token(world_a, "203.0.113.7", world_a.coordinator.username, "wrong-password")

    assert token(world_a, "203.0.113.7", world_a.coordinator.username) == 200


def test_a_token_sign_in_records_the_last_login(world_a):
    before = world_a.coordinator.last_login

    assert token(world_a, "203.0.113.7", world_a.coordinator.username) == 200

    with schema_context(world_a.centre.schema_name):
        world_a.coordinator.refresh_from_db(fields=["last_login"])
    assert world_a.coordinator.last_login != before


def test_signing_into_ones_own_account_does_not_clear_the_addresss_spraying_count(world_a):
    with schema_context(world_a.centre.schema_name):
        staff_create(email="sprayer@alpha.test", password=PASSWORD, role=Role.RECEPTION)
    client = page(world_a, "203.0.113.7")
    for n in range(19):
        log_in(client, f"nobody{n}@alpha.test", "Summer2026!")

    assert log_in(page(world_a, "203.0.113.7"), "sprayer@alpha.test") == 302
    log_in(client, "nobody19@alpha.test", "Summer2026!")

    assert log_in(client, "nobody20@alpha.test", "Summer2026!") == 429
