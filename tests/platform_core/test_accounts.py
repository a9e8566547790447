"""Staff accounts of a centre: login page, logout, password change, API tokens, throttling, roles."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_tenants.utils import schema_context
from rest_framework.test import APIClient

from platform_core.accounts.models import User
from platform_core.accounts.roles import Role
from platform_core.accounts.services import staff_create
from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"
STAFF_API = "/api/v1/staff/"
STAFF_FORM = "/staff/new/"
FAILURE_LIMIT = 5
NEW_PASSWORD = "Amber-Meadow-Compass-42"


def log_in(client: Client, username: str, password: str = PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password})


def ask_token(client: APIClient, username: str, password: str = PASSWORD):
    return client.post(TOKEN, {"username": username, "password": password}, format="json")


def new_staff(**overrides) -> dict:
    data = {"email": "new.worker@alpha.test", "first_name": "Νέα", "last_name": "Λειτουργός",
            "role": Role.SOCIAL_WORKER.value, "password": NEW_PASSWORD}
    data.update(overrides)
    return data


def exists_in(world, username: str) -> bool:
    with schema_context(world.centre.schema_name):
        return User.objects.filter(username=username).exists()


# --- login page, logout, password change --------------------------------------------------------


def test_login_page_stays_greek_when_the_browser_asks_for_english(world_a):
    response = world_a.client(None).get(LOGIN, HTTP_ACCEPT_LANGUAGE="en")

    assert '<html lang="el">' in response.text
    assert "Σύνδεση" in response.text


def test_login_page_is_english_once_the_user_chose_english(world_a):
    client = world_a.client(None)
    client.post("/i18n/setlang/", {"language": "en", "next": LOGIN})

    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="el")

    assert '<html lang="en">' in response.text
    assert "Sign in" in response.text


def test_staff_member_logs_in_and_lands_on_the_centres_home(world_a):
    client = world_a.client(None)

    response = log_in(client, world_a.coordinator.username)

    assert (response.status_code, response["Location"]) == (302, "/")
    assert client.get("/").status_code == 200


def test_home_shows_the_logged_in_users_role(world_a):
    client = world_a.client(None)
    log_in(client, world_a.users[Role.RECEPTION].username)

    assert str(Role.RECEPTION.label) in client.get("/").text


def test_wrong_password_keeps_the_user_on_the_login_page_with_an_error(world_a):
    response = log_in(world_a.client(None), world_a.coordinator.username, "wrong-password")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not response.wsgi_request.user.is_authenticated


def test_anonymous_visitor_of_the_home_page_is_sent_to_login(world_a):
    response = world_a.client(None).get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_logout_ends_the_session(world_a):
    client = world_a.client(Role.COORDINATOR)

    response = client.post("/accounts/logout/")

    assert (response.status_code, response["Location"]) == (302, LOGIN)
    assert client.get("/")["Location"].startswith(LOGIN)


def test_password_change_lets_the_user_log_in_with_the_new_password(world_a):
    client = world_a.client(Role.SOCIAL_WORKER)

    changed = client.post("/accounts/password/", {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD,
    })

    assert (changed.status_code, changed["Location"]) == (302, "/accounts/password/done/")
    assert log_in(world_a.client(None), world_a.users[Role.SOCIAL_WORKER].username, NEW_PASSWORD).status_code == 302


def test_password_change_retires_the_old_password(world_a):
    client = world_a.client(Role.SOCIAL_WORKER)
    client.post("/accounts/password/", {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD,
    })

    response = log_in(world_a.client(None), world_a.users[Role.SOCIAL_WORKER].username, PASSWORD)

    assert response.status_code == 200


def test_password_change_with_a_wrong_old_password_changes_nothing(world_a):
    client = world_a.client(Role.SOCIAL_WORKER)

    response = client.post("/accounts/password/", {
        "old_password": "not-my-password", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD,
    })

    assert response.status_code == 200
    assert response.context["form"]["old_password"].errors
    assert log_in(world_a.client(None), world_a.users[Role.SOCIAL_WORKER].username).status_code == 302


# --- API tokens ---------------------------------------------------------------------------------


def test_token_endpoint_gives_a_token_that_authenticates_api_calls(world_a):
    token = ask_token(world_a.api(None), world_a.coordinator.username).json()["token"]
    client = world_a.api(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    response = client.get("/api/v1/me/")

    assert response.status_code == 200
    assert response.json()["username"] == world_a.coordinator.username


def test_centre_token_is_unknown_on_another_centre(world_a, world_b):
    token = ask_token(world_a.api(None), world_a.coordinator.username).json()["token"]
    client = world_b.api(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert client.get("/api/v1/me/").status_code == 401


def test_token_endpoint_refuses_a_wrong_password_with_400(world_a):
    response = ask_token(world_a.api(None), world_a.coordinator.username, "wrong-password")

    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]
    assert "token" not in response.json()


def test_token_endpoint_names_missing_fields(world_a):
    response = world_a.api(None).post(TOKEN, {}, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}


def test_another_centres_staff_gets_no_token_here(world_a, world_b):
    response = ask_token(world_a.api(None), world_b.coordinator.username)

    assert response.status_code == 400


# --- login throttling ---------------------------------------------------------------------------


def fail_logins(client: Client, username: str, times: int = FAILURE_LIMIT) -> None:
    for _attempt in range(times):
        log_in(client, username, "wrong-password")


def test_one_failure_short_of_the_limit_the_right_password_still_works(world_a):
    fail_logins(world_a.client(None), world_a.coordinator.username, times=FAILURE_LIMIT - 1)

    assert log_in(world_a.client(None), world_a.coordinator.username).status_code == 302


def test_after_five_failures_the_login_page_answers_429_even_to_the_right_password(world_a):
    fail_logins(world_a.client(None), world_a.coordinator.username)

    response = log_in(world_a.client(None), world_a.coordinator.username)

    assert response.status_code == 429
    assert "Πολλές αποτυχημένες προσπάθειες σύνδεσης" in response.text


def test_after_five_failures_on_the_token_endpoint_it_answers_429(world_a):
    for _attempt in range(FAILURE_LIMIT):
        ask_token(world_a.api(None), world_a.coordinator.username, "wrong-password")

    response = ask_token(world_a.api(None), world_a.coordinator.username)

    assert response.status_code == 429
    assert response.json()["code"] == "login_locked_out"


def test_failures_on_the_login_page_also_lock_the_token_endpoint(world_a):
    fail_logins(world_a.client(None), world_a.coordinator.username)

    response = ask_token(world_a.api(None), world_a.coordinator.username)

    assert response.status_code == 429
    assert "token" not in response.json()


def test_lockout_of_one_user_leaves_colleagues_free_to_log_in(world_a):
    fail_logins(world_a.client(None), world_a.coordinator.username)

    assert log_in(world_a.client(None), world_a.users[Role.RECEPTION].username).status_code == 302


def test_lockout_in_one_centre_leaves_the_same_username_free_in_another(world_a, world_b):
    username = world_a.coordinator.username
    with schema_context(world_b.centre.schema_name):
        staff_create(email=username, password=PASSWORD, role=Role.COORDINATOR)
    fail_logins(world_a.client(None), username)

    response = log_in(world_b.client(None), username)

    assert response.status_code == 302


def test_operator_login_on_the_public_host_is_throttled_too(public_world):
    client = public_world.client(None)
    fail_logins(client, public_world.operator.username)

    assert log_in(client, public_world.operator.username).status_code == 429


# --- roles: who may add staff -------------------------------------------------------------------


def test_coordinator_adds_staff_through_the_api_with_their_role(world_a):
    response = world_a.api(Role.COORDINATOR).post(STAFF_API, new_staff(), format="json")

    assert response.status_code == 201
    assert (response.json()["username"], response.json()["role"]) == ("new.worker@alpha.test", "social_worker")


def test_new_staff_member_belongs_to_their_role_group(world_a):
    world_a.api(Role.COORDINATOR).post(STAFF_API, new_staff(role=Role.PSYCHOLOGIST.value), format="json")

    with schema_context(world_a.centre.schema_name):
        groups = list(Group.objects.filter(user__username="new.worker@alpha.test").values_list("name", flat=True))
    assert groups == [Role.PSYCHOLOGIST.value]


def test_new_staff_member_logs_in_with_the_initial_password(world_a):
    world_a.api(Role.COORDINATOR).post(STAFF_API, new_staff(), format="json")

    assert log_in(world_a.client(None), "new.worker@alpha.test", NEW_PASSWORD).status_code == 302


def test_api_response_never_echoes_the_new_staff_password(world_a):
    response = world_a.api(Role.COORDINATOR).post(STAFF_API, new_staff(), format="json")

    assert NEW_PASSWORD not in response.text


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PSYCHOLOGIST, Role.RECEPTION, Role.AUDITOR])
def test_only_the_coordinator_may_add_staff_through_the_api(world_a, role):
    response = world_a.api(role).post(STAFF_API, new_staff(), format="json")

    assert response.status_code == 403
    assert not exists_in(world_a, "new.worker@alpha.test")


def test_anonymous_caller_cannot_add_staff(world_a):
    response = world_a.api(None).post(STAFF_API, new_staff(), format="json")

    assert response.status_code == 401
    assert not exists_in(world_a, "new.worker@alpha.test")


def test_auditor_may_read_the_staff_list(world_a):
    response = world_a.api(Role.AUDITOR).get(STAFF_API)

    assert response.status_code == 200
    assert response.json()["count"] == len(world_a.users)


def test_staff_with_an_existing_email_is_refused_on_the_email_field(world_a):
    response = world_a.api(Role.COORDINATOR).post(
        STAFF_API, new_staff(email=world_a.users[Role.RECEPTION].email), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["email"]


def test_staff_with_a_weak_password_is_refused_on_the_password_field(world_a):
    response = world_a.api(Role.COORDINATOR).post(STAFF_API, new_staff(password="12345"), format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["password"]
    assert not exists_in(world_a, "new.worker@alpha.test")


def test_coordinator_adds_staff_through_the_staff_page(world_a):
    response = world_a.client(Role.COORDINATOR).post(STAFF_FORM, new_staff())

    with schema_context(world_a.centre.schema_name):
        member = User.objects.get(username="new.worker@alpha.test")
    assert (response.status_code, response["Location"]) == (302, f"/staff/{member.pk}/")
    assert member.role == Role.SOCIAL_WORKER


def test_staff_page_shows_a_short_password_in_greek_under_its_field_and_creates_nobody(world_a):
    response = world_a.client(Role.COORDINATOR).post(STAFF_FORM, new_staff(password="Ab-12"))

    assert "Αυτό το συνθηματικό είναι πολύ μικρό." in str(response.context["form"]["password"].errors)
    assert not exists_in(world_a, "new.worker@alpha.test")


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.AUDITOR])
def test_reception_and_auditor_are_refused_the_new_staff_page(world_a, role):
    client = world_a.client(role)

    assert client.get(STAFF_FORM).status_code == 403
    assert client.post(STAFF_FORM, new_staff()).status_code == 403
    assert not exists_in(world_a, "new.worker@alpha.test")


def test_staff_added_in_one_centre_does_not_exist_in_another(world_a, world_b):
    world_a.api(Role.COORDINATOR).post(STAFF_API, new_staff(), format="json")

    assert exists_in(world_a, "new.worker@alpha.test")
    assert not exists_in(world_b, "new.worker@alpha.test")


def test_staff_added_in_one_centre_cannot_log_in_at_another(world_a, world_b):
    world_a.api(Role.COORDINATOR).post(STAFF_API, new_staff(), format="json")

    response = log_in(world_b.client(None), "new.worker@alpha.test", NEW_PASSWORD)

    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_staff_accounts_do_not_exist_in_public(world_a):
    with schema_context("public"):
        assert not User.objects.filter(username=world_a.coordinator.username).exists()
