"""Host routing: a centre's host reaches that centre, the platform domain the public site,
and an unknown host nothing."""

from platform_core.accounts.roles import Role


def test_centre_host_serves_that_centres_staff_ui(world_a):
    response = world_a.client(Role.COORDINATOR).get("/")

    assert response.status_code == 200
    assert world_a.centre.name in response.content.decode()


def test_platform_domain_serves_public_site(public_world):
    response = public_world.client(None).get("/")

    assert response.status_code == 200
    assert "Koinotita" in response.content.decode()


def test_unknown_host_gets_404_not_the_public_site(db, worlds):
    response = worlds["a"].client(None).get("/", HTTP_HOST="nosuchcentre.localhost")

    assert response.status_code == 404
