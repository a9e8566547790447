"""API tokens: they expire, a password change or a coordinator's "sign out everywhere" revokes
them, their owner lists and revokes them (page and API), only a digest is stored."""

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import schema_context

from platform_core.accounts.models import ApiToken
from platform_core.accounts.roles import Role
from tests.conftest import PASSWORD

TOKEN = "/api/v1/auth/token/"
TOKENS = "/api/v1/auth/tokens/"
NEW_PASSWORD = "Amber-Meadow-Compass-42"


def issue(world, role: Role = Role.SOCIAL_WORKER, **extra) -> dict:
    response = world.api(None).post(TOKEN, {"username": world.users[role].username, "password": PASSWORD, **extra},
                                    format="json")
    assert response.status_code == 200, response.content
    return response.json()


def api_with(world, token: str):
    client = world.api(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_a_token_states_when_it_expires_and_works_until_then(world_a, settings):
    issued = issue(world_a)

    expiry = timezone.datetime.fromisoformat(issued["expiry"])
    assert abs(expiry - (timezone.now() + timedelta(hours=settings.API_TOKEN_TTL_HOURS))) < timedelta(minutes=1)
    assert api_with(world_a, issued["token"]).get("/api/v1/me/").status_code == 200


def test_an_expired_token_is_refused_and_forgotten(world_a):
    issued = issue(world_a)
    with schema_context(world_a.centre.schema_name):
        ApiToken.objects.filter(pk=issued["id"]).update(expiry=timezone.now() - timedelta(seconds=1))

    assert api_with(world_a, issued["token"]).get("/api/v1/me/").status_code == 401
    with schema_context(world_a.centre.schema_name):
        assert not ApiToken.objects.filter(pk=issued["id"]).exists()


def test_only_a_digest_of_the_token_is_stored(world_a):
    issued = issue(world_a)

    with schema_context(world_a.centre.schema_name):
        stored = ApiToken.objects.get(pk=issued["id"])
    assert issued["token"] not in (stored.digest, stored.credentials_hash)


def test_a_password_change_on_the_page_revokes_the_accounts_tokens(world_a):
    issued = issue(world_a)

    changed = world_a.client(Role.SOCIAL_WORKER).post("/accounts/password/", {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert changed.status_code == 302
    assert api_with(world_a, issued["token"]).get("/api/v1/me/").status_code == 401


def test_a_password_changed_any_other_way_revokes_the_tokens_too(world_a):
    issued = issue(world_a)
    with schema_context(world_a.centre.schema_name):
        user = world_a.users[Role.SOCIAL_WORKER].__class__.objects.get(pk=world_a.users[Role.SOCIAL_WORKER].pk)
        user.set_password(NEW_PASSWORD)
        user.save()

    assert api_with(world_a, issued["token"]).get("/api/v1/me/").status_code == 401


def test_a_password_change_keeps_the_changing_session_and_ends_the_others(world_a):
    changing, other = world_a.client(Role.SOCIAL_WORKER), world_a.client(Role.SOCIAL_WORKER)

    changing.post("/accounts/password/", {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert changing.get("/").status_code == 200
    assert other.get("/").status_code == 302


def test_the_coordinators_sign_out_everywhere_ends_the_members_sessions_and_tokens(world_a):
    member = world_a.users[Role.SOCIAL_WORKER]
    issued = issue(world_a)
    browser = world_a.client(Role.SOCIAL_WORKER)
    assert browser.get("/").status_code == 200

    response = world_a.client(Role.COORDINATOR).post(f"/staff/{member.pk}/sign-out/")

    assert response.status_code == 302
    assert api_with(world_a, issued["token"]).get("/api/v1/me/").status_code == 401
    assert browser.get("/")["Location"].startswith("/accounts/login/")
    assert world_a.client(None).post("/accounts/login/", {"username": member.username, "password": PASSWORD}
                                     ).status_code == 302


def test_the_staff_page_offers_the_sign_out_everywhere_button_to_the_coordinator_only(world_a):
    member = world_a.users[Role.SOCIAL_WORKER]

    assert 'data-testid="sign-out-everywhere"' in world_a.client(Role.COORDINATOR).get(f"/staff/{member.pk}/").text
    assert 'data-testid="sign-out-everywhere"' not in world_a.client(Role.AUDITOR).get(f"/staff/{member.pk}/").text
    assert world_a.client(Role.AUDITOR).post(f"/staff/{member.pk}/sign-out/").status_code == 403


def test_sign_out_everywhere_through_the_api_needs_the_staff_permission(world_a):
    member = world_a.users[Role.SOCIAL_WORKER]
    issued = issue(world_a)

    assert world_a.api(Role.AUDITOR).post(f"/api/v1/staff/{member.pk}/sign-out/").status_code == 403
    assert world_a.api(Role.COORDINATOR).post(f"/api/v1/staff/{member.pk}/sign-out/").status_code == 204
    assert api_with(world_a, issued["token"]).get("/api/v1/me/").status_code == 401


def test_the_owner_lists_their_tokens_without_their_secrets(world_a):
    issued = issue(world_a, label="Σενάριο αναφορών")
    client = api_with(world_a, issued["token"])

    rows = client.get(TOKENS).json()["results"]

    mine = next(row for row in rows if row["id"] == issued["id"])
    assert (mine["label"], mine["current"]) == ("Σενάριο αναφορών", True)
    assert issued["token"] not in client.get(TOKENS).text
    assert issued["token"][:4] == mine["prefix"]


def test_the_owner_revokes_a_token_through_the_api(world_a):
    first, second = issue(world_a), issue(world_a)
    client = api_with(world_a, second["token"])

    assert client.delete(f"{TOKENS}{first['id']}/").status_code == 204
    assert api_with(world_a, first["token"]).get("/api/v1/me/").status_code == 401
    assert client.get("/api/v1/me/").status_code == 200


def test_nobody_revokes_or_sees_another_accounts_token(world_a):
    theirs = issue(world_a, Role.PSYCHOLOGIST)
    client = world_a.api(Role.COORDINATOR)

    assert client.delete(f"{TOKENS}{theirs['id']}/").status_code == 404
    assert theirs["id"] not in client.get(TOKENS).text
    assert api_with(world_a, theirs["token"]).get("/api/v1/me/").status_code == 200


def test_the_tokens_page_lists_and_revokes_the_owners_tokens(world_a):
    issued = issue(world_a, label="Tablet υποδοχής")
    browser = world_a.client(Role.SOCIAL_WORKER)

    page = browser.get("/accounts/tokens/")
    assert "Tablet υποδοχής" in page.text
    assert issued["token"] not in page.text

    assert browser.post(f"/accounts/tokens/{issued['id']}/revoke/").status_code == 302
    assert api_with(world_a, issued["token"]).get("/api/v1/me/").status_code == 401


def test_the_password_page_links_to_the_tokens_page(world_a):
    assert 'href="/accounts/tokens/"' in world_a.client(Role.SOCIAL_WORKER).get("/accounts/password/").text


def test_an_account_holds_a_bounded_number_of_tokens(world_a, settings):
    settings.API_TOKENS_PER_USER = 3
    tokens = [issue(world_a)["token"] for _n in range(4)]

    assert api_with(world_a, tokens[0]).get("/api/v1/me/").status_code == 401
    assert all(api_with(world_a, token).get("/api/v1/me/").status_code == 200 for token in tokens[1:])


def test_a_token_header_that_is_not_ascii_is_401_not_500(world_a):
    client = world_a.api(None)
    client.credentials(HTTP_AUTHORIZATION="Token ωωωω".encode().decode("latin-1"))

    assert client.get("/api/v1/me/").status_code == 401


def test_the_schema_documents_the_token_scheme(world_a):
    schema = world_a.api(None).get("/api/v1/schema/", {"format": "json"}).json()

    assert schema["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"
    assert {"tokenAuth": []} in schema["paths"]["/api/v1/persons/"]["get"]["security"]


def test_a_token_sign_in_leaves_no_session_behind(world_a):
    response = world_a.api(None).post(TOKEN, {"username": world_a.users[Role.SOCIAL_WORKER].username,
                                              "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert "sessionid" not in response.cookies
