"""A centre's sessions and tokens exist only in its own schema: elsewhere they sign nobody in."""

from .calls import Credential


def _me(call, host: str, credential: Credential):
    return call("GET", host, "/api/v1/me/", credential)


def test_harness_sessions_and_tokens_sign_in_on_their_own_host(call, isolation, worlds):
    """Without this, the cross-centre tests below would pass with credentials that work nowhere."""
    a, b = worlds["a"], worlds["b"]
    signed_in = {
        label: _me(call, host, isolation[label]).json().get("email")
        for label, host in [
            ("A coordinator session", a.host), ("A coordinator token", a.host),
            ("B coordinator session", b.host), ("B coordinator token", b.host),
        ]
    }

    assert signed_in == {
        "A coordinator session": a.coordinator.email, "A coordinator token": a.coordinator.email,
        "B coordinator session": b.coordinator.email, "B coordinator token": b.coordinator.email,
    }


def test_centre_a_session_is_anonymous_on_centre_b_host(call, isolation):
    response = call("GET", isolation.b_host, "/", isolation["A coordinator session"])

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")


def test_centre_a_session_gets_no_api_answer_on_centre_b_host(call, isolation):
    response = _me(call, isolation.b_host, isolation["A coordinator session"])

    assert response.status_code in (401, 403)


def test_centre_a_token_gets_401_on_centre_b_host(call, isolation):
    response = _me(call, isolation.b_host, isolation["A coordinator token"])

    assert response.status_code == 401


def test_centre_a_token_gets_404_for_a_staff_member_of_centre_b(call, isolation, worlds):
    b_coordinator_id = worlds["b"].coordinator.pk

    response = call("GET", isolation.a_host, f"/api/v1/staff/{b_coordinator_id}/", isolation["A coordinator token"])

    assert response.status_code == 404


def test_centre_a_token_gets_a_staff_member_of_its_own_centre(call, isolation, worlds):
    """The 404 above comes from the other centre's id, not from a route that answers nothing."""
    a_coordinator = worlds["a"].coordinator

    response = call("GET", isolation.a_host, f"/api/v1/staff/{a_coordinator.pk}/", isolation["A coordinator token"])

    assert response.json()["email"] == a_coordinator.email
