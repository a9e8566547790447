"""Sessions: a new key at sign-in, an idle limit and an absolute one, passwords of 12 characters
that are not common ones."""

import time

import pytest
from django.conf import settings
from django.test import Client

from platform_core.accounts.roles import Role
from platform_core.sessions import LAST_SEEN_AT, SIGNED_IN_AT
from tests.conftest import PASSWORD


def signed_in(world) -> Client:
    client = Client(HTTP_HOST=world.host)
    assert client.post("/accounts/login/", {"username": world.coordinator.username, "password": PASSWORD}
                       ).status_code == 302
    return client


def shift(client: Client, **seconds_ago: int) -> None:
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = int(time.time()) - ago
    session.save()


def test_signing_in_gives_the_session_a_new_key(world_a):
    client = Client(HTTP_HOST=world_a.host)
    client.get("/accounts/login/")
    client.session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value

    client.post("/accounts/login/", {"username": world_a.coordinator.username, "password": PASSWORD})

    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before


def test_an_idle_session_is_signed_out(world_a):
    client = signed_in(world_a)
    shift(client, **{LAST_SEEN_AT: settings.SESSION_IDLE_SECONDS + 5})

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_busy_session_is_signed_out_at_the_absolute_limit(world_a):
    client = signed_in(world_a)
    shift(client, **{SIGNED_IN_AT: settings.SESSION_ABSOLUTE_SECONDS + 5, LAST_SEEN_AT: 10})

    assert client.get("/").status_code == 302


def test_a_session_in_use_stays_signed_in_and_moves_its_idle_clock(world_a):
    client = signed_in(world_a)
    shift(client, **{LAST_SEEN_AT: settings.SESSION_IDLE_SECONDS - 60})

    assert client.get("/").status_code == 200
    assert time.time() - client.session[LAST_SEEN_AT] < 30


def test_the_idle_limit_is_shorter_than_the_absolute_one_by_default():
    assert settings.SESSION_IDLE_SECONDS < settings.SESSION_ABSOLUTE_SECONDS
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_ABSOLUTE_SECONDS


@pytest.mark.parametrize("password", ["Short-pw-26", "qwerty123456"])
def test_a_short_or_common_new_password_is_refused(world_a, password):
    client = world_a.client(Role.SOCIAL_WORKER)

    response = client.post("/accounts/password/", {
        "old_password": PASSWORD, "new_password1": password, "new_password2": password})

    assert response.status_code == 200
    assert response.context["form"]["new_password2"].errors


def test_a_twelve_character_password_is_accepted(world_a):
    client = world_a.client(Role.SOCIAL_WORKER)

    response = client.post("/accounts/password/", {
        "old_password": PASSWORD, "new_password1": "Kx7-vomb-Qe2", "new_password2": "Kx7-vomb-Qe2"})

    assert response.status_code == 302
